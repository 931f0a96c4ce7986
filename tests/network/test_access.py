"""network.access: the one answer to "whose contact is this user?" and "is this the office / a core partner?"."""

import pytest
from django.contrib.auth.models import AnonymousUser

from network import access
from network.factories import ContactUserFactory, UserFactory, add_groups
from network.models import Role
from network.roles import CORE_PARTNERS, OFFICE

pytestmark = pytest.mark.django_db


def contact(username, role=Role.PARTNER, *groups):
    user = ContactUserFactory(username=username, role=role)
    add_groups(user, groups)  # after the role's own group was synced
    return user, user.contact_person.participant


def test_contact_for_any_participant_active_contact_only_for_an_active_one():
    user, participant = contact("partner")
    assert access.contact_for(user).participant == participant == access.active_contact(user).participant
    participant.mark_left()
    user = type(user).objects.get(pk=user.pk)  # the next request: what one request learned is not kept
    assert access.contact_for(user).participant == participant == access.participant_of(user)
    assert access.active_contact(user) is None
    for nobody in (None, AnonymousUser()):
        assert access.contact_for(nobody) is None and access.active_contact(nobody) is None
        assert not access.is_office(nobody) and not access.is_core_partner(nobody)


def test_core_partner_speaks_for_an_active_core_partner_the_group_alone_is_not_enough():
    kern, participant = contact("kern", Role.KERNPARTNER, CORE_PARTNERS)
    grouped_partner, _ = contact("partner", Role.PARTNER, CORE_PARTNERS)
    office, _ = contact("bureau", Role.PARTNER, OFFICE)
    admin = UserFactory(username="admin", superuser=True)

    assert access.core_partner_of(kern) == participant and access.is_core_partner(kern)
    assert not access.is_core_partner(grouped_partner) and access.is_core_or_office(grouped_partner)
    assert access.is_office(office) and not access.is_core_partner(office)
    assert access.is_office(admin) and access.is_core_or_office(admin) and not access.is_core_partner(admin)
    participant.mark_left()
    assert not access.is_core_partner(type(kern).objects.get(pk=kern.pk))  # in the next request


def test_one_request_asks_the_database_once_who_the_user_is(django_assert_num_queries):
    user, participant = contact("kern", Role.KERNPARTNER)
    with django_assert_num_queries(2):  # the contact with its participant, and the groups
        for _ in range(3):
            assert access.is_member(user) and access.is_core_partner(user) and not access.is_office(user)
            assert access.contact_for(user).participant == participant
