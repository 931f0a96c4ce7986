from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("bijeenkomsten/<int:pk>/aanmelden/", views.register, name="register"),
    path("bijeenkomsten/<int:pk>/afmelden/", views.cancel_own, name="cancel_own"),
    path("bijeenkomsten/afmelden/<str:token>/", views.cancel_by_token, name="cancel"),
]
