"""A reflection finished without its completion date (the demo's did, issue 15) shows an empty "Afgerond op":
give it the date its process finished."""

from django.db import migrations


def fill_completed_at(apps, schema_editor):
    ReflectionProcess = apps.get_model("governance", "ReflectionProcess")
    for reflection in ReflectionProcess.objects.filter(completed_at=None).exclude(finished=None):
        ReflectionProcess.objects.filter(pk=reflection.pk).update(completed_at=reflection.finished)


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_move_from_workflows")]

    operations = [migrations.RunPython(fill_completed_at, migrations.RunPython.noop)]
