"""Separate from 0003: PostgreSQL does not alter a table in the transaction that just updated its rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0003_joinrequest_participant")]

    operations = [
        migrations.AlterField(
            model_name="joinrequest",
            name="participant",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="coalition_join_requests",
                to="network.participant",
                verbose_name="deelnemer",
            ),
        ),
        migrations.AddConstraint(
            model_name="joinrequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "open")),
                fields=("coalition", "participant"),
                name="one_open_join_request_per_participant",
            ),
        ),
    ]
