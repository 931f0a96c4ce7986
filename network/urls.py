from django.urls import path

from . import views

urlpatterns = [
    path("mijn/", views.account_home, name="account_home"),
]
