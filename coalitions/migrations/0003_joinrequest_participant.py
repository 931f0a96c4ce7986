"""A join request names the organisation that asks, and an organisation has at most one open request per
coalition. Existing requests get their contact's participant; where simultaneous clicks left several open
requests of one organisation for one coalition, the oldest stays and the copies are removed."""

import django.db.models.deletion
from django.db import migrations, models


def fill_participant(apps, schema_editor):
    JoinRequest = apps.get_model("coalitions", "JoinRequest")
    for join_request in JoinRequest.objects.select_related("contact").iterator():
        join_request.participant_id = join_request.contact.participant_id
        join_request.save(update_fields=["participant"])
    seen = set()
    for join_request in JoinRequest.objects.filter(status="open").order_by("created_at", "pk"):
        key = (join_request.coalition_id, join_request.participant_id)
        if key in seen:
            join_request.delete()
        seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0002_coalitionmembership_status"),
        ("network", "0002_consent_record"),
    ]

    operations = [
        migrations.AddField(
            model_name="joinrequest",
            name="participant",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="coalition_join_requests",
                to="network.participant",
                verbose_name="deelnemer",
            ),
        ),
        migrations.RunPython(fill_participant, migrations.RunPython.noop),
    ]
