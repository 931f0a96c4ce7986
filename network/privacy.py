"""Privacy (AVG): export everything about one person, and erase a person.

Pluggable: an app registers a module with `register` (from its AppConfig.ready) that has
`export_for_email(email)` (returning JSON-serialisable data) and/or `erase_email(email)` (removing or
anonymising that person's data in its own models and returning a count or a small dict); by convention
`<app>/privacy.py`. `export_person` and `erase_person` collect them. After the
apps have done their own (targeted) work, a final sweep replaces any remaining occurrence of the e-mail
address or the person's name in every text field of every model (page revisions, form submissions, log
entries, workflow data...), so nothing personal is left even where no app knew about it.
"""

import logging
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.utils.translation import gettext as _
from wagtail.fields import StreamField

from .models import ConsentRecord, ContactPerson, Participant

logger = logging.getLogger(__name__)

REMOVED = "[verwijderd]"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)
# Names shorter than this are not swept through the whole database (too likely to hit other words).
MIN_SWEEP_LENGTH = 5
# Records the sweep must not rewrite, {"app_label.model": reason}, added with `keep`; erasure reports how many
# still mention the person.
KEEP = {}
PROVIDERS = {}  # app label -> module, added with `register`


def register(app_label, module):
    """Let an app export and erase its own data about a person (call from its AppConfig.ready)."""
    PROVIDERS[app_label] = module


def keep(model_label, reason):
    """Let an app exempt a model from the final sweep, with the reason the erasure report gives (call from
    its AppConfig.ready): records the law requires to be kept unchanged."""
    KEEP[model_label.lower()] = reason


def provider_modules():
    """(app label, module) for every app that registered one, in the order they registered."""
    return list(PROVIDERS.items())


def provider_labels():
    return [label for label, _module in provider_modules()]


# --- export -------------------------------------------------------------------------------------------


def _contacts(email):
    return ContactPerson.objects.filter(email__iexact=email).select_related("participant", "user")


def _users(email):
    User = get_user_model()
    linked = ContactPerson.objects.filter(email__iexact=email).exclude(user=None).values("user")
    return User.objects.filter(models.Q(email__iexact=email) | models.Q(pk__in=linked))


def _consents(email):
    """Given with this address, or by a contact person who has it now (consent follows the contact)."""
    return ConsentRecord.objects.filter(
        models.Q(email__iexact=email) | models.Q(contact__in=_contacts(email))
    )


def export_for_email(email):
    """The network app's own data about a person."""
    return {
        "contactpersonen": [
            {
                "deelnemer": c.participant.name,
                "soort_deelnemer": c.participant.kind,
                "naam": c.name,
                "email": c.email,
                "nieuw_email_onbevestigd": c.pending_email,
                "telefoon": c.phone,
                "functie": c.job_title,
                "eerste_contactpersoon": c.is_primary,
            }
            for c in _contacts(email)
        ],
        # Someone else's contact person waiting for this address to confirm a change to it.
        "als_nieuw_email_aangevraagd": [
            {"deelnemer": c.participant.name, "contactpersoon": c.name}
            for c in ContactPerson.objects.filter(pending_email__iexact=email).select_related("participant")
        ],
        "toestemmingen": [
            {
                "doel": r.purpose,
                "tekst": r.text,
                "versie": r.text_version,
                "gegeven_op": r.given_at.isoformat(),
                "ingetrokken_op": r.withdrawn_at.isoformat() if r.withdrawn_at else None,
            }
            for r in _consents(email)
        ],
        "gebruikersaccounts": [
            {
                "gebruikersnaam": u.username,
                "voornaam": u.first_name,
                "achternaam": u.last_name,
                "email": u.email,
                "aangemaakt_op": u.date_joined.isoformat(),
                "laatst_ingelogd": u.last_login.isoformat() if u.last_login else None,
                "groepen": sorted(u.groups.values_list("name", flat=True)),
            }
            for u in _users(email)
        ],
    }


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "raw_data"):
        return list(value.raw_data)
    return value if isinstance(value, (str, int, float, bool, list, dict, type(None))) else str(value)


