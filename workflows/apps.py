from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    """What all flows share: the admin's Taken area, its permission checks, the task form and reminders."""

    name = "workflows"
    verbose_name = _("Taken en workflows")
