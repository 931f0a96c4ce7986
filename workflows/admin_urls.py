"""URLs of the "Taken" area, mounted under /admin/taken/ by wagtail_hooks (namespace "taken")."""

from django.urls import path

from . import views

app_name = "taken"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("wachtrij/", views.QueueView.as_view(), name="queue"),
    path("wachtrij/oppakken/", views.AssignManyView.as_view(), name="assign_many"),
    path("alle/", views.AllTasksView.as_view(), name="all"),
    path("taak/<int:pk>/", views.TaskDetailView.as_view(), name="task"),
    path("taak/<int:pk>/oppakken/", views.AssignView.as_view(), name="assign"),
    path("taak/<int:pk>/teruggeven/", views.UnassignView.as_view(), name="unassign"),
    path("taak/<int:pk>/toewijzen/", views.ReassignView.as_view(), name="reassign"),
    path("taak/<int:pk>/uitvoeren/", views.execute_task, name="execute"),
    path("proces/<int:pk>/", views.ProcessDetailView.as_view(), name="process"),
]
