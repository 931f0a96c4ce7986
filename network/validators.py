"""Validators for fields that several apps keep (a contact's, an applicant's, the office's phone number)."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# 8 to 15 digits (E.164 allows 15), optionally after a "+", with the spaces, dashes, dots and brackets people
# write between them: "030 123 45 67", "06-12345678", "+31 (0)30 123 4567". Letters never pass.
phone_number = RegexValidator(
    r"^\+?(?:[\s().-]*\d){8,15}[\s().-]*$",
    _("Vul een telefoonnummer in met alleen cijfers, bijvoorbeeld 030 123 45 67 of +31 30 123 45 67."),
)
