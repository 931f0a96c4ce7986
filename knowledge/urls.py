from django.urls import path

from . import search, views

app_name = "knowledge"

urlpatterns = [
    path("zoeken/", search.search, name="search"),
    path("mijn/kennis/nieuw/", views.share_new, name="share_new"),
    path("mijn/kennis/<int:pk>/", views.share_edit, name="share_edit"),
    path("mijn/kennis/<int:pk>/terugnemen/", views.share_withdraw, name="share_withdraw"),
]
