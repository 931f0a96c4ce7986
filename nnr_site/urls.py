from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.views import favicon, robots_txt
from nnr_site.health import health_urlpatterns
from nnr_site.media import media_urlpatterns

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    *health_urlpatterns(),  # /health/ and /health/web/: nnr_site/health.py
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord/vergeten/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("wachtwoord/verstuurd/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "wachtwoord/instellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("wachtwoord/klaar/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("", include("accounts.urls")),
    path("", include("network.urls")),
    path("", include("coalitions.urls")),
    path("", include("onboarding.urls")),
    path("", include("governance.urls")),
    path("", include("knowledge.urls")),
    path("", include("newsletters.urls")),
    path("", include("events.urls")),
    path("", include("following.urls")),
    path("", include("conversations.urls")),
    path("", include("office.urls")),
    path("", include("workflows.urls")),
]

if settings.DEBUG:
    urlpatterns += media_urlpatterns()  # images only: nnr_site/media.py

urlpatterns += [path("", include(wagtail_urls))]
