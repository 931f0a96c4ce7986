"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

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
