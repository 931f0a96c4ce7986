"""Demo conversations: two questions with answers (one marked as helpful), one open question on the theme
"sport" that the demo `partner` follows (so it is on its /mijn/), and reactions under an activity of the
`coalitie` user's coalition (one hidden by the office) and of the partner's coalition, and under a published
article. Made directly, without mails; running it again changes nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from taggit.models import Tag

from coalitions.models import ActivityPage, CoalitionPage
from knowledge.models import KnowledgeArticlePage
from network.models import ContactPerson

from .models import Answer, Question, Reaction, ReactionKind

EDITOR_COALITION = "rookvrij-sporten-zwolle"  # the demo user `coalitie` is trekker here (coalitions/demo.py)
PARTNER_COALITION = "rookvrije-generatie-utrecht"

QUESTIONS = [
    (
        "partner",
        "Hoe krijgt u een sportclub mee in een rookvrij sportpark?",
        "Wij willen dat de sportparken in Utrecht rookvrij worden. Het bestuur van een grote voetbalclub\n"
        "twijfelt: leden roken langs de lijn. Wie heeft een club overtuigd, en hoe?",
        ["sport"],
        "utrecht",
        [
            (
                "coalitie",
                "Wij begonnen met alleen het jeugdveld en de kantine. Na een seizoen vroeg het bestuur\n"
                "zelf om het hele park. Begin klein en laat de jeugdtrainers het verhaal vertellen.",
                True,
            ),
            (
                "kernpartner",
                "De handreiking 'Rookvrij sporten' in de kennisbank heeft een voorbeeldbrief aan "
                "het bestuur.",
                False,
            ),
        ],
    ),
    (
        "kernpartner",
        "Wie heeft ervaring met een rookvrij schoolplein in het voortgezet onderwijs?",
        "In het basisonderwijs lukt het vaak; op middelbare scholen staan leerlingen dan net buiten het hek.\n"
        "Hoe gaan scholen daarmee om?",
        ["onderwijs"],
        "",
        [
            (
                "supporter",
                "Bij ons helpt een afspraak met de buren en de gemeente over de stoep voor de school.",
                False,
            )
        ],
    ),
    (
        "coalitie",
        "Welke borden gebruiken sportclubs voor een rookvrij terrein?",
        "We zoeken borden voor bij de ingang en langs de velden. Heeft iemand een ontwerp dat goed werkt?",
        ["sport"],
        "ijsselland",
        [],
    ),
]


def _contact(username):
    return ContactPerson.objects.filter(user__username=username).select_related("participant").first()


def _questions(command):
    made = 0
    now = timezone.now()
    for n, (asker, title, text, themes, region, answers) in enumerate(QUESTIONS):
        author = _contact(asker)
        if author is None or Question.objects.filter(title=title).exists():
            continue
        question = Question.objects.create(
            author=author, title=title, text=text, region=region, created_at=now - timedelta(days=10 - 3 * n)
        )
        question.themes.set(Tag.objects.filter(name__in=themes))
        for m, (username, answer_text, helpful) in enumerate(answers):
            contact = _contact(username)
            if contact:
                Answer.objects.create(
                    question=question,
                    author=contact,
                    text=answer_text,
                    helpful=helpful,
                    created_at=question.created_at + timedelta(hours=5 * (m + 1)),
                )
        made += 1
    return made


def _react(page, username, kind, text, hidden=False):
    author = _contact(username)
    if page is None or author is None or Reaction.objects.filter(page=page, author=author).exists():
        return 0
    office = get_user_model().objects.filter(username="bureau").first()
    Reaction.objects.create(
        page=page,
        author=author,
        kind=kind,
        text=text,
        hidden_at=timezone.now() if hidden else None,
        hidden_by=office if hidden else None,
    )
    return 1


def _first_activity(slug):
    coalition = CoalitionPage.objects.filter(slug=slug).first()
    if coalition is None:
        return None
    return ActivityPage.objects.live().public().child_of(coalition).order_by("path").first()


def load(command):
    questions = _questions(command)
    zwolle, utrecht = _first_activity(EDITOR_COALITION), _first_activity(PARTNER_COALITION)
    article = KnowledgeArticlePage.objects.live().public().exclude(author=None).order_by("path").first()
    reactions = sum(
        [
            _react(
                zwolle,
                "partner",
                ReactionKind.SAME,
                "In Utrecht werken we ook aan rookvrije sportparken.\nZullen we onze ervaringen delen?",
            ),
            _react(
                zwolle,
                "supporter",
                ReactionKind.QUESTION,
                "Hoe hebben jullie de ouders langs de lijn bereikt?",
            ),
            _react(
                zwolle, "kernpartner", ReactionKind.EXPERIENCE, "Koop nu korting op sigaretten!", hidden=True
            ),
            _react(
                utrecht,
                "coalitie",
                ReactionKind.EXPERIENCE,
                "Bij ons werkte een rookvrije dag als start goed.",
            ),
            _react(
                article,
                "kernpartner",
                ReactionKind.EXPERIENCE,
                "Wij gebruikten dit artikel in onze regio; de tips over communicatie werkten goed.",
            ),
        ]
    )
    command.stdout.write(f"  gesprekken: {questions} vragen, {reactions} reacties")
