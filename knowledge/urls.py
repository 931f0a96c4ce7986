from django.urls import path

from . import search

app_name = "knowledge"

urlpatterns = [path("zoeken/", search.search, name="search")]