def export_elsewhere(email, skip_apps):
    """Rows in any other model whose e-mail field holds the address (apps without their own privacy.py)."""
    found = {}
    for model in stored_models():
        if model._meta.app_label in skip_apps:
            continue
        email_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.EmailField)]
        if not email_fields:
            continue
        query = models.Q()
        for field in email_fields:
            query |= models.Q(**{f"{field.attname}__iexact": email})
        rows = [
            {
                f.name: _plain(getattr(obj, f.attname))
                for f in model._meta.concrete_fields
                if not f.is_relation and f.name != "password"  # a hash is no personal data, but a secret
            }
            for obj in model._base_manager.filter(query)
        ]
        if rows:
            found[model._meta.label_lower] = rows
    return found


def export_person(email):
    """Everything the platform holds about one person, per app, as JSON-serialisable data."""
    data = {"email": email, "network": export_for_email(email)}
    providers = provider_modules()
    for label, module in providers:
        if hasattr(module, "export_for_email"):
            data[label] = module.export_for_email(email)
    data["overige_gegevens"] = export_elsewhere(email, {"network", *[label for label, _m in providers]})
    return data


# --- erasure ------------------------------------------------------------------------------------------


def names_for_email(email):
    """Every name this person is known by: contact names, user names (for the final sweep)."""
    names = set(_contacts(email).values_list("name", flat=True))
    for user in _users(email):
        full = user.get_full_name().strip()
        if full:
            names.add(full)
    return {n.strip() for n in names if n and n.strip()}


def erase_for_email(email):
    """Remove the network app's personal data about a person; organisations and history stay."""
    counts = {"contactpersonen": 0, "deelnemers_geanonimiseerd": 0, "toestemmingen": 0, "accounts": 0}
    contacts = list(_contacts(email))
    users = list(_users(email))
    counts["toestemmingen"] = _consents(email).delete()[0]
    ContactPerson.objects.filter(pending_email__iexact=email).update(pending_email="")
    for contact in contacts:
        participant = contact.participant
        if participant.kind == Participant.Kind.INDIVIDUAL:
            # A person taking part as an individual: the participant record itself is personal data.
            participant.name = f"Geanonimiseerde deelnemer {participant.pk}"
            participant.description = ""
            participant.website = ""
            participant.kvk_number = ""
            participant.save(reason="AVG: persoonsgegevens verwijderd")
            counts["deelnemers_geanonimiseerd"] += 1
        try:
            with transaction.atomic():
                contact.delete()
        except models.ProtectedError:
            contact.name = REMOVED
            contact.email = f"verwijderd-{contact.pk}@verwijderd.invalid"
            contact.phone = contact.job_title = contact.pending_email = ""
            contact.user = None
            contact.save()
        counts["contactpersonen"] += 1
    for user in users:
        # Accounts are anonymised, not deleted: workflow tasks and revisions keep pointing at them.
        user.username = f"verwijderd-{user.pk}"
        user.first_name = user.last_name = ""
        user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        counts["accounts"] += 1
    return counts


