from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("mijn/organisatie/", views.edit_organisation, name="edit_organisation"),
    path("mijn/e-mail-bevestigen/<str:token>/", views.confirm_email, name="confirm_email"),
    path("mijn/privacy/", views.privacy, name="privacy_mine"),
]
