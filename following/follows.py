"""Who follows what: a contact's coalitions (its members' own ones included), themes and regions, and the
followers of one subject who want to hear about it in a given way and gave their consent."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from taggit.models import Tag

from coalitions.models import CoalitionMembership, CoalitionPage
from network.models import ConsentRecord, ContactPerson, Participant
from network.regions import GGDRegion

from .forms import CONSENT_TEXT, CONSENT_VERSION
from .models import Follow, FollowSettings, Frequency, Kind

CONSENT = ConsentRecord.Purpose.NETWORK_UPDATES


def settings_for(contact):
    """The contact's choices; the defaults (weekly for every kind) until it saved its own."""
    return FollowSettings.objects.filter(contact=contact).first() or FollowSettings(contact=contact)


def has_consent(contact):
    return contact.consents.filter(purpose=CONSENT, withdrawn_at=None).exists()


def give_consent(contact):
    """Record the consent for these mails, with the text the person agreed to (once)."""
    if not has_consent(contact):
        ConsentRecord.objects.create(
            email=contact.email,
            contact=contact,
            purpose=CONSENT,
            text=str(CONSENT_TEXT),
            text_version=CONSENT_VERSION,
        )


def withdraw_consent(contact):
    """No more mails about what this person follows, from now on (the unsubscribe link, the preferences)."""
    return ConsentRecord.objects.filter(contact=contact, purpose=CONSENT).withdraw()


def _member_pages(participant):
    return CoalitionMembership.objects.current().filter(participant=participant).values("page_id")


def followed_coalitions(contact):
    """Live coalitions the contact follows: its organisation's own (unless it chose not to) and the others
    it chose to follow."""
    rows = Follow.objects.filter(contact=contact, kind=Kind.COALITION)
    return (
        CoalitionPage.objects.live()
        .filter(
            Q(pk__in=_member_pages(contact.participant))
            | Q(pk__in=rows.filter(following=True).values("coalition"))
        )
        .exclude(pk__in=rows.filter(following=False).values("coalition"))
        .order_by("title")
    )


def followed_themes(contact):
    rows = Follow.objects.filter(contact=contact, kind=Kind.THEME, following=True)
    return Tag.objects.filter(pk__in=rows.values("theme")).order_by("name")


def followed_regions(contact):
    """(code, name) of the followed regions."""
    codes = set(
        Follow.objects.filter(contact=contact, kind=Kind.REGION, following=True).values_list(
            "region", flat=True
        )
    )
    return [(code, name) for code, name in GGDRegion.choices if code in codes]


# --- one subject -----------------------------------------------------------------------------------------


def subject_of(kind, key):
    """The followed thing a form or a page names: a CoalitionPage, a Tag or a region code; None if unknown."""
    if kind == Kind.COALITION:
        return CoalitionPage.objects.live().public().filter(pk=key).first() if str(key).isdigit() else None
    if kind == Kind.THEME:
        return key if isinstance(key, Tag) else Tag.objects.filter(slug=key).first()
    if kind == Kind.REGION:
        return key if key in GGDRegion.values else None
    return None


def subject_name(kind, subject):
    """How the site names it: "Rookvrij Twente", "het thema sport", "GGD Twente"."""
    if kind == Kind.COALITION:
        return subject.title
    if kind == Kind.THEME:
        return _("het thema %(name)s") % {"name": subject.name}
    return GGDRegion(subject).label


def _lookup(kind, subject):
    field = {Kind.COALITION: "coalition", Kind.THEME: "theme", Kind.REGION: "region"}[kind]
    return {"kind": kind, field: subject}


def is_following(contact, kind, subject):
    if kind == Kind.COALITION:
        return followed_coalitions(contact).filter(pk=subject.pk).exists()
    return (kind, subject.pk if kind == Kind.THEME else subject) in _themes_and_regions(contact)


def followed_theme_ids(contact):
    return [key for kind, key in _themes_and_regions(contact) if kind == Kind.THEME]


def theme_and_region_counts(contact):
    """How many themes and regions the contact follows (one query, shared with the follow buttons)."""
    follows = _themes_and_regions(contact)
    themes = sum(1 for kind, _key in follows if kind == Kind.THEME)
    return themes, sum(1 for kind, key in follows if kind == Kind.REGION and key in GGDRegion.values)


def _themes_and_regions(contact):
    """The (kind, theme id or region code) the contact follows, read once per contact object, i.e. once per
    request: an article shows a button for each of its themes."""
    if not hasattr(contact, "_nnr_follows"):
        rows = Follow.objects.filter(contact=contact, following=True, kind__in=[Kind.THEME, Kind.REGION])
        contact._nnr_follows = {
            (kind, theme_id if kind == Kind.THEME else region)
            for kind, theme_id, region in rows.values_list("kind", "theme_id", "region")
        }
    return contact._nnr_follows


def set_following(contact, kind, subject, following):
    """Follow or stop following. For a coalition of its own organisation, stopping leaves a row that says so
    and following again removes it; any other subject simply has a row or not."""
    lookup = _lookup(kind, subject)
    contact.__dict__.pop("_nnr_follows", None)
    own = kind == Kind.COALITION and _member_pages(contact.participant).filter(page_id=subject.pk).exists()
    if following == own:  # back to what membership says by itself
        Follow.objects.filter(contact=contact, **lookup).delete()
    else:
        Follow.objects.update_or_create(contact=contact, **lookup, defaults={"following": following})


# --- followers -------------------------------------------------------------------------------------------


def _consented():
    return Exists(ConsentRecord.objects.filter(contact=OuterRef("pk"), purpose=CONSENT, withdrawn_at=None))


def _wanting(kind, frequency):
    """Contacts of active participants with consent who chose ``frequency`` for ``kind`` (the default, weekly,
    counts for those without settings)."""
    field = FollowSettings.FIELD_OF_KIND[kind]
    chosen = Q(**{f"follow_settings__{field}": frequency})
    if frequency == Frequency.WEEKLY:
        chosen |= Q(follow_settings=None)
    return (
        ContactPerson.objects.filter(participant__status=Participant.Status.ACTIVE)
        .filter(_consented())
        .filter(chosen)
        .select_related("participant", "user")
    )


def followers_of_coalition(coalition, frequency):
    rows = Follow.objects.filter(kind=Kind.COALITION, coalition=coalition)
    members = CoalitionMembership.objects.current().filter(page=coalition).values("participant_id")
    return (
        _wanting(Kind.COALITION, frequency)
        .filter(Q(participant__in=members) | Q(pk__in=rows.filter(following=True).values("contact")))
        .exclude(pk__in=rows.filter(following=False).values("contact"))
    )


def followers_of_themes(themes, frequency):
    rows = Follow.objects.filter(kind=Kind.THEME, theme__in=themes, following=True)
    return _wanting(Kind.THEME, frequency).filter(pk__in=rows.values("contact"))


def digest_readers():
    """Everyone who may get the weekly digest: consent, and at least one kind on "wekelijks"."""
    weekly = Q(follow_settings=None)
    for field in FollowSettings.FIELD_OF_KIND.values():
        weekly |= Q(**{f"follow_settings__{field}": Frequency.WEEKLY})
    return (
        ContactPerson.objects.filter(participant__status=Participant.Status.ACTIVE)
        .filter(_consented())
        .filter(weekly)
        .select_related("participant", "user")
        .order_by("pk")
    )
