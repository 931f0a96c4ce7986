from django.urls import path

from . import confirm_views, rules_views, views

app_name = "onboarding"

urlpatterns = [
    path("aanmelden/", views.apply, name="apply"),
    path("aanmelden/verstuurd/", views.sent, name="sent"),
    path("aanmelden/bevestigen/<str:token>/", views.verify_email, name="verify"),
    path("aanmelden/status/<str:token>/", views.status, name="status"),
    path("welkom/<uidb64>/<token>/", views.InvitationView.as_view(), name="welcome"),
    path("spelregels/versies/", rules_views.rules_history, name="rules_history"),
    path("spelregels/versies/vergelijken/", rules_views.rules_compare, name="rules_compare"),
    path("spelregels/versies/<int:number>/", rules_views.rules_version, name="rules_version"),
    path("bevestigen/<str:token>/", confirm_views.confirm, name="confirm"),
    path("extern-lid/<str:token>/", confirm_views.external_member, name="external_member"),
]
