"""Form fields and validators shared by the apps."""

import html
import unicodedata

import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

SQLITE_MAX_INT = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but an id beyond 64 bits is an unknown choice rather than a server error: SQLite (the
    embedded default) cannot even compare such a number in the field's `id IN (...)` check (OverflowError)."""

    def _check_values(self, value):
        for pk in value:
            digits = str(pk).strip().lstrip("+-")
            if digits.isdigit() and int(digits) > SQLITE_MAX_INT:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


# Line breaks, tabs, NUL and the other control characters (Cc), invisible format characters such as the
# right-to-left override U+202E (Cf) and the Unicode line/paragraph separators (Zl, Zp).
CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
CONTROL_CHARACTERS = _("Gebruik in dit veld geen regeleinden, tabs of onzichtbare tekens.")


def refuse_control_characters(value):
    """A single-line value (a name, a title) ends up in mail subjects, exports and lists, where a line break
    or a direction override breaks the header or disguises the text: refuse it, do not silently change it."""
    if value and any(unicodedata.category(char) in CONTROL_CATEGORIES for char in str(value)):
        raise ValidationError(CONTROL_CHARACTERS, code="control_characters")


NO_HTML = _("Gebruik geen HTML of codes met < en > in dit veld.")


def refuse_html(value):
    """Plain text only: refuse anything nh3 would strip (tags, comments, scripts) instead of silently changing
    it, so what someone wrote is never shown altered."""
    if value and html.unescape(nh3.clean(value, tags=set())) != value:
        raise ValidationError(NO_HTML, code="html")


def add_single_line_validators(form):
    for field in form.fields.values():
        single_line = isinstance(field, forms.CharField) and isinstance(field.widget, forms.TextInput)
        if single_line and refuse_control_characters not in field.validators:
            field.validators.append(refuse_control_characters)


class SingleLineFieldsMixin:
    """Adds `refuse_control_characters` to every CharField shown as a one-line text input, also in the rows of
    a Wagtail admin form's inline formsets (e.g. a participant's contact persons)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_single_line_validators(self)
        for formset in getattr(self, "formsets", {}).values():
            for row in formset.forms:
                add_single_line_validators(row)


class SingleLineModelForm(SingleLineFieldsMixin, forms.ModelForm):
    """The base form of model formsets (inlineformset_factory(form=...)) whose rows are single-line fields."""


# What a member may post per hour: reactions, questions, answers, proposals, comments, each kind apart.
MEMBER_WRITE_RATE = "20/h"


def posted_too_often(request, form, group):
    """Counts this POST of the logged-in user against MEMBER_WRITE_RATE; past it, the form gets the error
    (shown on the page) and the caller saves nothing."""
    if not is_ratelimited(
        request, group=group, key="user", rate=MEMBER_WRITE_RATE, method="POST", increment=True
    ):
        return False
    form.is_valid()
    form.add_error(None, _("U heeft het afgelopen uur al veel geplaatst. Probeer het over een uur opnieuw."))
    return True
