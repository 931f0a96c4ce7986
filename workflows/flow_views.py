"""Views of the network-role flows: the human tasks, each process's page, starting a flow, the reflection
archive and a participant's own role change.

Task views are called as `view(request, pk=<task pk>)`, from our public task address and from the admin's
"Taken" area alike, and check themselves who may take and do the task (Viewflow's activation API does not).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from network.models import Role
from nnr_site import uploads

from . import access, forms
from .flow_tasks import mail_on_commit
from .models import (
    ExitRequestProcess,
    HandoverDocument,
    HandoverNomination,
    HandoverObjection,
    HandoverProcess,
    ReflectionProcess,
)

FLOW_SLUGS = {"overdracht": "HandoverFlow", "vertrek": "ExitRequestFlow", "reflectie": "ReflectionFlow"}


def flow_by_slug(slug):
    from . import flows

    if slug not in FLOW_SLUGS:
        raise Http404
    return getattr(flows, FLOW_SLUGS[slug])


def slug_of(flow_class):
    return {v: k for k, v in FLOW_SLUGS.items()}[flow_class.__name__]


def task_url(task):
    return reverse(
        "workflows_flow:task",
        args=[slug_of(task.process.flow_class), task.process_id, task.flow_task.name, task.pk],
    )


def process_url(process, absolute=True):
    url = reverse("workflows_flow:process", args=[slug_of(process.flow_class), process.pk])
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") if absolute else ""
    return f"{base.rstrip('/')}{url}"


def open_tasks_for(user, processes=None):
    """Open human tasks of these flows that the user may take or do now."""
    from .flows import ExitRequestFlow, HandoverFlow, ReflectionFlow, RoleTask

    tasks = Task.objects.filter(
        process__flow_class__in=[HandoverFlow, ExitRequestFlow, ReflectionFlow],
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    ).select_related("process", "owner")
    if processes is not None:
        tasks = tasks.filter(process__in=processes)
    found = []
    for task in tasks.order_by("created"):
        node = task.flow_task
        if isinstance(node, RoleTask) and (node.can_execute(user, task) or node.can_assign(user, task)):
            found.append(task)
    return found


def task_view(request, flow_slug, process_pk, node_name, task_pk):
    """The public address of a task; the node's own view does the checks (also when the Taken area calls it)."""
    flow_class = flow_by_slug(flow_slug)
    node = flow_class.instance.node(node_name)
    if node is None or not hasattr(node, "allows"):
        raise Http404
    get_object_or_404(Task, pk=task_pk, process_id=process_pk, flow_task=node)
    return node.view(request, pk=task_pk)


class TaskFormView(View):
    """One human task: a form about the process; a valid submit completes the task.

    Called as `view(request, pk=<task pk>)`. Whoever may take the task sees it; submitting takes it (when it is
    still free) and completes it under the flow's lock, re-checking permission on the locked row.
    """

    form_class = None
    template_name = "workflows/handover/task.html"

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, instance=self.process)

    def dispatch(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        task = get_object_or_404(Task.objects.select_related("process"), pk=pk)
        node = task.flow_task
        if not hasattr(node, "allows"):
            raise Http404
        self.task, self.node, self.process = task, node, task.process.coerced
        if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
            if not node.allows(request.user, task):
                raise PermissionDenied
            messages.info(request, _("Deze taak is al afgerond."))
            return redirect(process_url(self.process, absolute=False))
        if not (node.can_execute(request.user, task) or node.can_assign(request.user, task)):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return self.render(self.get_form())

    def post(self, request, pk):
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, status=400)
        flow_class = self.process.flow_class
        try:
            with flow_class.lock(self.process.pk), transaction.atomic():
                task = Task.objects.select_for_update().get(pk=pk)
                if task.status == STATUS.NEW and self.node.can_assign(request.user, task):
                    self.node.activation_class(task).assign(request.user)
                if task.status != STATUS.ASSIGNED or not self.node.can_execute(request.user, task):
                    messages.error(request, _("Deze taak is al door iemand anders opgepakt of afgerond."))
                    return redirect(process_url(self.process, absolute=False))
                activation = self.node.activation_class(task)
                activation.start(request)
                self.form_valid(form)
                activation.process.refresh_from_db()  # the flow's gates read what the form just saved
                activation.execute()
        except FlowLockFailed:
            messages.error(
                request, _("Iemand anders werkt op dit moment aan deze taak. Probeer het zo opnieuw.")
            )
            return redirect(request.path)
        messages.success(request, _("Dank u, de taak is afgerond."))
        return redirect(process_url(self.process, absolute=False))

    def form_valid(self, form):
        form.save()

    def render(self, form, status=200):
        context = {
            "form": form,
            "process": self.process,
            "task": self.task,
            "title": self.node.task_title,
            "process_url": process_url(self.process, absolute=False),
        }
        return render(self.request, self.template_name, context, status=status)


