"""The e-mails about tasks, the same for every flow: "there is a task for you" to everyone who can act on a new
task, reminders (workflows.reminders), and the office's alert about tasks that are stuck.

Called from Celery tasks (workflows.tasks), never inside a flow's transaction. Recipients are users' accounts
(active, with an e-mail address); the office is the Netwerkbureau group, or the office's address on the site
when that group has nobody.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Site

from home.models import NetworkContactSettings
from network.roles import OFFICE
from nnr_site.mail import subject as mail_subject

from . import tasklist


def _name(user):
    return tasklist.person_name(user, organisation=False)


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def _send(subject, template, recipient, **context):
    with override("nl"):
        body = render_to_string(
            template,
            {"site_url": settings.SITE_URL.rstrip("/"), "my_tasks_url": absolute("/mijn/taken/"), **context},
        )
        send_mail(mail_subject(subject), body, settings.DEFAULT_FROM_EMAIL, [recipient])


def new_task(user, row, note=""):
    """The mail "Er is een taak voor u": one person, one new (or newly given) task."""
    if not user.email:
        return 0
    with override("nl"):
        subject = _("Er is een taak voor u: %(task)s") % {"task": row.title}
    _send(subject, "workflows/email/new_task.txt", user.email, name=_name(user), row=row, note=note)
    return 1


def remind(user, rows, template, subject):
    """One reminder to one person about some of their tasks."""
    if user.email and rows:
        _send(subject, template, user.email, name=_name(user), rows=rows)
        return 1
    return 0


NOBODY = "nobody"
WAITING = "waiting"


def office_addresses():
    users = get_user_model().objects.filter(groups__name=OFFICE, is_active=True).exclude(email="")
    addresses = sorted({u.email for u in users})
    if addresses:
        return addresses
    site = Site.objects.filter(is_default_site=True).first()
    return [NetworkContactSettings.for_site(site).email] if site else [settings.DEFAULT_FROM_EMAIL]


def alert_office(stuck):
    """Tell the office about tasks that are stuck: [(task, NOBODY or WAITING)]. Returns the e-mails sent."""
    if not stuck:
        return 0
    items = [
        {
            "row": tasklist.make_row(task),
            "reason": reason,
            "admin_url": absolute(reverse("taken:task", args=[task.pk])),
        }
        for task, reason in stuck
    ]
    with override("nl"):
        subject = (
            _("Een taak loopt vast: %(task)s") % {"task": items[0]["row"].title}
            if len(items) == 1
            else _("%(count)s taken lopen vast") % {"count": len(items)}
        )
    addresses = office_addresses()
    for address in addresses:
        _send(
            subject,
            "workflows/email/office_alert.txt",
            address,
            items=items,
            alert_days=settings.NNR_TASK_ALERT_DAYS,
            overview_url=absolute(reverse("taken:all")),
        )
    return len(addresses)
