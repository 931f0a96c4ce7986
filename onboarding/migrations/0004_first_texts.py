from django.db import migrations
from django.utils import timezone

from ._first_texts import create_first_versions


def forwards(apps, schema_editor):
    create_first_versions(apps.get_model("onboarding", "DeclarationText"), timezone.now())


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0003_versioned_texts")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