class PrepareHandoverView(TaskFormView):
    form_class = forms.PrepareHandoverForm
    template_name = "workflows/handover/prepare.html"

    def form_valid(self, form):
        form.save()
        chosen = form.cleaned_data["transfer"]
        self.process.checklist.update(transfer=False)
        self.process.checklist.filter(pk__in=[i.pk for i in chosen]).update(transfer=True)
        if form.cleaned_data.get("document"):
            document = form.cleaned_data["document"]
            HandoverDocument.objects.create(
                process=self.process,
                title=form.cleaned_data["document_title"],
                file=document,
                original_name=document.name[:255],
            )


class NominateView(TaskFormView):
    template_name = "workflows/handover/nominate.html"

    def get_form(self, data=None, files=None):
        return forms.NominateForm(data)

    def form_valid(self, form):
        process = self.process
        process.open_seat = form.cleaned_data["open_seat"]
        process.successor = None if process.open_seat else form.cleaned_data["successor"]
        process.save(update_fields=["open_seat", "successor"])
        if process.successor:
            HandoverNomination.objects.create(
                process=process, participant=process.successor, nominated_by=self.request.user
            )


class AcceptNominationView(TaskFormView):
    template_name = "workflows/handover/accept.html"

    def get_form(self, data=None, files=None):
        return forms.AcceptNominationForm(data)

    def form_valid(self, form):
        nomination = self.process.nominations.filter(participant=self.process.successor, response="").last()
        if nomination is None:
            nomination = HandoverNomination(process=self.process, participant=self.process.successor)
        nomination.response = form.cleaned_data["response"]
        nomination.response_note = form.cleaned_data["note"]
        nomination.responded_by = self.request.user
        nomination.responded_at = timezone.now()
        nomination.save()


class CompleteHandoverView(TaskFormView):
    form_class = forms.CompleteHandoverForm
    template_name = "workflows/handover/complete.html"

    def form_valid(self, form):
        process = form.save(commit=False)
        process.completed_by = self.request.user
        process.completed_at = timezone.now()
        process.save()


class SupportExitView(TaskFormView):
    form_class = forms.SupportExitForm
    template_name = "workflows/exit/task.html"

    def form_valid(self, form):
        process = form.save(commit=False)
        process.supported_by = self.request.user
        process.supporting_participant = access.core_partner_of(self.request.user)
        process.save()


class RespondExitView(TaskFormView):
    form_class = forms.RespondExitForm
    template_name = "workflows/exit/task.html"

    def form_valid(self, form):
        process = form.save(commit=False)
        process.responded_at = timezone.now()
        process.save()


class ExitOutcomeView(TaskFormView):
    form_class = forms.ExitOutcomeForm
    template_name = "workflows/exit/task.html"

    def form_valid(self, form):
        process = form.save(commit=False)
        process.decided_by = self.request.user
        process.decided_at = timezone.now()
        process.save()
        mail_on_commit(
            _("Uitkomst van het verzoek tot vertrek"),
            _("De kernpartners hebben de uitkomst vastgelegd: %(outcome)s.\n\n%(note)s")
            % {"outcome": process.get_outcome_display(), "note": process.outcome_note},
            [c.email for c in process.participant.contacts.all()],
        )


class ReflectView(TaskFormView):
    form_class = forms.ReflectForm
    template_name = "workflows/reflection/task.html"

    def form_valid(self, form):
        process = form.save(commit=False)
        process.completed_by = self.request.user
        process.completed_at = timezone.now()
        process.save()


def can_see_process(user, process):
    if access.is_office(user) or access.core_partner_of(user):
        return True
    if isinstance(process, HandoverProcess):
        return access.is_user_of(user, process.departing) or any(
            access.is_user_of(user, n.participant) for n in process.nominations.all()
        )
    if isinstance(process, ExitRequestProcess):
        return access.is_user_of(user, process.participant)
    return (
        isinstance(process, ReflectionProcess)
        and process.finished is not None
        and bool(access.participant_of(user))
    )


def can_see_documents(user, process):
    """Who may open a handover's documents: the people in that handover, i.e. the office, the core partners,
    the departing core partner's users and the users of the current successor (not of a declined nominee)."""
    if access.is_office(user) or access.core_partner_of(user):
        return True
    successor = process.successor if not process.open_seat else None
    return access.is_user_of(user, process.departing) or access.is_user_of(user, successor)


def objection_open(process, user):
    mine = access.core_partner_of(user)
    return (
        isinstance(process, HandoverProcess)
        and process.objection_deadline is not None
        and process.objection_deadline > timezone.now()
        and process.completed_at is None
        and mine is not None
        and mine.pk not in (process.departing_id, process.successor_id)
    )


