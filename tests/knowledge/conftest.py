import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from knowledge.factories import knowledge_index
from network.models import ContactPerson, Participant, Role
from network.roles import OFFICE, ensure_groups


@pytest.fixture
def index(db):
    return knowledge_index()


@pytest.fixture
def office_user(db):
    ensure_groups()
    user = get_user_model().objects.create_user("bureau", "bureau@example.org", "pw", first_name="Bureau")
    user.groups.add(Group.objects.get(name=OFFICE))
    return user


@pytest.fixture
def partner_user(db):
    ensure_groups()
    participant = Participant.objects.create(name="GGD Testregio", role=Role.PARTNER)
    user = get_user_model().objects.create_user("partner", "partner@example.org", "pw", first_name="Pia")
    ContactPerson.objects.create(participant=participant, name="Pia", email="partner@example.org", user=user)
    return user
