"""Sending what people follow, the week's digest ("nieuw-in-uw-netwerk-2026-w49") and the mail at once about
one page ("direct-pagina-123"), through the newsletter's ledger (``newsletters.personal``): once per address."""

import logging
from functools import partial

from celery import shared_task
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from coalitions.models import ActivityPage, CoalitionUpdate
from coalitions.updates import recipients
from knowledge.models import KnowledgeArticlePage
from newsletters import delivery, personal
from newsletters.models import Delivery

from . import digest as digests
from .follows import digest_readers, followers_of_coalition, followers_of_themes
from .mail import DIGEST_SUBJECT, at_once_message, coalition_update_message, digest_message
from .models import Frequency

logger = logging.getLogger(__name__)
DIGEST_KEY = "nieuw-in-uw-netwerk-"
SEND_TASK = {"acks_late": True, "reject_on_worker_lost": True}


def week_key(day):
    year, week, _weekday = day.isocalendar()
    return f"{DIGEST_KEY}{year}-w{week:02d}"


def last_digest_at(email):
    return Delivery.objects.filter(
        email=email.strip().lower(), status=Delivery.Status.SENT, mailing__key__startswith=DIGEST_KEY
    ).aggregate(last=Max("sent_at"))["last"]


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_weekly_digests(self):
    """Beat, Monday morning: each reader's "Nieuw in uw netwerk", when something is new since its last one."""
    now = timezone.now()
    mailing = personal.keyed_mailing(week_key(timezone.localdate(now)), DIGEST_SUBJECT)
    readers = list(digest_readers())
    blocked = personal.undeliverable([c.email.strip().lower() for c in readers])
    done = set(
        Delivery.objects.filter(mailing=mailing)
        .exclude(status=Delivery.Status.QUEUED)
        .values_list("email", flat=True)
    )
    outbox, sent = delivery.Outbox(), 0
    try:
        for contact in readers:
            email = contact.email.strip().lower()
            if email in blocked or email in done:
                continue
            done.add(email)  # one digest per address, whichever of its contact persons comes first
            since = last_digest_at(email) or now - digests.FIRST_DIGEST_LOOKS_BACK
            content = digests.assemble(contact, since, now)
            if not content.is_new:
                continue
            sent += personal.send_once(mailing, outbox, partial(digest_message, digest=content), contact)
    except Exception as exc:
        logger.warning("Nieuw in uw netwerk: tijdelijke fout (%s), later opnieuw", exc)
        raise self.retry(exc=exc, countdown=300) from exc
    finally:
        outbox.close()
    personal.finish(mailing)
    return sent


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_at_once(self, page_id, publisher_id=None):
    """A short mail to those who chose "direct": a followed coalition's new activity, a new article on a
    followed theme. Once per page and address (the ledger), however often it is published again."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if isinstance(page, ActivityPage):
        coalition = page.coalition
        readers = followers_of_coalition(coalition, Frequency.AT_ONCE)
        reason = _("U volgt de coalitie %(name)s.") % {"name": coalition.title}
    elif isinstance(page, KnowledgeArticlePage):
        themes = list(page.tags.all())
        readers = followers_of_themes(themes, Frequency.AT_ONCE).distinct()
        reason = _("U volgt het thema %(names)s.") % {"names": ", ".join(t.name for t in themes)}
    else:
        return 0
    readers = list(readers.exclude(user_id=publisher_id) if publisher_id else readers)
    try:
        return personal.send_each(
            f"direct-pagina-{page.pk}",
            page.title,
            readers,
            partial(at_once_message, page=page, reason=reason),
        )
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_coalition_update(self, update_id):
    """A coalition's update to its members (issue 19.4), once per address however often this runs: the
    recipients are the members at the moment of sending, so nobody who left in between gets it."""
    update = (
        CoalitionUpdate.objects.select_related("coalition")
        .filter(pk=update_id, status=CoalitionUpdate.Status.SENT)
        .first()
    )
    if update is None:
        return 0
    try:
        return personal.send_each(
            f"coalitie-bericht-{update.pk}",
            update.subject,
            recipients(update.coalition),
            partial(coalition_update_message, update=update),
        )
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc
