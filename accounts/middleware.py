"""Sends a logged-in user who still owes the second step to it, before any other page.

A password alone gives such a session nothing but the code step, the set-up (when it is required) and
logging out; that covers the admin, the members' pages and everything else at once.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .policy import CODE, SESSION_KEY, owed

# Pages a half-logged-in session may open (URL names).
OPEN = ("accounts:verify", "accounts:setup", "logout", "wagtailadmin_logout")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            state = request.session.get(SESSION_KEY)
            if state is None:  # a session from before this check existed
                state = request.session[SESSION_KEY] = owed(user)
            if state and not user.is_verified() and request.path_info not in _open_paths():
                target = reverse("accounts:verify" if state == CODE else "accounts:setup")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _open_paths():
    return {reverse(name) for name in OPEN}
