from django.urls import path

from . import views

app_name = "office"

urlpatterns = [
    path("mijn/", views.account_home, name="account_home"),
    path("netwerk/gezondheid/", views.health_view, name="health"),
    path("deelnemers/", views.directory_view, name="directory"),
    path("deelnemers/<int:pk>/", views.directory_detail, name="directory_detail"),
]
