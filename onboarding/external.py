"""External members of a coalition sign the tobacco-industry declaration themselves (DOMAIN.md: excluded "also as
a member of a coalition"). When a coalition is published, each external member with an address not invited before
gets a mail with a signed link; until it signs, the coalition page shows it as "uitgenodigd". The signature goes
into the declaration archive like an applicant's. The state lives in coalitions (`ExternalSignature`), which shows
it without knowing this app."""

from django.db import transaction

from coalitions.models import CoalitionPage, ExternalSignature
from nnr_site.pagecache import new_generation

from .models import Declaration, DeclarationText


def invite(page):
    """New `ExternalSignature` rows for the live coalition's external members not invited before (returned)."""
    invited = []
    for member in page.external_members.exclude(email=""):
        signature, created = ExternalSignature.objects.get_or_create(
            email=member.email.strip().lower(),
            defaults={"name": member.name, "organisation": member.organisation, "coalition": page},
        )
        if created:
            invited.append(signature)
    return invited


def uninvited_pages():
    """Live coalitions with an external member never invited (the daily catch-all, e.g. after a scheduled publish)."""
    known = set(ExternalSignature.objects.values_list("email", flat=True))
    pages = []
    for page in CoalitionPage.objects.live().prefetch_related("external_members"):
        if any(m.email and m.email.strip().lower() not in known for m in page.external_members.all()):
            pages.append(page)
    return pages


def sign(signature, ip_address, user_agent):
    """Archive the declaration in force as signed by the external member; once."""
    text = DeclarationText.current(DeclarationText.Kind.DECLARATION)
    with transaction.atomic():
        locked = ExternalSignature.objects.select_for_update().get(pk=signature.pk)
        if locked.confirmed_at:
            return locked
        record = Declaration.append(
            purpose=Declaration.Purpose.EXTERNAL,
            organisation_name=locked.organisation or locked.name,
            signer_name=locked.name,
            signer_email=locked.email,
            declaration_text=text.signed_text(),
            declaration_version=text.number,
            ip_address=ip_address,
            user_agent=user_agent[:500],
        )
        locked.confirmed_at = record.signed_at
        locked.save(update_fields=["confirmed_at"])
        transaction.on_commit(new_generation)  # the coalition page no longer says "uitgenodigd"
        return locked
