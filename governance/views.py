"""Pages of the network-role flows: starting a handover or an exit request, each process's page (with the
objection form) and its documents, a task's public address, the reflection archive and a participant's own
role change. The task forms themselves are in task_views.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from network.access import core_partner_of, is_core_partner, is_office, participant_of
from network.models import Role
from nnr_site import uploads

from . import access, flows, forms, history, interventions
from .links import FLOW_SLUGS, process_url, slug_of, task_url
from .models import (
    ExitRequestProcess,
    HandoverDocument,
    HandoverObjection,
    HandoverProcess,
    ReflectionProcess,
)


def flow_by_slug(slug):
    if slug not in FLOW_SLUGS:
        raise Http404
    return getattr(flows, FLOW_SLUGS[slug])


def open_tasks_for(user, processes=None):
    """Open human tasks of these flows that the user may take or do now."""
    tasks = Task.objects.filter(
        process__flow_class__in=[flows.HandoverFlow, flows.ExitRequestFlow, flows.ReflectionFlow],
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    ).select_related("process", "owner")
    if processes is not None:
        tasks = tasks.filter(process__in=processes)
    found = []
    for task in tasks.order_by("created"):
        node = task.flow_task
        if isinstance(node, flows.RoleTask) and (node.can_execute(user, task) or node.can_assign(user, task)):
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


def can_see_process(user, process):
    if is_office(user) or is_core_partner(user):
        return True
    if isinstance(process, HandoverProcess):
        return access.is_user_of(user, process.departing_id) or any(
            access.is_user_of(user, n.participant_id) for n in process.nominations.all()
        )
    if isinstance(process, ExitRequestProcess):
        return access.is_user_of(user, process.participant_id)
    return (
        isinstance(process, ReflectionProcess) and process.finished is not None and bool(participant_of(user))
    )


def can_see_documents(user, process):
    """Who may open a handover's documents: the people in that handover, i.e. the office, the core partners,
    the departing core partner's users and the users of the current successor (not of a declined nominee)."""
    if is_office(user) or is_core_partner(user):
        return True
    successor = process.successor_id if not process.open_seat else None
    return access.is_user_of(user, process.departing_id) or access.is_user_of(user, successor)


def objection_open(process, user):
    mine = core_partner_of(user)
    return (
        interventions.open_objection_period(process) is not None
        and process.objection_deadline is not None
        and process.objection_deadline > timezone.now()
        and mine is not None
        and mine.pk not in (process.departing_id, process.successor_id)
    )


PROCESS_TEMPLATES = {
    HandoverProcess: "governance/handover/process.html",
    ExitRequestProcess: "governance/exit/process.html",
    ReflectionProcess: "governance/reflection/process.html",
}


def get_process(request, flow_slug, process_pk):
    flow_class = flow_by_slug(flow_slug)
    process = get_object_or_404(Process, pk=process_pk, flow_class=flow_class).coerced
    if not can_see_process(request.user, process):
        raise PermissionDenied
    return process


def render_process(request, process, objection_form=None, close_form=None, withdraw_form=None):
    """The process page: the steps, who must act next and by when, what happened, and what the viewer may do
    now (a task, an objection, the office's interventions). A form that was posted and has errors is shown
    again with them, and the answer is 400."""
    user = request.user
    if objection_form is None and objection_open(process, user):
        objection_form = forms.ObjectionForm()
    if close_form is None and interventions.can_close_objection_period(user, process):
        close_form = forms.ReasonForm(prefix="sluiten", label=_("Waarom sluit u de bezwaartermijn nu?"))
    if withdraw_form is None and interventions.can_withdraw(user, process):
        withdraw_form = forms.ReasonForm(prefix="intrekken", label=_("Waarom trekt u deze werkstroom in?"))
    posted = [f for f in (objection_form, close_form, withdraw_form) if f is not None and f.errors]
    context = {
        "process": process,
        "slug": slug_of(process.flow_class),
        "steps": history.steps(process),
        "timeline": history.timeline(process),
        "waiting": history.waiting(process),
        "withdrawn": process.status == PROCESS.CANCELED,
        "my_tasks": [(t, task_url(t)) for t in open_tasks_for(user, [process])],
        "objection_form": objection_form,
        "close_form": close_form,
        "withdraw_form": withdraw_form,
        "show_personal": is_office(user) or is_core_partner(user),
        "show_documents": isinstance(process, HandoverProcess) and can_see_documents(user, process),
    }
    return render(request, PROCESS_TEMPLATES[type(process)], context, status=400 if posted else 200)


