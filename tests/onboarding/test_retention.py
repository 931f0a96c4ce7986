import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone

from onboarding.tasks import delete_rejected_applications

pytestmark = pytest.mark.django_db


def application(name, decision, days_ago, **fields):
    from onboarding.flows import OnboardingFlow

    Application = apps.get_model("onboarding.Application")
    return Application.objects.create(
        flow_class=OnboardingFlow,
        organisation_name=name,
        contact_name=f"Contact {name}",
        email=f"info@{name.lower()}.example.org",
        motivation="Wij willen meedoen.",
        decision=decision,
        decided_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


def test_rejected_applications_expire_after_the_retention_period(settings):
    settings.NNR_REJECTED_APPLICATION_RETENTION_DAYS = 90
    Application = apps.get_model("onboarding.Application")
    Declaration = apps.get_model("onboarding.Declaration")
    old = application("Oud", "reject", 100)
    signed = application("Getekend", "reject", 100)
    Declaration.append(
        application=signed,
        organisation_name="Getekend",
        signer_name="Contact Getekend",
        signer_email=signed.email,
        declaration_text="Wij zijn geen tabaksindustrie.",
        rules_text="Wij aanvaarden de spelregels.",
        rules_version="2026.1",
        rules_url="/spelregels/",
        consent_text="Ik deel mijn gegevens.",
    )
    recent = application("Recent", "reject", 10)
    accepted = application("Toegelaten", "accept", 400)
    assert delete_rejected_applications() == (1, 1)
    assert not Application.objects.filter(pk=old.pk).exists()
    assert set(Application.objects.values_list("pk", flat=True)) == {signed.pk, recent.pk, accepted.pk}
    signed.refresh_from_db()
    assert (
        signed.contact_name == "" and signed.motivation == "" and signed.email.endswith("@verwijderd.invalid")
    )
    assert Declaration.verify_chain() == []  # the append-only archive is untouched
    assert delete_rejected_applications() == (0, 0)  # idempotent


def test_the_task_is_scheduled():
    entry = settings.CELERY_BEAT_SCHEDULE["network-delete-rejected-applications"]
    assert entry["task"] == "onboarding.tasks.delete_rejected_applications"
