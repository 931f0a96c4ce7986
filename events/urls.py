from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("bijeenkomsten/afmelden/<str:token>/", views.cancel_by_token, name="cancel"),
]
