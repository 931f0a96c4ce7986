"""E-mails about coalitions. Mail that a coalition sends about itself has the coalition as sender."""

from email.utils import formataddr

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string

from network.models import ContactPerson
from network.roles import OFFICE

from .models import CoalitionMembership, CoalitionPage, JoinRequest, MemberRole, MembershipStatus


def _send(subject_template, body_template, context, to, from_email=None, reply_to=None):
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    EmailMessage(subject, body, from_email or settings.DEFAULT_FROM_EMAIL, to, reply_to=reply_to).send()


def _coalition_sender(coalition):
    return formataddr((str(coalition.title), coalition.contact_email))


@shared_task
def notify_office_new_coalition(page_id):
    """The office is told about a new coalition; it is not asked for permission."""
    page = CoalitionPage.objects.get(pk=page_id)
    to = list(
        get_user_model()
        .objects.filter(groups__name=OFFICE, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if to:
        context = {"page": page, "trekkers": page.current_memberships(), "site_url": settings.SITE_URL}
        _send("coalitions/email/new_coalition_subject.txt", "coalitions/email/new_coalition.txt", context, to)


@shared_task
def notify_trekkers_of_request(request_id):
    join_request = JoinRequest.objects.select_related("coalition", "contact__participant").get(pk=request_id)
    coalition = join_request.coalition
    trekkers = coalition.current_memberships().filter(role=MemberRole.TREKKER).values("participant_id")
    to = sorted(
        set(ContactPerson.objects.filter(participant_id__in=trekkers).values_list("email", flat=True))
    )
    if to:
        context = {"request": join_request, "page": coalition, "site_url": settings.SITE_URL}
        _send("coalitions/email/join_request_subject.txt", "coalitions/email/join_request.txt", context, to)


@shared_task
def notify_requester_of_decision(request_id):
    join_request = JoinRequest.objects.select_related("coalition", "contact__participant").get(pk=request_id)
    coalition = join_request.coalition
    context = {"request": join_request, "page": coalition, "site_url": settings.SITE_URL}
    _send(
        "coalitions/email/decision_subject.txt",
        "coalitions/email/decision.txt",
        context,
        [join_request.contact.email],
        from_email=_coalition_sender(coalition),
        reply_to=[coalition.contact_email],
    )


@shared_task
def notify_invited(membership_id):
    """The invited participant's contacts who can log in, and its primary contact, hear who added them."""
    invitation = (
        CoalitionMembership.objects.filter(pk=membership_id, status=MembershipStatus.INVITED)
        .select_related("page", "participant")
        .first()
    )
    if invitation is None:  # answered or removed before this ran
        return
    contacts = invitation.participant.contacts.filter(Q(user__is_active=True) | Q(is_primary=True))
    to = sorted(set(contacts.exclude(email="").values_list("email", flat=True)))
    if to:
        coalition = invitation.page
        context = {"invitation": invitation, "page": coalition, "site_url": settings.SITE_URL}
        _send(
            "coalitions/email/invitation_subject.txt",
            "coalitions/email/invitation.txt",
            context,
            to,
            from_email=_coalition_sender(coalition),
            reply_to=[coalition.contact_email],
        )


@shared_task
def notify_trekkers_of_answer(membership_id):
    """The trekkers hear whether an invited participant accepted or declined."""
    invitation = CoalitionMembership.objects.select_related("page", "participant").get(pk=membership_id)
    coalition = invitation.page
    trekkers = (
        coalition.current_memberships()
        .filter(role=MemberRole.TREKKER)
        .exclude(pk=invitation.pk)
        .values("participant_id")
    )
    to = sorted(
        set(ContactPerson.objects.filter(participant_id__in=trekkers).values_list("email", flat=True))
    )
    if to:
        context = {"invitation": invitation, "page": coalition, "site_url": settings.SITE_URL}
        _send(
            "coalitions/email/invitation_answer_subject.txt",
            "coalitions/email/invitation_answer.txt",
            context,
            to,
        )
