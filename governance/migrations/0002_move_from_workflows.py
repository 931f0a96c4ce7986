"""Finish the move from workflows (issue 14): the tables get governance's names, and what the database stores
by name follows the flows, so running processes, tasks and the groups' permissions carry on:

- Viewflow's process and task rows name their flow and node ("workflows/flows.HandoverFlow.prepare"),
- a task's required permission is a string ("workflows.act_as_office"),
- the content types (and so every permission and log entry about these models) get app label "governance".
"""

from django.db import migrations
from django.db.models import CharField, Value
from django.db.models.functions import Concat, Substr

MODELS = [
    "handoverprocess",
    "handoverdocument",
    "handoverchecklistitem",
    "handovernomination",
    "handoverobjection",
    "exitrequestprocess",
    "reflectionprocess",
]


def _replace_prefix(queryset, field, old, new):
    """Rewrite `old...` to `new...` in the database, without loading the rows (the old flow no longer imports)."""
    queryset.filter(**{f"{field}__startswith": old}).update(
        **{field: Concat(Value(new), Substr(field, len(old) + 1), output_field=CharField())}
    )


def _move(apps, old, new):
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    Process = apps.get_model("viewflow", "Process")
    Task = apps.get_model("viewflow", "Task")
    ContentType = apps.get_model("contenttypes", "ContentType")
    _replace_prefix(Process.objects.all(), "flow_class", f"{old}/flows.", f"{new}/flows.")
    _replace_prefix(Task.objects.all(), "flow_task", f"{old}/flows.", f"{new}/flows.")
    _replace_prefix(Task.objects.all(), "owner_permission", f"{old}.", f"{new}.")
    taken = ContentType.objects.filter(app_label=new, model__in=MODELS).values_list("model", flat=True)
    ContentType.objects.filter(app_label=old, model__in=set(MODELS) - set(taken)).update(app_label=new)
    CurrentContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move(apps, "workflows", "governance")


def backwards(apps, schema_editor):
    _move(apps, "governance", "workflows")


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        *[migrations.AlterModelTable(name=model, table=None) for model in MODELS],
        migrations.RunPython(forwards, backwards),
    ]
