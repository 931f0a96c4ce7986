"""Wagtail's migration 0002 creates the groups "Moderators" and "Editors"; the office reads them in the admin's
Groepen and on every user's screen. Name them in Dutch (groups are found by id, so nothing else changes)."""

from django.db import migrations

DUTCH = {"Moderators": "Moderatoren", "Editors": "Redacteuren"}


def _rename(apps, names):
    Group = apps.get_model("auth", "Group")
    for old, new in names.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    _rename(apps, DUTCH)


def backwards(apps, schema_editor):
    _rename(apps, {new: old for old, new in DUTCH.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_call_to_action_for_visitors"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
