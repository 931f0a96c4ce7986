"""The office merges two coalitions into one (issue 19.8, "Coalities samenvoegen").

One coalition stays (`keep`), the other goes (`remove`). `plan(keep, remove)` says exactly what will happen, for
the office's preview and confirmation; `merge(keep, remove, user)` does that plan, in one transaction:

- members: a participant in `remove` becomes a member of `keep`; one in both keeps one membership with the
  strongest role (trekker wins) and the earliest date it joined; open invitations move unless the participant
  is in `keep` already; ended memberships move as history unless `keep` has a row for the participant;
- external members move, unless `keep` has them already (same e-mail address, or same name and organisation);
- activities move below `keep` (a Wagtail page move; Wagtail's redirects keep their old links working), with
  a new slug if `keep` has an activity with the same slug; the coalition's updates to its members move too;
- follows of `remove` become follows of `keep` (someone who has a setting for `keep` keeps that one; a member
  who chose not to follow `remove` does not stop following `keep` for it);
- join requests move; an open one that is moot (the participant is in `keep`, or asked `keep` already) lapses;
- knowledge articles that came from `remove` name `keep`; its images and documents move to `keep`'s collection;
- `remove` is deleted, and a permanent redirect from its old address (and the redirects that pointed to it)
  leads to `keep`. The audit log records it on `keep`.

This is the office's layer (it assembles several apps): coalitions may not import following or knowledge.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.move_page import MovePageAction
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from coalitions import membership
from coalitions.models import (
    ActivityPage,
    CoalitionMembership,
    CoalitionPage,
    CoalitionUpdate,
    ExternalMember,
    JoinRequest,
    MemberRole,
    MembershipStatus,
)
from following.models import Follow
from knowledge.models import KnowledgeArticlePage
from network import audit
from nnr_site.pagecache import new_generation


class MergeRefused(ValueError):
    pass


@dataclass
class Step:
    """One row that moves (or lapses): what it is, and what happens to it, in Dutch."""

    obj: object
    label: str
    outcome: str
    moves: bool = True


@dataclass
class Plan:
    keep: CoalitionPage
    remove: CoalitionPage
    old_path: str  # as Redirect stores it (no trailing slash)
    old_url: str  # as people know it
    site: Site | None
    members: list = field(default_factory=list)
    external_members: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    follows: list = field(default_factory=list)
    join_requests: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    redirects: list = field(default_factory=list)

    def sections(self):
        """(heading, steps) for the preview, in the order the office reads them."""
        return [
            (_("Deelnemers in de coalitie"), self.members),
            (_("Externe leden"), self.external_members),
            (_("Activiteiten"), self.activities),
            (_("Berichten aan de leden"), self.updates),
            (_("Volgers"), self.follows),
            (_("Verzoeken om mee te doen"), self.join_requests),
            (_("Kennisartikelen uit deze coalitie"), self.articles),
        ]

    def counts(self):
        """For the audit log: how many of each moved."""
        return {
            "members": sum(s.moves for s in self.members),
            "external_members": sum(s.moves for s in self.external_members),
            "activities": len(self.activities),
            "updates": len(self.updates),
            "follows": sum(s.moves for s in self.follows),
            "join_requests": sum(s.moves for s in self.join_requests),
        }


def _is_current(row):
    return row.status == MembershipStatus.ACCEPTED and (row.left_on is None or row.left_on > _today())


def _today():
    return timezone.localdate()


def _member_steps(keep, remove):
    keep_rows = list(keep.memberships.select_related("participant"))
    current = {r.participant_id: r for r in keep_rows if _is_current(r)}
    invited = {r.participant_id: r for r in keep_rows if r.status == MembershipStatus.INVITED}
    anything = {r.participant_id for r in keep_rows}
    steps = []
    rows = remove.memberships.select_related("participant").order_by("-role", "participant__name")
    for row in rows:
        name = row.participant.name
        role = row.get_role_display().lower()
        if _is_current(row):
            target = current.get(row.participant_id)
            if target is not None:
                trekker = MemberRole.TREKKER in (row.role, target.role)
                outcome = (
                    _("is al lid; blijft één lidmaatschap, als trekker")
                    if trekker
                    else _("is al lid; blijft één lidmaatschap")
                )
                steps.append(Step(row, name, outcome, moves=False))
            elif row.participant_id in invited:
                steps.append(Step(row, name, _("was uitgenodigd; wordt lid als %(role)s") % {"role": role}))
            else:
                steps.append(Step(row, name, _("wordt lid als %(role)s") % {"role": role}))
        elif row.status == MembershipStatus.INVITED:
            if row.participant_id in current or row.participant_id in invited:
                steps.append(Step(row, name, _("uitnodiging vervalt: al lid of uitgenodigd"), moves=False))
            else:
                steps.append(Step(row, name, _("uitnodiging gaat mee")))
        elif row.participant_id in anything:
            steps.append(
                Step(row, name, _("oud lidmaatschap vervalt (staat al in de coalitie)"), moves=False)
            )
        else:
            steps.append(Step(row, name, _("oud lidmaatschap gaat mee als geschiedenis")))
    return steps


def _external_key(member):
    return member.email.strip().lower() or (member.name.strip().lower(), member.organisation.strip().lower())


def _external_steps(keep, remove):
    there = {_external_key(m) for m in keep.external_members.all()}
    steps = []
    for member in remove.external_members.all():
        if _external_key(member) in there:
            steps.append(Step(member, str(member), _("staat al in de coalitie"), moves=False))
        else:
            there.add(_external_key(member))
            steps.append(Step(member, str(member), _("gaat mee")))
    return steps


def _activity_steps(keep, remove):
    taken = set(keep.get_children().values_list("slug", flat=True))
    steps = []
    for activity in ActivityPage.objects.child_of(remove).order_by("path"):
        outcome = _("gaat mee") if activity.live else _("concept, gaat mee")
        if activity.slug in taken:
            outcome = _("%(outcome)s (krijgt een ander webadres)") % {"outcome": outcome}
        taken.add(activity.slug)
        steps.append(Step(activity, activity.title, outcome))
    return steps


def _follow_steps(keep, remove):
    keep_follows = set(Follow.objects.filter(coalition=keep).values_list("contact_id", flat=True))
    members = set(membership.current_members(keep).values_list("participant_id", flat=True))
    steps = []
    rows = (
        Follow.objects.filter(coalition=remove)
        .select_related("contact__participant")
        .order_by("contact__name")
    )
    for follow in rows:
        label = f"{follow.contact.name} ({follow.contact.participant.name})"
        if follow.contact_id in keep_follows:
            steps.append(Step(follow, label, _("heeft al een instelling voor de coalitie die blijft"), False))
        elif follow.following:
            steps.append(Step(follow, label, _("volgt voortaan de coalitie die blijft")))
        elif follow.contact.participant_id in members:
            steps.append(Step(follow, label, _("volgde niet; blijft de coalitie die blijft volgen"), False))
        else:
            steps.append(Step(follow, label, _("volgt ook de coalitie die blijft niet")))
    return steps


def _join_request_steps(keep, remove, members_after):
    open_at_keep = set(
        keep.join_requests.filter(status=JoinRequest.Status.PENDING).values_list("participant_id", flat=True)
    )
    steps = []
    for request in remove.join_requests.select_related("participant").order_by("-created_at"):
        label = f"{request.participant.name} ({request.get_status_display().lower()})"
        if request.status != JoinRequest.Status.PENDING:
            steps.append(Step(request, label, _("gaat mee als geschiedenis")))
        elif request.participant_id in members_after:
            steps.append(Step(request, label, _("vervalt: is dan al lid"), moves=False))
        elif request.participant_id in open_at_keep:
            steps.append(Step(request, label, _("vervalt: vroeg de coalitie die blijft al"), moves=False))
        else:
            steps.append(Step(request, label, _("gaat mee; de trekkers beslissen erover")))
    return steps


def plan(keep, remove):
    """What merging `remove` into `keep` will do, row by row."""
    if keep.pk == remove.pk:
        raise MergeRefused(_("Een coalitie kan niet met zichzelf worden samengevoegd."))
    site_id, _root, page_path = remove.get_url_parts() or (None, None, remove.url_path)
    result = Plan(
        keep=keep,
        remove=remove,
        old_path=Redirect.normalise_path(page_path),
        old_url=page_path,
        site=Site.objects.filter(pk=site_id).first() if site_id else None,
    )
    result.members = _member_steps(keep, remove)
    members_after = set(membership.current_members(keep).values_list("participant_id", flat=True)) | {
        s.obj.participant_id for s in result.members if _is_current(s.obj)
    }
    result.external_members = _external_steps(keep, remove)
    result.activities = _activity_steps(keep, remove)
    result.updates = [
        Step(u, u.subject, u.get_status_display().lower()) for u in remove.updates.order_by("-created_at")
    ]
    result.follows = _follow_steps(keep, remove)
    result.join_requests = _join_request_steps(keep, remove, members_after)
    result.articles = [
        Step(a, a.title, _("noemt voortaan de coalitie die blijft"))
        for a in KnowledgeArticlePage.objects.filter(source_coalition=remove).order_by("title")
    ]
    result.redirects = list(Redirect.objects.filter(redirect_page=remove))
    return result


@transaction.atomic
def merge(keep, remove, user):
    """Merge `remove` into `keep` (see the module's docstring); returns the plan that was carried out."""
    pks = sorted([keep.pk, remove.pk])
    list(CoalitionPage.objects.select_for_update().filter(pk__in=pks))  # one merge of these two at a time
    keep, remove = CoalitionPage.objects.get(pk=keep.pk), CoalitionPage.objects.get(pk=remove.pk)
    done = plan(keep, remove)
    _merge_members(keep, done.members)
    for step in done.external_members:
        if step.moves:
            ExternalMember.objects.filter(pk=step.obj.pk).update(page=keep)
        else:
            step.obj.delete()
    _move_activities(keep, done.activities, user)
    CoalitionUpdate.objects.filter(coalition=remove).update(coalition=keep)
    for step in done.follows:
        if step.moves:
            Follow.objects.filter(pk=step.obj.pk).update(coalition=keep)
        else:
            step.obj.delete()
    for step in done.join_requests:
        if step.moves:
            JoinRequest.objects.filter(pk=step.obj.pk).update(coalition=keep)
        else:
            step.obj.delete()
    for step in done.articles:
        KnowledgeArticlePage.objects.filter(pk=step.obj.pk).update(source_coalition=keep)
        _patch_latest_revision(step.obj, source_coalition=keep.pk)
    if remove.collection_id and keep.collection_id:
        for model in (get_image_model(), get_document_model()):
            model.objects.filter(collection_id=remove.collection_id).update(collection_id=keep.collection_id)
    Redirect.objects.filter(redirect_page=remove).update(redirect_page=keep)
    counts = done.counts()
    DeletePageAction(remove, user=user).execute(skip_permission_checks=True)
    Redirect.objects.filter(old_path=done.old_path, site=done.site).delete()
    Redirect.add_redirect(done.old_path, redirect_to=keep, is_permanent=True, site=done.site)
    membership.after_change(keep)
    audit.record(
        audit.COALITION_MERGED,
        keep,
        user=user,
        data={"removed": remove.title, "removed_id": remove.pk, "old_path": done.old_url, **counts},
    )
    transaction.on_commit(new_generation)
    return done


def _merge_members(keep, steps):
    last = CoalitionMembership.objects.filter(page=keep).aggregate(m=Max("sort_order"))["m"] or 0
    for step in steps:
        row = step.obj
        target = (
            membership.current(keep, row.participant).first()
            or membership.invitation(keep, row.participant).first()
        )
        if _is_current(row) and target is not None:
            if row.role == MemberRole.TREKKER:
                target.role = MemberRole.TREKKER
            if target.status == MembershipStatus.INVITED or row.joined_on < target.joined_on:
                target.joined_on = row.joined_on
            target.status = MembershipStatus.ACCEPTED
            target.save(update_fields=["role", "status", "joined_on"])
            row.delete()
        elif step.moves:
            last += 1
            CoalitionMembership.objects.filter(pk=row.pk).update(page=keep, sort_order=last)
        else:
            row.delete()


def _move_activities(keep, steps, user):
    taken = set(keep.get_children().values_list("slug", flat=True))
    for step in steps:
        activity = step.obj
        if activity.slug in taken:
            slug, n = activity.slug, 2
            while f"{slug}-{n}" in taken:
                n += 1
            activity.slug = f"{slug}-{n}"
            ActivityPage.objects.filter(pk=activity.pk).update(slug=activity.slug)
            _patch_latest_revision(activity, slug=activity.slug)
        taken.add(activity.slug)
        MovePageAction(activity, keep, pos="last-child", user=user).execute(skip_permission_checks=True)


def _patch_latest_revision(page, **values):
    """Write `values` into the page's latest revision too, so publishing that revision later does not bring
    back the old value (an old slug, a coalition that is gone)."""
    revision = page.latest_revision
    if revision is None:
        return
    revision.content.update(values)
    revision.save(update_fields=["content"])
