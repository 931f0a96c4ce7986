from django.urls import path

from . import search

urlpatterns = [path("zoeken/", search.search, name="search")]