@login_required
def process_view(request, flow_slug, process_pk):
    process = get_process(request, flow_slug, process_pk)
    if request.method != "POST":
        return render_process(request, process)
    if not objection_open(process, request.user):
        raise PermissionDenied
    objection_form = forms.ObjectionForm(request.POST)
    if not objection_form.is_valid():
        return render_process(request, process, objection_form=objection_form)
    HandoverObjection.objects.create(
        process=process,
        participant=core_partner_of(request.user),
        by=request.user,
        text=objection_form.cleaned_data["text"],
    )
    messages.success(request, _("Uw bezwaar is vastgelegd."))
    return redirect(request.path)


@require_POST
@login_required
def close_objection_period_view(request, process_pk):
    """The office ends a handover's objection period early, with its reason."""
    process = get_process(request, "overdracht", process_pk)
    if not interventions.can_close_objection_period(request.user, process):
        raise PermissionDenied
    form = forms.ReasonForm(request.POST, prefix="sluiten", label=_("Waarom sluit u de bezwaartermijn nu?"))
    if not form.is_valid():
        return render_process(request, process, close_form=form)
    interventions.close_objection_period(process, request.user, form.cleaned_data["reason"])
    messages.success(
        request, _("De bezwaartermijn is gesloten. Het netwerkbureau kan de overdracht nu afronden.")
    )
    return redirect(process_url(process, absolute=False))


@require_POST
@login_required
def withdraw_view(request, flow_slug, process_pk):
    """The office withdraws a running process, with its reason."""
    process = get_process(request, flow_slug, process_pk)
    if not interventions.can_withdraw(request.user, process):
        raise PermissionDenied
    form = forms.ReasonForm(request.POST, prefix="intrekken", label=_("Waarom trekt u deze werkstroom in?"))
    if not form.is_valid():
        return render_process(request, process, withdraw_form=form)
    try:
        interventions.withdraw(process, request.user, form.cleaned_data["reason"])
    except FlowRuntimeError:
        messages.error(
            request, _("Iemand werkt op dit moment aan een taak van deze werkstroom. Probeer het zo opnieuw.")
        )
    else:
        messages.success(request, _("De werkstroom is ingetrokken."))
    return redirect(process_url(process, absolute=False))


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
    mine = core_partner_of(request.user)
    if mine is None and not is_office(request.user):
        raise PermissionDenied
    running = HandoverProcess.objects.filter(finished=None).select_related("departing").order_by("created")
    if mine is not None:
        running = running.filter(departing=mine)
    form = forms.StartHandoverForm(request.POST or None, departing=mine)
    if mine is not None and running and request.method != "POST":
        form = None  # a core partner's own handover runs already: the page links to it instead
    if form is not None and request.method == "POST" and form.is_valid():
        process = flows.HandoverFlow.start.run(
            departing=form.cleaned_data["departing"],
            by=request.user,
            departing_new_role=form.cleaned_data["departing_new_role"],
        )
        return redirect(process_url(process, absolute=False))
    return render(
        request,
        "governance/handover/start.html",
        {"form": form, "mine": mine, "running": [(p, process_url(p, absolute=False)) for p in running]},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def start_exit(request):
    mine = core_partner_of(request.user)
    if mine is None:
        raise PermissionDenied
    form = forms.StartExitForm(request.POST or None, requester=mine)
    if request.method == "POST" and form.is_valid():
        process = flows.ExitRequestFlow.start.run(
            participant=form.cleaned_data["participant"],
            by=request.user,
            requesting_participant=mine,
            reason=form.cleaned_data["reason"],
            rule=form.cleaned_data["rule"],
        )
        return redirect(process_url(process, absolute=False))
    running = (
        ExitRequestProcess.objects.filter(finished=None).select_related("participant").order_by("created")
    )
    return render(
        request,
        "governance/exit/start.html",
        {"form": form, "running": [(p, process_url(p, absolute=False)) for p in running]},
        status=400 if form.errors else 200,
    )


@login_required
def reflection_archive(request):
    """Finished reflections, readable by every logged-in participant and the office."""
    if participant_of(request.user) is None and not is_office(request.user):
        raise PermissionDenied
    reflections = (
        ReflectionProcess.objects.exclude(finished=None)
        .prefetch_related("proposal_decisions__proposal")
        .order_by("-finished")
    )
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
    own_handover = HandoverProcess.objects.filter(departing=participant, finished=None).first()
    return render(
        request,
        "governance/role/role_change.html",
        {
            "form": form,
            "participant": participant,
            "history": participant.role_changes.all()[:10],
            "own_handover": own_handover and process_url(own_handover, absolute=False),
        },
        status=400 if form.errors else 200,
    )
