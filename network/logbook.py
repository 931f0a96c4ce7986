"""The Logboek: the audit log for the network office, filtered and exportable (CSV, XLSX).

Wagtail's site history, narrowed to what the office must be able to account for (network.audit's actions
and publishing/deleting), for the office only: it names people. Wagtail's site history shows each user only
the objects they have permissions on, which would leave out log-ins and consents; here the office sees all.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Q, Value
from django.forms import CheckboxSelectMultiple
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter, WagtailFilterSet
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from . import audit
from .access import is_office

DATE_FORMAT = "j F Y H:i"  # "1 december 2026 14:05"
ABOUT_NO_OBJECT = (audit.EXPORT, audit.ERASURE)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def neutralise(value):
    """A text cell a spreadsheet would run as a formula is written with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def local_time(value):
    return timezone.localtime(value).replace(tzinfo=None)


class LogbookView(LogEntriesView):
    page_title = _("Logboek")
    header_icon = "history"
    results_template_name = "network/admin/logbook_results.html"
    filterset_class = LogbookFilterSet
    index_url_name = "network_logbook"
    index_results_url_name = "network_logbook_results"
    list_export = ["timestamp", "message", "label", "kind", "actor"]
    export_headings = {
        "timestamp": _("Wanneer"),
        "message": _("Wat"),
        "label": _("Over"),
        "kind": _("Soort"),
        "actor": _("Door"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not is_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = {
            "timestamp": {
                self.FORMAT_CSV: lambda value: formats.date_format(timezone.localtime(value), DATE_FORMAT),
                self.FORMAT_XLSX: local_time,
            },
        }

    def get_filename(self):
        return f"logboek-{timezone.localdate():%Y-%m-%d}"

    def get_filtered_queryset(self):
        """As Wagtail's site history, but every audited entry instead of those on objects the user may see."""
        self.log_models = list(registry.get_log_entry_models())
        queryset = None
        for index, model in enumerate(self.log_models):
            rows = (
                self.filter_queryset(model.objects.filter(audited()))
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
                .order_by()
            )
            queryset = rows if queryset is None else queryset.union(rows, all=True)
        return queryset.order_by("-timestamp")

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        for entry in entries:
            entry.actor = (
                entry.user_display_name if entry.user_id else (entry.data or {}).get("door") or _("systeem")
            )
            # Exports and erasures are logged against the account that did them; "gebruiker" would mislead.
            entry.kind = "" if entry.action in ABOUT_NO_OBJECT else entry.object_verbose_name
        return entries

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value
