"""Every cell of the authorisation matrix (home/authorization.py) against the demo network: one test per role,
so a role's whole row is reported at once."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from home.authorization import DEMO_USERS, ROLES, RULES

pytestmark = pytest.mark.django_db


def _open_task(username):
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    return (
        Task.objects.filter(owner__username=username, status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .order_by("pk")
        .first()
    )


def _own_coalition():
    from coalitions.models import CoalitionPage

    return CoalitionPage.objects.filter(editors_group__user__username=DEMO_USERS["coalition_editor"]).first()


def _other_coalition():
    from coalitions.models import CoalitionPage

    own = _own_coalition()
    return CoalitionPage.objects.exclude(pk=own.pk if own else None).order_by("path").first()


def _successor_task():
    from governance.links import task_url

    task = _open_task(DEMO_USERS["partner"])
    return task and task_url(task)


def _screening_task():
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    task = (
        Task.objects.filter(
            flow_task_type="HUMAN",
            status__in=[STATUS.NEW, STATUS.ASSIGNED],
            owner__username=DEMO_USERS["office"],
        ).first()
        or Task.objects.filter(flow_task_type="HUMAN", status=STATUS.NEW, owner=None).first()
    )
    return task and f"/admin/taken/taak/{task.pk}/"


def _handover_document():
    from django.urls import reverse

    from governance.models import HandoverDocument

    document = HandoverDocument.objects.order_by("pk").first()
    return document and reverse("governance:document", args=[document.process_id, document.pk])


def _pk(label, **filters):
    from django.apps import apps

    obj = apps.get_model(label).objects.filter(**filters).order_by("pk").first()
    return obj and obj.pk


def _reaction(coalition):
    from conversations.models import Reaction

    if coalition is None:
        return None
    reaction = Reaction.objects.filter(page__path__startswith=coalition.path).order_by("pk").first()
    return reaction and reaction.pk


def _other_coalition_with_reactions():
    """A coalition the demo's coalition editor is no trekker of, with reactions under an activity."""
    from coalitions.models import CoalitionPage
    from conversations.models import Reaction

    own = _own_coalition()
    for coalition in CoalitionPage.objects.exclude(pk=own.pk if own else None).order_by("path"):
        if Reaction.objects.filter(page__path__startswith=coalition.path).exists():
            return coalition
    return None


# Placeholder in a rule's path -> how to find it in the demo network (a path piece, or a whole path).
PLACEHOLDERS = {
    "<deelnemer>": lambda: _pk("network.Participant", status="actief"),
    "<eigen coalitie>": lambda: _own_coalition() and _own_coalition().pk,
    "<andere coalitie>": lambda: _other_coalition() and _other_coalition().pk,
    "<kennisbank>": lambda: _pk("knowledge.KnowledgeIndexPage"),
    "<nieuwsbrief>": lambda: _pk("newsletters.NewsletterPage"),
    "<site>": lambda: Site.objects.get(is_default_site=True).pk,
    "<taak opvolger>": _successor_task,
    "<taak screening>": _screening_task,
    "<concepttekst>": lambda: _pk("onboarding.DeclarationText", published_at__isnull=True),
    "<ronde>": lambda: _pk("onboarding.ConfirmationRound"),
    "<document overdracht>": _handover_document,
    "<artikel partner>": lambda: _pk(
        "knowledge.KnowledgeArticlePage", owner__username=DEMO_USERS["partner"], author__isnull=False
    ),
    "<vraag partner>": lambda: _pk(
        "conversations.Question", author__user__username=DEMO_USERS["partner"], answers__isnull=False
    ),
    "<antwoord op vraag partner>": lambda: _pk(
        "conversations.Answer", question__author__user__username=DEMO_USERS["partner"]
    ),
    "<reactie eigen coalitie>": lambda: _reaction(_own_coalition()),
    "<reactie andere coalitie>": lambda: _reaction(_other_coalition_with_reactions()),
    "<reactie artikel>": lambda: _pk("conversations.Reaction", page__knowledgearticlepage__isnull=False),
    "<activiteit eigen coalitie>": lambda: _pk(
        "coalitions.ActivityPage", path__startswith=_own_coalition().path
    ),
    "<activiteit andere coalitie>": lambda: _pk(
        "coalitions.ActivityPage", path__startswith=_other_coalition().path
    ),
    "<bericht leden>": lambda: _pk(
        "coalitions.CoalitionUpdate", coalition=_own_coalition(), visibility="leden"
    ),
    "<bericht openbaar>": lambda: _pk(
        "coalitions.CoalitionUpdate", coalition=_own_coalition(), visibility="openbaar"
    ),
    "<voorstel partner>": lambda: _pk("governance.Proposal", proposer__user__username=DEMO_USERS["partner"]),
    "<voorstel kernpartner>": lambda: _pk("governance.Proposal", proposer__user__username="kernpartner2"),
    "<opmerking voorstel>": lambda: _pk("governance.ProposalComment"),
    "<uitnodiging partner>": lambda: _pk(
        "coalitions.CoalitionMembership",
        status="uitgenodigd",
        participant__contacts__user__username=DEMO_USERS["partner"],
    ),
}


def resolve(path):
    for placeholder, find in PLACEHOLDERS.items():
        if placeholder in path:
            value = find()
            assert value, f"demo data has nothing for {placeholder}"
            path = path.replace(placeholder, str(value))
    return path


def outcome(response, path):
    """True when the page opened (or the action ran), False when it was refused: 401/403/404/405, a log-in
    page, Wagtail's "no permission" redirect to the dashboard, or a task action sent back to its task."""
    if response.status_code in (401, 403, 404, 405):
        return False
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        back_to_task = path.endswith("/uitvoeren/") and location == path.removesuffix("uitvoeren/")
        return not ("login" in location or location.rstrip("/").endswith("/admin") or back_to_task)
    return response.status_code == 200


@pytest.mark.parametrize("role", list(ROLES))
def test_role_row_of_the_matrix(client, demo, role):
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(username=DEMO_USERS[role]))
    wrong = []
    for rule in RULES:
        path = resolve(rule.path)
        response = getattr(client, rule.method)(path)
        if outcome(response, path) != rule.expected(role):
            where = response.get("Location", "")
            wrong.append(
                f"{rule.label} ({path}): verwacht {'ja' if rule.expected(role) else 'nee'}, "
                f"kreeg {response.status_code} {where}"
            )
    assert not wrong, f"{ROLES[role]}:\n" + "\n".join(wrong)
