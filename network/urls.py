from django.urls import path

from . import dashboard, directory, email_change, health_views, views

urlpatterns = [
    path("mijn/", views.account_home, name="account_home"),
    path("mijn/organisatie/", dashboard.edit_organisation, name="network_edit_organisation"),
    path("mijn/e-mail-bevestigen/<str:token>/", email_change.confirm_view, name="network_confirm_email"),
    path("mijn/privacy/", dashboard.privacy, name="network_privacy_mine"),
    path("netwerk/gezondheid/", health_views.health_view, name="network_health"),
    path("deelnemers/", directory.directory, name="network_directory"),
    path("deelnemers/<int:pk>/", directory.directory_detail, name="network_directory_detail"),
]
