"""The handover, exit-request and reflection models now live in governance (issue 14): forget them here, in
Django's state only; their tables and rows stay (governance 0001 takes them over, 0002 renames them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0002_private_handover_documents"),
        ("governance", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name=name)
                for name in [
                    "HandoverDocument",
                    "HandoverChecklistItem",
                    "HandoverNomination",
                    "HandoverObjection",
                    "HandoverProcess",
                    "ExitRequestProcess",
                    "ReflectionProcess",
                ]
            ],
            database_operations=[],
        ),
    ]
