"""Lock-outs after repeated wrong passwords (django-axes): which attempts count together, the Dutch page,
and what the office sees and lifts (Instellingen → Geblokkeerde log-ins).

Five wrong passwords within 30 minutes lock for 30 minutes (AXES_* settings). What counts together:

- For an ordinary account: failures *per account* (from any address: stops guessing one person's password
  from many machines) and *per address* (over all accounts: stops one machine trying a common password on
  many accounts, "spraying").
- For an account that must use two-step verification (office, administrators, core partners): only failures
  of that account *from that address*. A guessed password is not enough for such an account anyway, and this
  way nobody elsewhere can lock the office out by typing "bureau" and five wrong passwords.

A lock-out ends by itself after 30 minutes, or earlier when the office lifts it.
"""

from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_client_parameters, get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from .policy import needs_second_factor

PER_ACCOUNT_AND_ADDRESS = [["username", "ip_address"]]
PER_ACCOUNT_OR_ADDRESS = ["username", "ip_address"]


def lockout_parameters(request_or_attempt, credentials=None):
    """AXES_LOCKOUT_PARAMETERS: see the module docstring."""
    username = (credentials or {}).get("username") or getattr(request_or_attempt, "username", None)
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None and needs_second_factor(user):
        return PER_ACCOUNT_AND_ADDRESS
    return PER_ACCOUNT_OR_ADDRESS


def window_start():
    return timezone.now() - get_cool_off()


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Dutch page that says until when, and how to reach the office."""
    username = get_client_username(request, credentials)
    filters = get_client_parameters(
        username, request.axes_ip_address, request.axes_user_agent, request, credentials
    )
    limit = get_failure_limit(request, credentials)
    latest = []
    for kwargs in filters:
        recent = AccessAttempt.objects.filter(attempt_time__gte=window_start(), **kwargs)
        found = recent.aggregate(failures=Sum("failures_since_start"), latest=Max("attempt_time"))
        if (found["failures"] or 0) >= limit:
            latest.append(found["latest"])
    until = max(latest) + get_cool_off() if latest else timezone.now() + get_cool_off()
    return render(request, "accounts/locked_out.html", {"until": until}, status=429)


@dataclass
class Lockout:
    """A current lock-out as the office sees it: of an account, or of an address."""

    kind: str  # "username" or "ip_address"
    value: str
    failures: int
    until: datetime


def current_lockouts():
    """Every account and address that is locked out now, latest first."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=window_start())
    limit = settings.AXES_FAILURE_LIMIT
    found = []
    for kind in ("username", "ip_address"):
        rows = (
            recent.exclude(**{kind: None})
            .values(kind)
            .annotate(failures=Sum("failures_since_start"), latest=Max("attempt_time"))
        )
        for row in rows:
            if row["failures"] >= limit and _locks(kind, row[kind]):
                found.append(Lockout(kind, row[kind], row["failures"], row["latest"] + get_cool_off()))
    return sorted(found, key=lambda lockout: lockout.until, reverse=True)


def _locks(kind, value):
    """Whether failures counted this way lock anything (see the module docstring)."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=window_start())
    limit = settings.AXES_FAILURE_LIMIT
    if kind == "ip_address":  # locks the address for ordinary accounts
        return True
    if lockout_parameters(None, {"username": value}) == PER_ACCOUNT_OR_ADDRESS:
        return True
    pairs = recent.filter(username=value).values("ip_address").annotate(failures=Sum("failures_since_start"))
    return any(pair["failures"] >= limit for pair in pairs)


def lift(kind, value):
    """Lift a lock-out: forget the failed attempts of that account or address. Returns how many."""
    if kind not in ("username", "ip_address"):
        return 0
    deleted, _ = AccessAttempt.objects.filter(**{kind: value}).delete()
    return deleted
