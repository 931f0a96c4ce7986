"""Wagtail's migration 0048 names its default workflow and task after the groups in English ("Moderators
approval"); editors read that name in the page editor ("Stuur door naar Moderators approval"). Name them in
Dutch. Workflows the office named itself are left alone."""

from django.db import migrations

DUTCH = {"Moderators approval": "Goedkeuring door redactie"}
ENGLISH = {dutch: english for english, dutch in DUTCH.items()}


def _dutch(name):
    if name in DUTCH:
        return DUTCH[name]
    if name.endswith(" approval"):  # "<group names> approval", as migration 0048 names any other
        return "Goedkeuring door " + name.removesuffix(" approval")
    return name


def _rename(apps, rename):
    for model in ("Workflow", "Task"):
        for item in apps.get_model("wagtailcore", model).objects.all():
            new = rename(item.name)
            if new != item.name:
                item.name = new
                item.save(update_fields=["name"])


def forwards(apps, schema_editor):
    _rename(apps, _dutch)


def backwards(apps, schema_editor):
    _rename(apps, lambda name: ENGLISH.get(name, name))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_phone_digits_only"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
