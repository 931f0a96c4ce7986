"""The Logboek: the audit log for the network office, filtered and exportable (CSV, XLSX).

Wagtail's site history, narrowed to what the office must be able to account for (network.audit's actions
and publishing/deleting), for the office only: it names people. Wagtail's site history shows each user only
the objects they have permissions on, which would leave out log-ins and consents; here the office sees all.
The view is `admin_views.LogbookView`.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter, WagtailFilterSet
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from . import audit


def audited():
    """The log entries the Logboek shows, as a filter for any of Wagtail's log entry models."""
    return Q(action__startswith="nnr.") | Q(action__in=audit.WAGTAIL_ACTIONS)


def action_choices():
    return [
        (name, label)
        for name, label in registry.get_choices()
        if name.startswith("nnr.") or name in audit.WAGTAIL_ACTIONS
    ]


def users_in_log():
    ids = set()
    for model in registry.get_log_entry_models():
        ids |= model.objects.filter(audited()).get_user_ids()
    User = get_user_model()
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class LogbookFilterSet(WagtailFilterSet):
    action = django_filters.MultipleChoiceFilter(label=_("Wat"), widget=CheckboxSelectMultiple)
    user = MultipleUserFilter(label=_("Door"), widget=CheckboxSelectMultiple)
    timestamp = django_filters.DateFromToRangeFilter(label=_("Datum"), widget=DateRangePickerWidget)
    label = django_filters.CharFilter(label=_("Over (naam of e-mailadres)"), lookup_expr="icontains")

    class Meta:
        model = ModelLogEntry
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["action"].extra["choices"] = action_choices()
        self.filters["user"].extra["queryset"] = users_in_log()
