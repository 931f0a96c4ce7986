from django.urls import path

from . import views

urlpatterns = [
    path("inloggen/code/", views.verify, name="accounts_verify"),
    path("mijn/beveiliging/", views.security, name="accounts_security"),
    path("mijn/beveiliging/instellen/", views.setup, name="accounts_setup"),
    path("mijn/beveiliging/herstelcodes/", views.recovery_codes, name="accounts_recovery_codes"),
    path("mijn/beveiliging/uitzetten/", views.switch_off, name="accounts_switch_off"),
]
