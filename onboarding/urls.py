from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("aanmelden/", views.apply, name="apply"),
    path("aanmelden/verstuurd/", views.sent, name="sent"),
    path("aanmelden/bevestigen/<str:token>/", views.verify_email, name="verify"),
    path("aanmelden/status/<str:token>/", views.status, name="status"),
    path("welkom/<uidb64>/<token>/", views.InvitationView.as_view(), name="welcome"),
]
