"""Views of the network-role flows: the human tasks, each process's page, starting a flow, the reflection
archive and a participant's own role change.

Task views are workflows' TaskFormView, called as `view(request, pk=<task pk>)` from our public task address
and from the admin's "Taken" area alike; they check themselves who may take and do the task (Viewflow's
activation API does not).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import ModelForm
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from network.access import core_partner_of, is_core_partner, is_office, participant_of
from network.models import Role
from nnr_site import uploads
from workflows.views import TaskFormView

from . import access, forms
from .links import FLOW_SLUGS, process_url, task_url
from .mail import mail_on_commit
from .models import (
    ExitRequestProcess,
    HandoverDocument,
    HandoverNomination,
    HandoverObjection,
    HandoverProcess,
    ReflectionProcess,
)


def flow_by_slug(slug):
    from . import flows

    if slug not in FLOW_SLUGS:
        raise Http404
    return getattr(flows, FLOW_SLUGS[slug])


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


class RoleTaskFormView(TaskFormView):
    """A task of these flows: whoever its RoleTask node allows sees it, on the site or in the Taken area, and
    submitting takes it while it is still free. Afterwards the user is on the process's page."""

    template_name = "governance/handover/task.html"
    success_message = _lazy("Dank u, de taak is afgerond.")

    def may_see(self, user, task):
        return task.flow_task.allows(user, task)

    def may_take(self, user, task):
        return task.flow_task.can_assign(user, task)

    def may_execute(self, user, task):
        return task.flow_task.can_execute(user, task)

    def get_success_url(self):
        return process_url(self.process, absolute=False)

    def busy_url(self):
        return self.request.path

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.form_class, ModelForm):
            kwargs["instance"] = self.process
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.task.flow_task.task_title,
            process_url=process_url(self.process, absolute=False),
            **kwargs,
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def task_done(self, form, activation):
        form.save()


class PrepareHandoverView(RoleTaskFormView):
    form_class = forms.PrepareHandoverForm
    template_name = "governance/handover/prepare.html"

    def task_done(self, form, activation):
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


class NominateView(RoleTaskFormView):
    form_class = forms.NominateForm
    template_name = "governance/handover/nominate.html"

    def task_done(self, form, activation):
        process = self.process
        process.open_seat = form.cleaned_data["open_seat"]
        process.successor = None if process.open_seat else form.cleaned_data["successor"]
        process.save(update_fields=["open_seat", "successor"])
        if process.successor:
            HandoverNomination.objects.create(
                process=process, participant=process.successor, nominated_by=self.request.user
            )


class AcceptNominationView(RoleTaskFormView):
    form_class = forms.AcceptNominationForm
    template_name = "governance/handover/accept.html"

    def task_done(self, form, activation):
        nomination = self.process.nominations.filter(participant=self.process.successor, response="").last()
        if nomination is None:
            nomination = HandoverNomination(process=self.process, participant=self.process.successor)
        nomination.response = form.cleaned_data["response"]
        nomination.response_note = form.cleaned_data["note"]
        nomination.responded_by = self.request.user
        nomination.responded_at = timezone.now()
        nomination.save()


class CompleteHandoverView(RoleTaskFormView):
    form_class = forms.CompleteHandoverForm
    template_name = "governance/handover/complete.html"

    def task_done(self, form, activation):
        process = form.save(commit=False)
        process.completed_by = self.request.user
        process.completed_at = timezone.now()
        process.save()


class SupportExitView(RoleTaskFormView):
    form_class = forms.SupportExitForm
    template_name = "governance/exit/task.html"

    def task_done(self, form, activation):
        process = form.save(commit=False)
        process.supported_by = self.request.user
        process.supporting_participant = core_partner_of(self.request.user)
        process.save()


class RespondExitView(RoleTaskFormView):
    form_class = forms.RespondExitForm
    template_name = "governance/exit/task.html"

    def task_done(self, form, activation):
        process = form.save(commit=False)
        process.responded_at = timezone.now()
        process.save()


class ExitOutcomeView(RoleTaskFormView):
    form_class = forms.ExitOutcomeForm
    template_name = "governance/exit/task.html"

    def task_done(self, form, activation):
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


class ReflectView(RoleTaskFormView):
    form_class = forms.ReflectForm
    template_name = "governance/reflection/task.html"

    def task_done(self, form, activation):
        process = form.save(commit=False)
        process.completed_by = self.request.user
        process.completed_at = timezone.now()
        process.save()


def can_see_process(user, process):
    if is_office(user) or is_core_partner(user):
        return True
    if isinstance(process, HandoverProcess):
        return access.is_user_of(user, process.departing) or any(
            access.is_user_of(user, n.participant) for n in process.nominations.all()
        )
    if isinstance(process, ExitRequestProcess):
        return access.is_user_of(user, process.participant)
    return (
        isinstance(process, ReflectionProcess) and process.finished is not None and bool(participant_of(user))
    )


def can_see_documents(user, process):
    """Who may open a handover's documents: the people in that handover, i.e. the office, the core partners,
    the departing core partner's users and the users of the current successor (not of a declined nominee)."""
    if is_office(user) or is_core_partner(user):
        return True
    successor = process.successor if not process.open_seat else None
    return access.is_user_of(user, process.departing) or access.is_user_of(user, successor)


def objection_open(process, user):
    mine = core_partner_of(user)
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
                participant=core_partner_of(request.user),
                by=request.user,
                text=objection_form.cleaned_data["text"],
            )
            messages.success(request, _("Uw bezwaar is vastgelegd."))
            return redirect(request.path)
    elif request.method == "POST":
        raise PermissionDenied
    template = {
        HandoverProcess: "governance/handover/process.html",
        ExitRequestProcess: "governance/exit/process.html",
        ReflectionProcess: "governance/reflection/process.html",
    }[type(process)]
    context = {
        "process": process,
        "tasks": process.task_set.select_related("owner").order_by("created"),
        "my_tasks": [(t, task_url(t)) for t in open_tasks_for(request.user, [process])],
        "objection_form": objection_form,
        "show_personal": is_office(request.user) or is_core_partner(request.user),
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

    mine = core_partner_of(request.user)
    if mine is None and not is_office(request.user):
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
        "governance/handover/start.html",
        {"form": form, "mine": mine},
        status=400 if form.errors else 200,
    )


@login_required
def start_exit(request):
    from .flows import ExitRequestFlow

    mine = core_partner_of(request.user)
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
    return render(request, "governance/exit/start.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def reflection_archive(request):
    """Finished reflections, readable by every logged-in participant and the office."""
    if participant_of(request.user) is None and not is_office(request.user):
        raise PermissionDenied
    reflections = ReflectionProcess.objects.exclude(finished=None).order_by("-finished")
    return render(request, "governance/reflection/archive.html", {"reflections": reflections})


@login_required
def role_change(request):
    """A participant moves itself between supporter and partner; the core-partner role goes through flows."""
    participant = participant_of(request.user)
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
        return redirect("governance:role_change")
    return render(
        request,
        "governance/role/role_change.html",
        {"form": form, "participant": participant, "history": participant.role_changes.all()[:10]},
        status=400 if form.errors else 200,
    )
