from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Taken en workflows")

    def ready(self):
        from network.roles import CORE_PARTNERS, OFFICE, grant

        from . import flow_hooks, flow_tasks  # noqa: F401  (network-role flows: hooks and Celery tasks)

        archive = (
            "workflows.view_handoverprocess",
            "workflows.view_exitrequestprocess",
            "workflows.view_reflectionprocess",
        )
        grant(OFFICE, "workflows.act_as_office", *archive)
        grant(CORE_PARTNERS, "workflows.act_as_core_partner", *archive)
