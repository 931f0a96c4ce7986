from django.urls import path

from . import views

urlpatterns = [
    path("mijn/organisatie/", views.edit_organisation, name="network_edit_organisation"),
    path("mijn/e-mail-bevestigen/<str:token>/", views.confirm_email, name="network_confirm_email"),
    path("mijn/privacy/", views.privacy, name="network_privacy_mine"),
]
