"""Where the audit log listens: model saves, Viewflow's task signals and Django's log-in signals.

Connected once from NetworkConfig.ready. Other apps connect receivers for their own models (onboarding: signed
declarations). Events that have no signal (exports, erasures, newsletter sends) call `audit.record` where they
happen.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils.translation import gettext as _
from viewflow.workflow.signals import task_finished
from wagtail.log_actions import get_active_log_context

from . import audit
from .access import client_ip


def connect():
    post_save.connect(on_role_change, sender="network.RoleChange", dispatch_uid="audit.role_change")
    post_save.connect(on_consent, sender="network.ConsentRecord", dispatch_uid="audit.consent")
    task_finished.connect(on_task_finished, dispatch_uid="audit.task_finished")
    user_logged_in.connect(on_login, dispatch_uid="audit.login")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
    user_logged_out.connect(on_logout, dispatch_uid="audit.logout")


def on_role_change(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    audit.record(
        audit.ROLE_CHANGE,
        instance.participant,
        user=instance.changed_by,
        data={
            "from_role": instance.from_role,
            "to_role": instance.to_role,
            "left_network": instance.left_network,
            "reason": str(instance.reason),
        },
    )


def on_consent(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A new record is consent given; setting withdrawn_at (ConsentRecord.withdraw) is consent withdrawn."""
    if raw:
        return
    if created:
        action = audit.CONSENT_GIVEN
    elif instance.withdrawn_at and update_fields and "withdrawn_at" in update_fields:
        action = audit.CONSENT_WITHDRAWN
    else:
        return
    data = {"purpose": instance.purpose, "version": instance.text_version}
    if not _has_logged_in_user():
        data["door"] = _("de persoon zelf (via een link in een e-mail)")
    person = f"{instance.contact.name} ({instance.email})" if instance.contact_id else instance.email
    audit.record(action, instance, data=data, title=person)


def on_task_finished(sender, process, task, **kwargs):
    """A person finished a human task (screening, a core partners' decision, a handover step...)."""
    if task.flow_task_type != "HUMAN":
        return
    node = task.flow_task
    audit.record(
        audit.WORKFLOW_DECISION,
        process,
        user=task.owner,
        data={
            "task": str(getattr(node, "task_title", "") or node),
            "process": str(process.flow_class.process_title),
            "task_id": task.pk,
            "decision": audit.decision_text(node, process),
        },
    )


def on_login(sender, request, user, **kwargs):
    audit.record(audit.LOGIN, user, user=user, data={"ip": client_ip(request)})


def on_logout(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:
        audit.record(audit.LOGOUT, user, user=user, data={"ip": client_ip(request)})


def account_named(username):
    """The account a log-in attempt was for, or None: attempts on names that do not exist are not logged
    here (they have nothing to be logged against; axes keeps them)."""
    if not username:
        return None
    User = get_user_model()
    matches = list(
        User._default_manager.filter(
            Q(**{f"{User.USERNAME_FIELD}__iexact": username}) | Q(email__iexact=username)
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None


def _attempt(action, username, ip_address):
    account = account_named(username)
    if account is not None:
        audit.record(
            action,
            account,
            user=None,
            data={"username": username, "ip": ip_address, "door": _("iemand die niet ingelogd is")},
        )


def on_login_failed(sender, credentials, request=None, **kwargs):
    _attempt(audit.LOGIN_FAILED, credentials.get("username", ""), client_ip(request))


def on_lockout(request, username, ip_address, **kwargs):
    """For django-axes' `user_locked_out` signal (connected in accounts/apps.py). Axes sends it again for every
    refused try during the lock-out, with `axes_failures_since_start` unset: only the start is logged."""
    if getattr(request, "axes_failures_since_start", None) is not None:
        _attempt(audit.LOCKOUT, username, ip_address)


def _has_logged_in_user():
    return get_active_log_context().user is not None
