from django.urls import path

from . import views

app_name = "following"

urlpatterns = [
    path("volgen/", views.follow, name="follow"),
    path("mijn/volgen/", views.preferences, name="preferences"),
    path("volgen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("volgen/afmelden/<str:token>/een-klik/", views.one_click, name="one_click"),
]
