"""Memberships get a status: an invitation is no membership until the participant accepts. Every existing
membership was made before invitations existed and stays a membership: the new column is filled with
"geaccepteerd" for all existing rows (the field's default)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="coalitionmembership",
            name="status",
            field=models.CharField(
                choices=[
                    ("uitgenodigd", "Uitgenodigd"),
                    ("geaccepteerd", "Geaccepteerd"),
                    ("afgeslagen", "Afgeslagen"),
                ],
                default="geaccepteerd",
                max_length=20,
                verbose_name="status",
            ),
        ),
    ]
