import io

import pytest
from django.core.management.base import BaseCommand

from following import demo as following_demo
from following.follows import followed_coalitions, followed_regions, followed_themes, has_consent
from following.models import Follow
from network.models import ContactPerson

pytestmark = pytest.mark.django_db


def test_the_demo_partner_follows_themes_and_regions_besides_its_own_coalition(demo):
    partner = ContactPerson.objects.get(user__username="partner")
    assert [c.slug for c in followed_coalitions(partner)] == ["rookvrije-generatie-utrecht"]
    assert [t.slug for t in followed_themes(partner)] == ["onderwijs", "sport"]
    assert [code for code, _name in followed_regions(partner)] == ["ijsselland", "utrecht"]
    assert has_consent(partner)
    rows = Follow.objects.count()
    following_demo.load(BaseCommand(stdout=io.StringIO()))
    assert Follow.objects.count() == rows and partner.consents.filter(purpose="netwerkberichten").count() == 1
