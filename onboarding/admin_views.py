"""The screening list in the admin ("Aanmeldingen → Screening"): every open decision about an application with
what the office needs to pick the next one, "assign to me" for several at once, and the one-screen task page.

The generic "Taken" area (workflows) lists tasks of every flow alike; this list is the onboarding's own, with
columns only an application has.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from workflows import permissions

from .flows import OnboardingFlow
from .models import Application
from .screening import Signals

SCREEN = "onboarding.screen_application"
DECIDE = "onboarding.decide_application"


def may_use_screening(user):
    return user.has_perm(SCREEN) or user.has_perm(DECIDE)


def open_rows(user):
    """The open decisions about applications this user works on, oldest first, each with its signals.

    The office (who screens) sees every open one, also those a colleague or the core partners hold; others
    see what they may take or hold themselves (the core partners: what was put before them).
    """
    tasks = list(
        Task.objects.filter(
            process__flow_class=OnboardingFlow,
            flow_task_type="HUMAN",
            status__in=permissions.OPEN_STATUSES,
        )
        .select_related("owner")
        .order_by("created", "pk")
    )
    office = user.has_perm(SCREEN)
    applications = Application.objects.in_bulk([t.process_id for t in tasks])
    visible = []
    for task in tasks:
        task.process = applications[task.process_id]
        mine = task.owner_id == user.pk
        can_take = permissions.can_assign(user, task)
        if permissions.can_view_task(user, task) and (office or mine or can_take):
            visible.append((task, mine, can_take))
    signals = Signals(task.process for task, _mine, _take in visible)
    now = timezone.now()
    rows = []
    for task, mine, can_take in visible:
        application = task.process
        deadline = application.deadline(task)
        rows.append(
            {
                "task": task,
                "application": application,
                "mine": mine,
                "can_take": can_take,
                "waiting_days": (now - task.created).days,
                "deadline": deadline,
                "overdue": bool(deadline and deadline < now),
                "flags": signals.flags(application),
            }
        )
    return rows


class ScreeningListView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Aanmeldingen screenen")
    header_icon = "user"
    template_name = "onboarding/admin/screening_list.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_use_screening(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        rows = open_rows(self.request.user)
        return super().get_context_data(
            rows=rows,
            any_to_take=any(row["can_take"] for row in rows),
            office=self.request.user.has_perm(SCREEN),
            **kwargs,
        )


@require_POST
def assign_to_me(request):
    """Assign each chosen task to the user, each under the flow's lock and checked as a single assign is."""
    if not may_use_screening(request.user):
        raise PermissionDenied
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("onboarding_screening")
    ids = [int(pk) for pk in request.POST.getlist("taak") if pk.isdigit()]
    if not ids:
        messages.error(request, _t("Kies eerst een of meer aanmeldingen om op te pakken."))
        return redirect(back)
    assigned = 0
    for task in Task.objects.filter(pk__in=ids, process__flow_class=OnboardingFlow).order_by("pk"):
        try:
            with OnboardingFlow.lock(task.process_id):
                task.refresh_from_db()
                if permissions.can_assign(request.user, task):
                    task.flow_task.activation_class(task).assign(request.user)
                    assigned += 1
        except FlowLockFailed:
            pass  # someone is acting on it right now: counted as not assigned below
    if assigned:
        messages.success(
            request,
            ngettext(
                "%(count)s aanmelding is aan u toegewezen.",
                "%(count)s aanmeldingen zijn aan u toegewezen.",
                assigned,
            )
            % {"count": assigned},
        )
    count = len(set(ids)) - assigned
    if count:
        messages.warning(
            request,
            ngettext(
                "%(count)s aanmelding kon niet aan u worden toegewezen: iemand anders heeft haar al opgepakt of "
                "afgehandeld, of u mag haar niet oppakken.",
                "%(count)s aanmeldingen konden niet aan u worden toegewezen: iemand anders heeft ze al opgepakt "
                "of afgehandeld, of u mag ze niet oppakken.",
                count,
            )
            % {"count": count},
        )
    return redirect(back)


def task_page(request, pk):
    """The flow's own address for its two decisions (OnboardingFlow.task_url); the views check who may act."""
    task = get_object_or_404(Task, pk=pk, process__flow_class=OnboardingFlow)
    if task.flow_task not in (OnboardingFlow.screening, OnboardingFlow.core_partners):
        raise Http404
    return task.flow_task.view(request, pk=pk)
