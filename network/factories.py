"""Test data (factory_boy) for the people of the network: participants, contact persons and users.

    ParticipantFactory(role=Role.SUPPORTER)
    ContactUserFactory(username="partner", contact__participant__name="GGD Test")   # user.contact_person
    OfficeUserFactory(), CorePartnerUserFactory(), UserFactory(superuser=True)

Every app's tests use these. Production code never imports them: `load_demo` runs without factory_boy.
Users log in with the password "pw".
"""

import factory
from django.conf import settings
from django.contrib.auth.models import Group

from .models import ContactPerson, Participant, Role
from .roles import OFFICE, ensure_groups

PASSWORD = "pw"


class ParticipantFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    role = Role.PARTNER

    class Meta:
        model = Participant


class ContactPersonFactory(factory.django.DjangoModelFactory):
    participant = factory.SubFactory(ParticipantFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")

    class Meta:
        model = ContactPerson


def add_groups(user, names):
    """Put the user in the role groups of these names (created with their permissions when missing)."""
    names = list(names)
    if Group.objects.filter(name__in=names).count() < len(set(names)):
        ensure_groups()  # a transactional test's flush took them
    user.groups.add(*Group.objects.filter(name__in=names))


class UserFactory(factory.django.DjangoModelFactory):
    """A user without a contact person; `groups=[OFFICE]` puts it in groups by name, `superuser=True` makes
    an administrator (as `createsuperuser` does)."""

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create and extracted:
            add_groups(user, extracted)


class OfficeUserFactory(UserFactory):
    """Someone of the network office (group Netwerkbureau)."""

    username = factory.Sequence(lambda n: f"bureau{n}")

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            add_groups(user, extracted or [OFFICE])


class ContactUserFactory(UserFactory):
    """A user who is the contact person of a new participant in `role` (or of `contact__participant`);
    saving the contact puts the user in the group of the participant's role."""

    class Params:
        role = Role.PARTNER

    contact = factory.RelatedFactory(
        ContactPersonFactory,
        factory_related_name="user",
        email=factory.SelfAttribute("..email"),
        name=factory.LazyAttribute(lambda o: f"Contact {o.factory_parent.username}"),
        participant__role=factory.SelfAttribute("...role"),
    )


class CorePartnerUserFactory(ContactUserFactory):
    """The contact person of a core partner (group Kernpartners)."""

    username = factory.Sequence(lambda n: f"kernpartner{n}")

    class Params:
        role = Role.KERNPARTNER