def _scrub(value, pattern):
    """Replace the pattern in a string, or in every string inside JSON-like data."""
    if isinstance(value, str):
        return pattern.sub(REMOVED, value)
    if isinstance(value, list):
        return [_scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {_scrub(k, pattern): _scrub(v, pattern) for k, v in value.items()}
    return value


def text_fields(model):
    """The concrete text-like fields of a model (char, text, e-mail, JSON, StreamField)."""
    return [
        f
        for f in model._meta.local_concrete_fields
        if isinstance(f, TEXT_FIELDS + (StreamField,)) and not f.primary_key and not f.choices
    ]


def stored_models():
    """Models with their own table in the database (parents of multi-table models count once)."""
    tables = set(connection.introspection.table_names())
    return [
        m for m in apps.get_models() if m._meta.managed and not m._meta.proxy and m._meta.db_table in tables
    ]


def sweep(needles):
    """Replace remaining occurrences of the needles in every text field of every model.

    Returns {"app_label.model": rows changed}. Each match is rewritten through the ORM with an UPDATE on
    that row only, so model save() side effects (history, signals) are not triggered.
    """
    needles = sorted({n for n in needles if n and len(n) >= MIN_SWEEP_LENGTH}, key=len, reverse=True)
    if not needles:
        return {}
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    changed = {}
    for model in stored_models():
        fields = text_fields(model)
        if not fields or model._meta.label_lower in KEEP:
            continue
        query = models.Q()
        for field in fields:
            for needle in needles:
                query |= models.Q(**{f"{field.attname}__icontains": needle})
        rows = 0
        for obj in model._base_manager.filter(query).iterator():
            updates = {}
            for field in fields:
                value = getattr(obj, field.attname)
                if hasattr(value, "raw_data"):  # StreamValue
                    value = list(value.raw_data)
                new = _scrub(value, pattern)
                if new != value:
                    if isinstance(field, models.EmailField):
                        new = f"verwijderd-{obj.pk}@verwijderd.invalid"
                    elif isinstance(new, str) and field.max_length:
                        new = new[: field.max_length]
                    updates[field.attname] = new
            if updates:
                model._base_manager.filter(pk=obj.pk).update(**updates)
                rows += 1
        if rows:
            changed[model._meta.label_lower] = rows
    return changed


def kept_mentions(email):
    """{label: (reason, rows)} for KEEP models that still hold the address after erasure."""
    kept = {}
    for label, reason in KEEP.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        email_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.EmailField)]
        query = models.Q(pk__in=[])
        for field in email_fields:
            query |= models.Q(**{f"{field.attname}__iexact": email})
        rows = model._base_manager.filter(query).count()
        if rows:
            kept[label] = (reason, rows)
    return kept


def erase_person(email, extra_names=()):
    """Erase a person everywhere; returns a report {app: result} for the office."""
    email = email.strip()
    names = names_for_email(email) | {n.strip() for n in extra_names if n.strip()}
    report = {}
    with transaction.atomic():
        for label, module in provider_modules():
            if hasattr(module, "erase_email"):
                report[label] = module.erase_email(email)
        report["network"] = erase_for_email(email)
        report["overal_verwijderd"] = sweep({email, *names})
        report["bewaard"] = kept_mentions(email)
    logger.info("Persoon gewist (AVG): %s", report)
    return report


def app_names(labels):
    """The apps' Dutch names ("Netwerk", "Bijeenkomsten") for the office, in the given order."""
    return [str(apps.get_app_config(label).verbose_name) for label in labels]


def _model_name(label, rows):
    meta = apps.get_model(label)._meta
    return str(meta.verbose_name if rows == 1 else meta.verbose_name_plural)


def erasure_summary(report):
    """The report of `erase_person` in sentences the office can read back, instead of its raw dict."""
    lines = []
    for label, result in report.items():
        if label in ("overal_verwijderd", "bewaard"):
            continue
        name = app_names([label])[0]
        if isinstance(result, dict):
            done = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in result.items() if n)
            lines.append(_("%(app)s: %(done)s.") % {"app": name, "done": done or _("niets gevonden")})
        elif result:
            lines.append(
                _("%(app)s: %(n)s gegevens verwijderd of geanonimiseerd.") % {"app": name, "n": result}
            )
    elsewhere = {
        label: rows
        for label, rows in (report.get("overal_verwijderd") or {}).items()
        if not label.startswith("wagtailsearch.")  # the search index, not something the office knows
    }
    if elsewhere:
        found = ", ".join(f"{rows} {_model_name(label, rows)}" for label, rows in elsewhere.items())
        lines.append(_("Naam of adres ook weggehaald uit: %(found)s.") % {"found": found})
    for label, (reason, rows) in (report.get("bewaard") or {}).items():
        lines.append(
            _("Bewaard: %(rows)s %(what)s (%(reason)s).")
            % {"rows": rows, "what": _model_name(label, rows), "reason": str(reason).rstrip(".")}
        )
    return lines
