"""URLs of the network-role flows (included from nnr_site/urls.py), namespace "governance"; the paths are the
ones they had in workflows/ (/werkstromen/…)."""

from django.urls import path

from . import proposal_views, views

app_name = "governance"

urlpatterns = [
    path("mijn/rol/", views.role_change, name="role_change"),
    path("mijn/reflecties/", views.reflection_archive, name="reflections"),
    path("voorstellen/", proposal_views.proposal_list, name="proposals"),
    path("voorstellen/nieuw/", proposal_views.proposal_new, name="proposal_new"),
    path("voorstellen/<int:pk>/", proposal_views.proposal_detail, name="proposal"),
    path("voorstellen/<int:pk>/steun/", proposal_views.support, name="proposal_support"),
    path("voorstellen/<int:pk>/opmerkingen/", proposal_views.comment, name="proposal_comment"),
    path("voorstellen/opmerkingen/<int:pk>/verbergen/", proposal_views.hide_comment, name="hide_comment"),
    path(
        "voorstellen/opmerkingen/<int:pk>/terugzetten/", proposal_views.unhide_comment, name="unhide_comment"
    ),
    path("werkstromen/overdracht/starten/", views.start_handover, name="start_handover"),
    path("werkstromen/vertrek/starten/", views.start_exit, name="start_exit"),
    path(
        "werkstromen/overdracht/<int:process_pk>/document/<int:document_pk>/",
        views.document_view,
        name="document",
    ),
    path(
        "werkstromen/overdracht/<int:process_pk>/bezwaartermijn-sluiten/",
        views.close_objection_period_view,
        name="close_objection_period",
    ),
    path("werkstromen/<slug:flow_slug>/<int:process_pk>/", views.process_view, name="process"),
    path("werkstromen/<slug:flow_slug>/<int:process_pk>/intrekken/", views.withdraw_view, name="withdraw"),
    path(
        "werkstromen/<slug:flow_slug>/<int:process_pk>/<slug:node_name>/<int:task_pk>/",
        views.task_view,
        name="task",
    ),
]
