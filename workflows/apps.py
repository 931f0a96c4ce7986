from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    """What all flows share: the task list of each person, the admin's Taken area, its permission checks, the
    task form, the e-mails about tasks and reminders."""

    name = "workflows"
    verbose_name = _("Taken en workflows")

    def ready(self):
        from . import receivers

        receivers.connect()
