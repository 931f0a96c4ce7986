"""Site URLs of workflows (included from nnr_site/urls.py), namespace "workflows"."""

from django.urls import path

from . import views

app_name = "workflows"

urlpatterns = [
    path("mijn/taken/", views.my_tasks, name="my_tasks"),
]
