"""URLs of the network-role flows (included from nnr_site/urls.py)."""

from django.urls import path

from . import flow_views

app_name = "workflows_flow"

urlpatterns = [
    path("mijn/rol/", flow_views.role_change, name="role_change"),
    path("mijn/reflecties/", flow_views.reflection_archive, name="reflections"),
    path("werkstromen/overdracht/starten/", flow_views.start_handover, name="start_handover"),
    path("werkstromen/vertrek/starten/", flow_views.start_exit, name="start_exit"),
    path(
        "werkstromen/overdracht/<int:process_pk>/document/<int:document_pk>/",
        flow_views.document_view,
        name="document",
    ),
    path("werkstromen/<slug:flow_slug>/<int:process_pk>/", flow_views.process_view, name="process"),
    path(
        "werkstromen/<slug:flow_slug>/<int:process_pk>/<slug:node_name>/<int:task_pk>/",
        flow_views.task_view,
        name="task",
    ),
]
