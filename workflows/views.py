"""The "Taken" area in the Wagtail admin: inbox, queue, assign/unassign, a task's form and process history.

Generic over flows: a flow's human task plugs in with `flow.View(MyTaskView.as_view())`, where MyTaskView
subclasses `TaskFormView` below (onboarding's screening, governance's tasks). Every view here checks permissions itself (workflows.permissions), because
Viewflow's activation API does not.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
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
    """The form of one human task; a valid submit completes the task, exactly once. Every flow's task forms
    subclass it: `flow.View(MyTaskView.as_view())`.

    Called as `view(request, pk=<task pk>)`, from the Taken area (taken:execute) and from a flow's own task
    address alike. Subclasses set `form_class` (and `template_name`) and implement `task_done(form,
    activation)`, which stores the outcome on the process and saves it. The submit runs under the flow's lock
    on the locked task row: the task is taken if it is still free and `may_take` allows it, permission is
    checked again, then the task is started, done and completed; a rival or a second submit gets a message.

    By default the task is done in the admin's Taken area: only the user it is assigned to opens it (taking
    it is a separate step there), and afterwards returns to the inbox. Flows whose tasks are also done on the
    site override the `may_*` checks and the URLs to go to.
    """

    template_name = "workflows/task_form.html"
    success_message = _("Taak “%(task)s” is afgerond.")

    def may_see(self, user, task):
        """May the user be told that this task is already done?"""
        return permissions.can_view_task(user, task)

    def may_take(self, user, task):
        """May the user take this free task by submitting its form?"""
        return False

    def may_execute(self, user, task):
        """May the user do this task (once it is assigned)?"""
        return permissions.can_execute(user, task)

    def get_success_url(self):
        """Where to go once the task is done, or found done or taken by someone else."""
        return reverse("taken:inbox")

    def busy_url(self):
        """Where to go when someone else holds the flow's lock at this moment."""
        return reverse("taken:task", args=[self.task.pk])

    def dispatch(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.task = _task_or_404(pk)
        self.process = self.task.process.coerced
        if self.task.status not in (STATUS.NEW, STATUS.ASSIGNED):
            if not self.may_see(request.user, self.task):
                raise PermissionDenied
            messages.info(request, _("Deze taak is al afgerond."))
            return redirect(self.get_success_url())
        if not (self.may_execute(request.user, self.task) or self.may_take(request.user, self.task)):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return str(self.task.title)

    def get_context_data(self, **kwargs):
        return super().get_context_data(task=self.task, process=self.process, **kwargs)

    def task_done(self, form, activation):
        raise NotImplementedError

    def form_valid(self, form):
        user = self.request.user
        try:
            with self.task.process.flow_class.lock(self.task.process_id), transaction.atomic():
                task = Task.objects.select_for_update().get(pk=self.task.pk)
                if task.status == STATUS.NEW and self.may_take(user, task):
                    task.flow_task.activation_class(task).assign(user)
                if task.status != STATUS.ASSIGNED or not self.may_execute(user, task):
                    messages.error(self.request, GONE_MESSAGE)
                    return redirect(self.get_success_url())
                activation = task.flow_task.activation_class(task)
                activation.start(self.request)
                self.task_done(form, activation)
                activation.process.refresh_from_db()  # the flow's gates read what task_done saved
                activation.execute()
        except FlowLockFailed:
            messages.error(self.request, BUSY_MESSAGE)
            return redirect(self.busy_url())
        messages.success(self.request, self.success_message % {"task": task.title})
        return redirect(self.get_success_url())
