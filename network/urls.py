from django.urls import path

from . import directory, views

urlpatterns = [
    path("mijn/", views.account_home, name="account_home"),
    path("deelnemers/", directory.directory, name="network_directory"),
    path("deelnemers/<int:pk>/", directory.directory_detail, name="network_directory_detail"),
]
