"""Where workflows listens to the flows: a new human task is announced by e-mail once its step is committed.

Connected once from WorkflowsConfig.ready.
"""

from django.db import transaction
from django.db.models.signals import post_save
from viewflow.workflow.models import Task

from . import tasks


def connect():
    post_save.connect(on_task_saved, sender=Task, dispatch_uid="workflows.announce_task")


def on_task_saved(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.flow_task_type != "HUMAN":
        return
    task_id = instance.pk
    transaction.on_commit(lambda: tasks.announce_task.delay(task_id), robust=True)
