"""The page behind the link in a re-confirmation mail: the change (a readable difference), the full text, and
the answer: confirm, or not agree with a reason; and the page where an external member of a coalition signs the
declaration. The signed link is the proof of the address, as for the
applicant's links; answering is a POST, so a link scanner answers nothing."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from coalitions.models import ExternalSignature
from network.access import client_ip
from nnr_site.forms import refuse_html

from . import confirmations, diff, external, tasks, tokens
from .models import ConfirmationRequest, Declaration, DeclarationText


class AnswerForm(forms.Form):
    CONFIRM, DISAGREE = "bevestigen", "niet-akkoord"

    answer = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[(CONFIRM, _("Ik bevestig deze versie")), (DISAGREE, _("Ik ga niet akkoord"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u bevestigt of niet akkoord gaat.")},
    )
    reason = forms.CharField(
        label=_("Waarom gaat u niet akkoord?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[refuse_html],
        help_text=_("Alleen nodig als u niet akkoord gaat. De kernpartners lezen uw reden."),
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == self.DISAGREE and not data.get("reason", "").strip():
            self.add_error("reason", _("Schrijf kort waarom u niet akkoord gaat."))
        return data


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    found = tokens.read_confirm_token(token)
    request_obj = None
    if found is not None:
        request_obj = get_object_or_404(
            ConfirmationRequest.objects.select_related("round__text", "participant", "contact"), pk=found[0]
        )
    if request_obj is None or request_obj.contact is None or request_obj.contact.email.lower() != found[1]:
        return render(request, "onboarding/confirm_invalid.html", status=400)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and request_obj.is_open and form.is_valid():
        if form.cleaned_data["answer"] == AnswerForm.CONFIRM:
            confirmations.confirm(request_obj, client_ip(request), request.META.get("HTTP_USER_AGENT", ""))
            messages.success(request, _("Dank u wel: uw bevestiging staat in het archief van het netwerk."))
        else:
            with transaction.atomic():
                confirmations.disagree(request_obj, form.cleaned_data["reason"].strip())
                transaction.on_commit(lambda: tasks.send_disagreement.delay(request_obj.pk), robust=True)
            messages.success(request, _("Uw reactie is ontvangen en doorgestuurd naar de kernpartners."))
        return redirect(request.path)
    text = request_obj.round.text
    previous = text.previous()
    context = {
        "request_obj": request_obj,
        "text": text,
        "previous": previous,
        "yearly": request_obj.round.purpose == Declaration.Purpose.YEARLY,
        "paragraphs": diff.compare(previous.text, text.text) if previous else None,
        "form": form,
    }
    return render(request, "onboarding/confirm.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def external_member(request, token):
    """An external member of a coalition reads the declaration in force and signs it (a POST)."""
    found = tokens.read_external_token(token)
    signature = found and ExternalSignature.objects.select_related("coalition").filter(pk=found[0]).first()
    if not signature or signature.email != found[1]:
        return render(request, "onboarding/confirm_invalid.html", status=400)
    if request.method == "POST" and not signature.confirmed_at:
        external.sign(signature, client_ip(request), request.META.get("HTTP_USER_AGENT", ""))
        messages.success(request, _("Dank u wel: uw verklaring staat in het archief van het netwerk."))
        return redirect(request.path)
    text = DeclarationText.current(DeclarationText.Kind.DECLARATION)
    return render(request, "onboarding/external_member.html", {"signature": signature, "text": text})
