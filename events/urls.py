from django.urls import path

from . import views

urlpatterns = [
    path("bijeenkomsten/afmelden/<str:token>/", views.cancel_by_token, name="events_cancel"),
]
