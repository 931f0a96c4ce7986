import pytest

from knowledge.factories import knowledge_index
from network.factories import ContactUserFactory, OfficeUserFactory


@pytest.fixture
def index(db):
    return knowledge_index()


@pytest.fixture
def office_user(db):
    return OfficeUserFactory(username="bureau", first_name="Bureau")


@pytest.fixture
def partner_user(db):
    return ContactUserFactory(
        username="partner", first_name="Pia", contact__name="Pia", contact__participant__name="GGD Testregio"
    )
