"""``{{ field|must_fill }}``: whether the shared field include (templates/includes/field.html) marks a field
"(verplicht)".

A required field is marked, except a group of radio buttons that already has a valid choice and offers no
empty one (how often a person hears of what they follow): it cannot be left empty, so the marker would only
ask for something that is already done.
"""

from django import template

register = template.Library()


@register.filter
def must_fill(bound_field):
    field = bound_field.field
    if not field.required:
        return False
    if getattr(field.widget, "input_type", None) != "radio" or field.widget.allow_multiple_selected:
        return True
    value = bound_field.value()
    choices = {str(key) for key, _label in getattr(field, "choices", ())}
    return value in (None, "") or "" in choices or str(value) not in choices
