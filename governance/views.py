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
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from network.access import core_partner_of, is_core_partner, is_office, participant_of
from network.models import Role
from nnr_site import uploads

from . import access, flows, forms
from .links import FLOW_SLUGS, process_url, task_url
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
    mine = core_partner_of(request.user)
    if mine is None and not is_office(request.user):
        raise PermissionDenied
    form = forms.StartHandoverForm(request.POST or None, departing=mine)
    if request.method == "POST" and form.is_valid():
        departing = form.cleaned_data["departing"]
        if HandoverProcess.objects.filter(departing=departing, finished=None).exists():
            form.add_error("departing", _("Voor deze kernpartner loopt al een overdracht."))
        else:
            process = flows.HandoverFlow.start.run(
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
