import pytest

from coalitions.factories import CoalitionPageFactory, coalition_index
from knowledge.factories import knowledge_index
from network.factories import ContactUserFactory


@pytest.fixture
def coalition(db):
    return CoalitionPageFactory(parent=coalition_index(), title="Rookvrij Twente", themes=["sport"])


@pytest.fixture
def kennis(db):
    return knowledge_index()


@pytest.fixture
def reader(db):
    """Pia, contact person of the partner GGD Testregio, who follows things on the site."""
    return ContactUserFactory(
        username="pia",
        email="pia@example.org",
        contact__name="Pia",
        contact__participant__name="GGD Testregio",
    ).contact_person


@pytest.fixture
def other_reader(db):
    return ContactUserFactory(
        username="otto",
        email="otto@example.org",
        contact__name="Otto",
        contact__participant__name="Sportbond",
    ).contact_person
