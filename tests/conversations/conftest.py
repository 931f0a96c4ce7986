import pytest

from coalitions.choices import MemberRole
from coalitions.factories import ActivityPageFactory, CoalitionPageFactory, add_membership, coalition_index
from following.follows import give_consent
from knowledge.factories import article, knowledge_index
from network.factories import ContactUserFactory, OfficeUserFactory


def _person(username, org, **kwargs):
    return ContactUserFactory(
        username=username,
        email=f"{username}@example.org",
        contact__name=username.capitalize(),
        contact__participant__name=org,
        **kwargs,
    )


@pytest.fixture
def trekker(db):
    """Tom, contact of Sportclub Twente, trekker of Rookvrij Twente; agreed to mails about the network."""
    user = _person("tom", "Sportclub Twente")
    give_consent(user.contact_person)
    return user


@pytest.fixture
def member(db):
    """Mia, contact of GGD Twente, an ordinary participant."""
    return _person("mia", "GGD Twente")


@pytest.fixture
def outsider(db):
    """Otto, trekker of another coalition: no say over Rookvrij Twente."""
    return _person("otto", "Sportbond Oost")


@pytest.fixture
def office(db):
    return OfficeUserFactory(username="bureau")


@pytest.fixture
def coalition(trekker, outsider):
    page = CoalitionPageFactory(parent=coalition_index(), title="Rookvrij Twente", themes=["sport"])
    add_membership(page, trekker.contact_person.participant, MemberRole.TREKKER)
    other = CoalitionPageFactory(parent=coalition_index(), title="Rookvrij Oost")
    add_membership(other, outsider.contact_person.participant, MemberRole.TREKKER)
    return page


@pytest.fixture
def activity(coalition):
    return ActivityPageFactory(parent=coalition, title="Rookvrij sportpark", summary="Wat we deden.")


@pytest.fixture
def writer(db):
    """Wendy of Kennisorganisatie, the author organisation of an article; agreed to mails."""
    user = _person("wendy", "Kennisorganisatie")
    give_consent(user.contact_person)
    return user


@pytest.fixture
def kennis_article(writer):
    return article(
        knowledge_index(),
        "Rookvrij schoolplein",
        tags=["onderwijs"],
        author=writer.contact_person.participant,
    )
