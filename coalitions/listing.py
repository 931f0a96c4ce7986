"""What the coalition index and a coalition page show, with a fixed number of queries however many there are."""

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from taggit.models import Tag

from network.access import contact_for
from network.models import Participant

from . import invitations
from .forms import CoalitionFilterForm, JoinRequestForm
from .models import (
    ActivityPage,
    CoalitionMembership,
    CoalitionPage,
    CoalitionTag,
    JoinRequest,
    latest_activity_subquery,
)
from .regionmap import region_counts, region_map

PER_PAGE = 12


def _member_count():
    members = (
        CoalitionMembership.objects.current()
        .filter(page_id=OuterRef("pk"), participant__status=Participant.Status.ACTIVE)
        .order_by()
        .values("page_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(members, output_field=IntegerField()), 0)


def search(queryset, text):
    """Plain icontains search over title, goal, place, description and themes (same on SQLite and PostgreSQL)."""
    tagged = CoalitionTag.objects.filter(tag__name__icontains=text).values("content_object_id")
    return queryset.filter(
        Q(title__icontains=text)
        | Q(goal__icontains=text)
        | Q(city__icontains=text)
        | Q(description__icontains=text)
        | Q(pk__in=tagged)
    )


def index_context(index_page, request):
    base = CoalitionPage.objects.live().public().child_of(index_page)
    themes = (
        Tag.objects.filter(coalitions_coalitiontag_items__content_object__in=base).distinct().order_by("name")
    )
    form = CoalitionFilterForm(request.GET or None, themes=themes)
    coalitions = base
    if form.is_valid():
        data = form.cleaned_data
        for field in ("kind", "region", "organisation_type"):
            if data.get(field):
                coalitions = coalitions.filter(**{field: data[field]})
        if data.get("theme"):
            coalitions = coalitions.filter(
                pk__in=CoalitionTag.objects.filter(tag__slug=data["theme"]).values("content_object_id")
            )
        if data.get("q"):
            coalitions = search(coalitions, data["q"])
    coalitions = (
        coalitions.annotate(latest_activity_id=latest_activity_subquery(), member_count=_member_count())
        .prefetch_related(Prefetch("tagged_items", queryset=CoalitionTag.objects.select_related("tag")))
        .order_by("title")
    )
    page_obj = Paginator(coalitions, PER_PAGE).get_page(request.GET.get("page"))
    items = list(page_obj.object_list)
    activity_ids = [c.latest_activity_id for c in items if c.latest_activity_id]
    activities = ActivityPage.objects.in_bulk(activity_ids) if activity_ids else {}
    for coalition in items:
        coalition.latest_activity = activities.get(coalition.latest_activity_id)
        coalition.theme_list = [t.tag for t in coalition.tagged_items.all()]
    index_url = index_page.get_url(request)
    return {
        "filter_form": form,
        "coalitions": items,
        "page_obj": page_obj,
        "is_filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
        "region_map": region_map(region_counts(base), link=lambda code: f"{index_url}?region={code}"),
    }


def coalition_context(page, request):
    members = list(page.current_memberships())
    activities = list(
        ActivityPage.objects.live().public().child_of(page).order_by("-start_date", "-first_published_at")
    )
    context = {
        "members": members,
        "trekkers": [m for m in members if m.role == "trekker"],
        "external_members": list(page.external_members.all()),
        "activities": activities,
        "theme_list": list(page.themes.all()),
        "contact": None,
    }
    contact = contact_for(request.user)
    if contact:
        mine = [m for m in members if m.participant_id == contact.participant_id]
        context.update(
            contact=contact,
            my_membership=mine[0] if mine else None,
            is_trekker=any(m.role == "trekker" for m in mine),
            can_join=not mine and contact.participant.is_active,
            invitation=invitations.open_invitations(contact.participant).filter(page=page).first(),
            pending_request=JoinRequest.objects.filter(
                coalition=page,
                participant_id=contact.participant_id,
                status=JoinRequest.Status.PENDING,
            ).first(),
            join_form=JoinRequestForm(),
        )
        if context["is_trekker"]:
            context["open_requests"] = page.join_requests.filter(status=JoinRequest.Status.PENDING).count()
    return context
