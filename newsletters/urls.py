from django.urls import include, path

from . import views

app_name = "newsletters"

urlpatterns = [
    path("nieuwsbrief/<int:pk>/aanmelden/", views.signup, name="signup"),
    path("nieuwsbrief/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("nieuwsbrief/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("nieuwsbrief/afmelden/<str:token>/een-klik/", views.one_click, name="one_click"),
    path("anymail/", include("newsletters.webhooks")),
]
