from django.urls import path

from . import views

urlpatterns = [
    path("mijn/", views.account_home, name="account_home"),
    path("netwerk/gezondheid/", views.health_view, name="network_health"),
    path("deelnemers/", views.directory_view, name="network_directory"),
    path("deelnemers/<int:pk>/", views.directory_detail, name="network_directory_detail"),
]
