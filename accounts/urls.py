from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/code/", views.verify, name="verify"),
    path("mijn/beveiliging/", views.security, name="security"),
    path("mijn/beveiliging/instellen/", views.setup, name="setup"),
    path("mijn/beveiliging/herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("mijn/beveiliging/uitzetten/", views.switch_off, name="switch_off"),
]
