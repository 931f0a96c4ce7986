"""The "Taken" area in the Wagtail admin: inbox, queue, assign/unassign, a task's form and process history.

Generic over flows: a flow's human task plugs in with `flow.View(MyTaskView.as_view())`, where MyTaskView
subclasses `TaskFormView` below. Every view here checks permissions itself (workflows.permissions), because
Viewflow's activation API does not.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import permissions

BUSY_MESSAGE = _(
    "Iemand anders werkt op dit moment aan deze taak. Probeer het over een paar seconden opnieuw."
)
GONE_MESSAGE = _("Deze taak is al afgehandeld of aan iemand anders toegewezen; uw invoer is niet opgeslagen.")


class TakenMixin(WagtailAdminTemplateMixin):
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("taken:inbox"), "label": _("Taken")},
            {"url": "", "label": self.get_page_title()},
        ]


def _task_or_404(pk):
    task = get_object_or_404(Task.objects.select_related("process", "owner"), pk=pk)
    if task.flow_task is None or task.process.flow_class not in permissions.registered_flows():
        raise Http404
    return task


class InboxView(TakenMixin, TemplateView):
    page_title = _("Mijn taken")
    template_name = "workflows/task_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            tasks=permissions.inbox(user),
            queue_count=len(permissions.queue(user)),
            active="inbox",
            empty=_("U heeft geen taken die aan u zijn toegewezen."),
            **kwargs,
        )


class QueueView(TakenMixin, TemplateView):
    page_title = _("Op te pakken taken")
    template_name = "workflows/task_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            tasks=permissions.queue(user),
            queue_count=None,
            active="queue",
            empty=_("Er liggen geen taken klaar die u kunt oppakken."),
            **kwargs,
        )


class TaskDetailView(TakenMixin, TemplateView):
    template_name = "workflows/task_detail.html"

    def dispatch(self, request, pk):
        self.task = _task_or_404(pk)
        if not permissions.can_view_task(request.user, self.task):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return str(self.task.title)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            task=self.task,
            process=self.task.process,
            can_assign=permissions.can_assign(user, self.task),
            can_unassign=permissions.can_unassign(user, self.task),
            can_execute=permissions.can_execute(user, self.task),
            **kwargs,
        )


class _TaskActionView(View):
    """POST-only assign/unassign under the process lock, re-checking permission on the locked row."""

    def post(self, request, pk):
        task = _task_or_404(pk)
        flow_class = task.process.flow_class
        try:
            with flow_class.lock(task.process_id):
                task.refresh_from_db()
                if not self.allowed(request.user, task):
                    if self.stale(task) and permissions.can_view_task(request.user, task):
                        messages.error(request, GONE_MESSAGE)
                        return redirect("taken:task", pk=task.pk)
                    raise PermissionDenied
                self.act(request, task.flow_task.activation_class(task))
        except FlowLockFailed:
            messages.error(request, BUSY_MESSAGE)
            return redirect("taken:task", pk=task.pk)
        messages.success(request, self.success_message)
        return redirect(self.next_url(task))


class AssignView(_TaskActionView):
    success_message = _("De taak is aan u toegewezen.")

    def allowed(self, user, task):
        return permissions.can_assign(user, task)

    def stale(self, task):
        return task.status != STATUS.NEW or task.owner_id is not None

    def act(self, request, activation):
        activation.assign(request.user)

    def next_url(self, task):
        return reverse("taken:task", args=[task.pk])


class UnassignView(_TaskActionView):
    success_message = _("De taak is teruggezet in de wachtrij.")

    def allowed(self, user, task):
        return permissions.can_unassign(user, task)

    def stale(self, task):
        return task.status != STATUS.ASSIGNED

    def act(self, request, activation):
        activation.unassign()

    def next_url(self, task):
        return reverse("taken:inbox")


def execute_task(request, pk):
    """Hand the request to the flow's own form view for this task (the node's `flow.View(...)`)."""
    task = _task_or_404(pk)
    if not permissions.can_execute(request.user, task):
        if permissions.can_assign(request.user, task):
            messages.info(request, _("Pak de taak eerst op; daarna kunt u haar uitvoeren."))
            return redirect("taken:task", pk=task.pk)
        stale = task.status != STATUS.ASSIGNED or task.owner_id != request.user.pk
        if stale and permissions.can_view_task(request.user, task):
            messages.error(request, GONE_MESSAGE)
            return redirect("taken:task", pk=task.pk)
        raise PermissionDenied
    return task.flow_task.view(request, pk=pk)


class ProcessDetailView(TakenMixin, TemplateView):
    template_name = "workflows/process_detail.html"

    def dispatch(self, request, pk):
        self.process = get_object_or_404(Process, pk=pk)
        if not permissions.can_view_process(request.user, self.process):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return f"{self.process.flow_class.process_title} #{self.process.pk}"

    def get_context_data(self, **kwargs):
        tasks = self.process.task_set.select_related("owner").order_by("created", "pk")
        return super().get_context_data(
            process=self.process.coerced,
            tasks=[t for t in tasks if t.flow_task is not None],
            summary_template=getattr(self.process.flow_class, "summary_template_name", ""),
            **kwargs,
        )


class TaskFormView(TakenMixin, FormView):
    """Base for a human task's form in the Taken area.

    Subclass it, set `form_class` (and optionally `template_name` extending "workflows/task_form.html"), and
    implement `task_done(form, activation)` to store the outcome on `activation.process` (save it). The task is
    started and completed here under the flow's lock; only the assigned user gets this far, and a second
    submission of the same task gets a clear message instead of running twice.
    """

    template_name = "workflows/task_form.html"

    def dispatch(self, request, pk):
        self.task = _task_or_404(pk)
        if not permissions.can_execute(request.user, self.task):
            raise PermissionDenied
        self.process = self.task.process.coerced
        return super().dispatch(request, pk)

    def get_page_title(self):
        return str(self.task.title)

    def get_context_data(self, **kwargs):
        return super().get_context_data(task=self.task, process=self.process, **kwargs)

    def task_done(self, form, activation):
        raise NotImplementedError

    def form_valid(self, form):
        flow_class = self.task.process.flow_class
        try:
            with flow_class.lock(self.task.process_id):
                task = Task.objects.select_for_update().get(pk=self.task.pk)
                if task.status != STATUS.ASSIGNED or not permissions.can_execute(self.request.user, task):
                    messages.error(self.request, GONE_MESSAGE)
                    return redirect("taken:inbox")
                activation = task.flow_task.activation_class(task)
                activation.start(self.request)
                self.task_done(form, activation)
                activation.execute()
        except FlowLockFailed:
            messages.error(self.request, BUSY_MESSAGE)
            return redirect("taken:task", pk=self.task.pk)
        messages.success(self.request, _t("Taak “%(task)s” is afgerond.") % {"task": task.title})
        return redirect("taken:inbox")