@login_required
def process_view(request, flow_slug, process_pk):
    flow_class = flow_by_slug(flow_slug)
    process = get_object_or_404(Process, pk=process_pk, flow_class=flow_class).coerced
    if not can_see_process(request.user, process):
        raise PermissionDenied
    objection_form = None
    if objection_open(process, request.user):
        objection_form = forms.ObjectionForm(request.POST or None)
        if request.method == "POST" and objection_form.is_valid():
            HandoverObjection.objects.create(
                process=process,
                participant=access.core_partner_of(request.user),
                by=request.user,
                text=objection_form.cleaned_data["text"],
            )
            messages.success(request, _("Uw bezwaar is vastgelegd."))
            return redirect(request.path)
    elif request.method == "POST":
        raise PermissionDenied
    template = {
        HandoverProcess: "workflows/handover/process.html",
        ExitRequestProcess: "workflows/exit/process.html",
        ReflectionProcess: "workflows/reflection/process.html",
    }[type(process)]
    context = {
        "process": process,
        "tasks": process.task_set.select_related("owner").order_by("created"),
        "my_tasks": [(t, task_url(t)) for t in open_tasks_for(request.user, [process])],
        "objection_form": objection_form,
        "show_personal": access.is_office(request.user) or access.core_partner_of(request.user) is not None,
        "show_documents": isinstance(process, HandoverProcess) and can_see_documents(request.user, process),
    }
    return render(request, template, context, status=400 if objection_form and objection_form.errors else 200)


@login_required
def document_view(request, process_pk, document_pk):
    """A handover document, always as a download: never shown inline, never sniffed into HTML."""
    document = get_object_or_404(HandoverDocument, pk=document_pk, process_id=process_pk)
    if not can_see_documents(request.user, document.process):
        raise PermissionDenied
    try:
        file = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        file,
        as_attachment=True,
        filename=document.download_name(),
        content_type=uploads.content_type(document.file.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def start_handover(request):
    from .flows import HandoverFlow

    mine = access.core_partner_of(request.user)
    if mine is None and not access.is_office(request.user):
        raise PermissionDenied
    form = forms.StartHandoverForm(request.POST or None, departing=mine)
    if request.method == "POST" and form.is_valid():
        departing = form.cleaned_data["departing"]
        if HandoverProcess.objects.filter(departing=departing, finished=None).exists():
            form.add_error("departing", _("Voor deze kernpartner loopt al een overdracht."))
        else:
            process = HandoverFlow.start.run(
                departing=departing,
                by=request.user,
                departing_new_role=form.cleaned_data["departing_new_role"],
            )
            return redirect(process_url(process, absolute=False))
    return render(
        request,
        "workflows/handover/start.html",
        {"form": form, "mine": mine},
        status=400 if form.errors else 200,
    )


@login_required
def start_exit(request):
    from .flows import ExitRequestFlow

    mine = access.core_partner_of(request.user)
    if mine is None:
        raise PermissionDenied
    form = forms.StartExitForm(request.POST or None, requester=mine)
    if request.method == "POST" and form.is_valid():
        process = ExitRequestFlow.start.run(
            participant=form.cleaned_data["participant"],
            by=request.user,
            requesting_participant=mine,
            reason=form.cleaned_data["reason"],
            rule=form.cleaned_data["rule"],
        )
        return redirect(process_url(process, absolute=False))
    return render(request, "workflows/exit/start.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def reflection_archive(request):
    """Finished reflections, readable by every logged-in participant and the office."""
    if access.participant_of(request.user) is None and not access.is_office(request.user):
        raise PermissionDenied
    reflections = ReflectionProcess.objects.exclude(finished=None).order_by("-finished")
    return render(request, "workflows/reflection/archive.html", {"reflections": reflections})


@login_required
def role_change(request):
    """A participant moves itself between supporter and partner; the core-partner role goes through flows."""
    participant = access.participant_of(request.user)
    if participant is None or not participant.is_active:
        raise PermissionDenied
    form = forms.RoleChangeForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        participant.change_role(
            form.cleaned_data["role"],
            by=request.user,
            reason=form.cleaned_data["reason"] or _("Op eigen verzoek"),
        )
        messages.success(
            request, _("Uw rol is gewijzigd in %(role)s.") % {"role": Role(form.cleaned_data["role"]).label}
        )
        return redirect("workflows_flow:role_change")
    return render(
        request,
        "workflows/role/role_change.html",
        {"form": form, "participant": participant, "history": participant.role_changes.all()[:10]},
        status=400 if form.errors else 200,
    )
