"""Who must use two-step verification (an authenticator app), and what a session still owes.

The rule follows the data, not the group names: whoever can read personal data of others or send the
newsletter must use a second factor. In the current roles that is the office (Netwerkbureau), the site
administrators and the core partners, who read applications (names, e-mail addresses) when they decide on
them. Everybody else may switch it on (and then must enter a code at every log-in).
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp import user_has_device

SENSITIVE_PERMISSIONS = (
    "network.view_contactperson",
    "newsletters.send_newsletter",
    "newsletters.view_subscriber",
    "onboarding.view_application",
    "onboarding.view_declaration",
    "events.view_registration",
)

# What the session still owes, kept in the session at log-in so an ordinary request costs no queries.
SESSION_KEY = "accounts_second_factor"
CODE = "code"  # has an authenticator app: enter a code
SETUP = "setup"  # must use one but has none yet: set it up
NOTHING = ""


def needs_second_factor(user):
    return user.is_superuser or any(user.has_perm(perm) for perm in SENSITIVE_PERMISSIONS)


def owed(user):
    """What a freshly logged-in user still has to do before using the site."""
    if user_has_device(user):
        return CODE
    return SETUP if needs_second_factor(user) else NOTHING


@receiver(user_logged_in, dispatch_uid="accounts.policy.remember")
def remember(sender, request, user, **kwargs):
    if hasattr(request, "session"):
        request.session[SESSION_KEY] = owed(user)
