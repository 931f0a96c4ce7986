"""The second step after the password, and the member's own security page: switch two-step verification
on (QR code, then a code from the app), show recovery codes once, make new ones, switch it off."""

from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice

from . import devices
from .forms import AppCodeForm, CodeForm
from .policy import CODE, NOTHING, SESSION_KEY, needs_second_factor

NEW_CODES_KEY = "accounts_new_recovery_codes"


def _next(request, default=None):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or settings.LOGIN_REDIRECT_URL


def _verified(request, device):
    """The session has passed the second step: a new session key, then remember the device."""
    request.session.cycle_key()
    django_otp.login(request, device)
    request.session[SESSION_KEY] = CODE


@never_cache
@login_required
def verify(request):
    """/inloggen/code/: the code from the app (or a recovery code) after the password."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not user_has_device(user):
        if needs_second_factor(user):
            return redirect(f"{reverse('accounts:setup')}?{request.GET.urlencode()}")
        request.session[SESSION_KEY] = NOTHING
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device, wait = devices.check(user, form.cleaned_data["code"])
        if device:
            _verified(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _(
                        "U heeft een herstelcode gebruikt; u heeft er nog %(left)s. Maak nieuwe aan op de "
                        "pagina Beveiliging als u er bijna geen meer heeft."
                    )
                    % {"left": devices.recovery_codes_left(user)},
                )
            return redirect(_next(request))
        form.add_error(
            "code",
            _("U heeft te vaak een onjuiste code ingevuld. Wacht een halve minuut en probeer het opnieuw.")
            if wait
            else _("Deze code klopt niet of is al gebruikt. Vul de code in die de app nu laat zien."),
        )
    return render(request, "accounts/verify.html", {"form": form, "next": _next(request)})


@never_cache
@login_required
def setup(request):
    """/mijn/beveiliging/instellen/: scan the QR code, then confirm with a code from the app."""
    user = request.user
    if user_has_device(user):
        # Adding an app needs the second step first, or a stolen password could replace the app.
        return redirect(reverse("accounts:security" if user.is_verified() else "accounts:verify"))
    device = devices.pending_app_device(user)
    form = AppCodeForm(request.POST or None)
    if form.is_valid():
        codes = devices.confirm(device, form.cleaned_data["code"])
        if codes:
            _verified(request, device)
            request.session[NEW_CODES_KEY] = codes
            messages.success(request, _("Tweestapsverificatie staat aan."))
            next_url = _next(request, reverse("accounts:security"))
            return redirect(f"{reverse('accounts:recovery_codes')}?{urlencode({'next': next_url})}")
        form.add_error("code", _("Deze code klopt niet. Vul de code in die de app nu laat zien."))
    context = {
        "form": form,
        "qr_code": devices.qr_code(device),
        "secret": devices.secret(device),
        "required": needs_second_factor(user),
        "next": _next(request, reverse("accounts:security")),
    }
    return render(request, "accounts/setup.html", context)


@never_cache
@login_required
def security(request):
    """/mijn/beveiliging/: whether two-step verification is on, and what the member can do about it."""
    user = request.user
    app = devices.app_device(user)
    context = {
        "app": app,
        "codes_left": devices.recovery_codes_left(user) if app else 0,
        "required": needs_second_factor(user),
        "form": CodeForm(),
    }
    return render(request, "accounts/security.html", context)


@never_cache
@login_required
def recovery_codes(request):
    """Shows new recovery codes once (they are not kept readable); a POST makes a new set."""
    if request.method == "POST":
        if not request.user.is_verified():
            return redirect(reverse("accounts:security"))
        request.session[NEW_CODES_KEY] = devices.new_recovery_codes(request.user)
        return redirect(reverse("accounts:recovery_codes"))
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        return redirect(reverse("accounts:security"))
    context = {"codes": codes, "next": _next(request, reverse("accounts:security"))}
    return render(request, "accounts/recovery_codes.html", context)


@require_POST
@login_required
def switch_off(request):
    """Only for whom it is optional, and only with a current code."""
    user = request.user
    if needs_second_factor(user):
        messages.error(
            request, _("Voor uw rol is tweestapsverificatie verplicht; u kunt die niet uitzetten.")
        )
        return redirect(reverse("accounts:security"))
    form = CodeForm(request.POST)
    if form.is_valid() and devices.check(user, form.cleaned_data["code"])[0]:
        devices.switch_off(user)
        request.session[SESSION_KEY] = NOTHING
        messages.success(request, _("Tweestapsverificatie staat uit."))
    else:
        messages.error(request, _("De code klopt niet; tweestapsverificatie staat nog aan."))
    return redirect(reverse("accounts:security"))
