"""The "Taken" area in the Wagtail admin (my tasks, the queue, the office's view of every open task; taking,
returning and reassigning a task; a task's form and a process's page) and the site's /mijn/taken/.

Generic over flows: a flow's human task plugs in with `flow.View(MyTaskView.as_view())`, where MyTaskView
subclasses `TaskFormView` below (onboarding's screening, governance's tasks). Every view here checks
permissions itself (workflows.permissions, workflows.tasklist), because Viewflow's activation API does not.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from network import audit
from network.access import is_office

from . import permissions, tasklist, tasks
from .forms import ReassignForm
from .history import timeline

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


class _ListView(TakenMixin, TemplateView):
    """A tab of the Taken area: the rows of workflows.tasklist, the same as on /mijn/taken/, a page of
    PER_PAGE at a time (the office's queue may hold a thousand applications)."""

    template_name = "workflows/task_list.html"
    active = ""
    empty = ""
    selectable = False  # a checkbox per row, to take several at once
    per_page = 50

    def tasks(self, mine):
        """The listing and the tasks of this tab, given the user's own tasks."""
        return self.listing, mine

    def get_context_data(self, **kwargs):
        user = self.request.user
        self.listing, mine = tasklist.listing_for(user)
        listing, tasks = self.tasks(mine)
        page = Paginator(tasks, self.per_page).get_page(self.request.GET.get("p"))
        rows = listing.rows(page.object_list)
        return super().get_context_data(
            rows=rows,
            page=page,
            tab_counts={"inbox": len(mine), "queue": sum(1 for t in mine if not t.owner_id)},
            active=self.active,
            empty=self.empty,
            selectable=self.selectable and any(not r.owner for r in rows),
            is_office=is_office(user),
            **kwargs,
        )


class InboxView(_ListView):
    page_title = _("Mijn taken")
    active = "inbox"
    empty = _("U heeft geen openstaande taken.")


class QueueView(_ListView):
    page_title = _("Op te pakken taken")
    active = "queue"
    empty = _("Er liggen geen taken klaar die u kunt oppakken.")
    selectable = True

    def tasks(self, mine):
        return self.listing, [task for task in mine if not task.owner_id]


class AllTasksView(_ListView):
    """Every open task in the network, for the office: who has it, who could, and which are stuck."""

    page_title = _("Alle open taken")
    active = "all"
    empty = _("Er zijn geen open taken.")

    def dispatch(self, request, *args, **kwargs):
        if not is_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def tasks(self, mine):
        listing = tasklist.everyone_listing()
        return listing, listing.tasks


class TaskDetailView(TakenMixin, TemplateView):
    template_name = "workflows/task_detail.html"

    def dispatch(self, request, pk):
        self.task = _task_or_404(pk)
        if not permissions.can_view_task(request.user, self.task):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return str(tasklist.step_title(self.task.flow_task) or self.task.title)

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        task = self.task
        is_open = task.status in permissions.OPEN_STATUSES
        row = tasklist.make_row(task, viewer=user) if is_open else None
        may_reassign = is_open and is_office(user)
        if may_reassign and form is None:
            form = ReassignForm(people=tasklist.eligible(task))
        do_url = ""
        if row and tasklist.can_act(user, task) and row.url != self.request.path:
            do_url = row.url  # the flow's own page for the task (on the site)
        return super().get_context_data(
            task=task,
            process=task.process.coerced,
            row=row,
            do_url=do_url,
            can_assign=permissions.can_assign(user, task),
            can_unassign=permissions.can_unassign(user, task),
            can_execute=permissions.can_execute(user, task) and not do_url,
            reassign_form=form if may_reassign else None,
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


class AssignManyView(View):
    """The queue's "Aan mij toewijzen" for the tasks ticked in it; each one under its process's lock, and only the
    ones the user may still take (a colleague may have been quicker)."""

    def post(self, request):
        pks = [int(pk) for pk in request.POST.getlist("task") if pk.isdigit()][:200]
        taken = skipped = 0
        for task in Task.objects.filter(pk__in=pks).select_related("process"):
            if task.flow_task is None or task.process.flow_class not in permissions.registered_flows():
                skipped += 1
                continue
            try:
                with task.process.flow_class.lock(task.process_id):
                    task.refresh_from_db()
                    if not permissions.can_assign(request.user, task):
                        skipped += 1
                        continue
                    task.flow_task.activation_class(task).assign(request.user)
                    taken += 1
            except FlowLockFailed:
                skipped += 1
        if taken:
            messages.success(
                request,
                ngettext(
                    "%(count)s taak is aan u toegewezen.", "%(count)s taken zijn aan u toegewezen.", taken
                )
                % {"count": taken},
            )
        if skipped:
            messages.warning(
                request,
                ngettext(
                    "%(count)s taak kon u niet oppakken: iemand anders heeft haar al, of u mag haar niet doen.",
                    "%(count)s taken kon u niet oppakken: iemand anders heeft ze al, of u mag ze niet doen.",
                    skipped,
                )
                % {"count": skipped},
            )
        if not pks:
            messages.error(request, _("Vink eerst de taken aan die u wilt oppakken."))
        return redirect("taken:queue" if not taken else "taken:inbox")


class ReassignView(TaskDetailView):
    """The office gives an open task to someone else who can do it, with a reason for the process's history;
    the new owner gets the task's e-mail."""

    def dispatch(self, request, pk):
        if not is_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return redirect("taken:task", pk=pk)

    def post(self, request, pk):
        task = self.task
        try:
            with task.process.flow_class.lock(task.process_id):
                task.refresh_from_db()
                if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
                    messages.error(request, GONE_MESSAGE)
                    return redirect("taken:task", pk=task.pk)
                form = ReassignForm(request.POST, people=tasklist.eligible(task))
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form), status=400)
                user, reason = form.cleaned_data["user"], form.cleaned_data["reason"]
                previous = task.owner
                activation = task.flow_task.activation_class(task)
                if task.status == STATUS.NEW:
                    activation.assign(user)
                else:
                    activation.reassign(user)
                audit.record(
                    audit.TASK_REASSIGNED,
                    task.process.coerced,
                    user=request.user,
                    data={
                        "task": str(tasklist.step_title(task.flow_task) or task.title),
                        "task_id": task.pk,
                        "from": tasklist.person_name(previous) if previous else "",
                        "to": tasklist.person_name(user),
                        "reason": reason,
                    },
                )
                note = _("Het netwerkbureau heeft deze taak aan u gegeven. Reden: %(reason)s") % {
                    "reason": reason
                }
                task_id = task.pk
                transaction.on_commit(lambda: tasks.announce_task.delay(task_id, str(note)), robust=True)
        except FlowLockFailed:
            messages.error(request, BUSY_MESSAGE)
            return redirect("taken:task", pk=task.pk)
        messages.success(
            request, _("De taak is aan %(name)s gegeven.") % {"name": tasklist.person_name(user)}
        )
        return redirect("taken:task", pk=task.pk)


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
    """A process in the admin: what it is about, who must act next and by when, what the viewer may do now,
    and its history (workflows.history)."""

    template_name = "workflows/process_detail.html"

    def dispatch(self, request, pk):
        self.process = get_object_or_404(Process, pk=pk)
        if not permissions.can_view_process(request.user, self.process):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return tasklist.about(self.process)

    def get_context_data(self, **kwargs):
        user = self.request.user
        history = timeline(self.process, user=user)
        for step in history.next_steps:
            task = step.task
            if step.actions or task.flow_task_type != "HUMAN" or not permissions.can_view_task(user, task):
                continue
            if is_office(user):
                step.actions.append((_("Aan iemand anders geven"), reverse("taken:task", args=[task.pk])))
            elif permissions.can_assign(user, task):
                step.actions.append((_("Bekijken en oppakken"), reverse("taken:task", args=[task.pk])))
        return super().get_context_data(
            process=self.process.coerced,
            flow_title=self.process.flow_class.process_title,
            timeline=history,
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


@login_required
def my_tasks(request):
    """/mijn/taken/: the person's own list, on the site, for everyone (also without access to the admin)."""
    return render(request, "workflows/my_tasks.html", {"rows": tasklist.rows_for(request.user)})
