"""What a person wrote here, for the office's AVG export and erasure of one person (by e-mail).

Erasure removes the person's reactions and answers. A question of theirs goes too, unless others answered
it: then the question stays, without its author (shown as "een oud-deelnemer"), so the others' answers are
not lost; the final sweep of network.privacy removes the person's name and address from its text.
"""

from django.db.models import Q

from .models import Answer, Question, Reaction


def _by(email):
    return Q(author__email__iexact=email.strip())


def export_for_email(email):
    return {
        "reacties": [
            {
                "pagina": r.page.title,
                "soort": r.kind,
                "tekst": r.text,
                "geplaatst_op": r.created_at.isoformat(),
            }
            for r in Reaction.objects.filter(_by(email)).select_related("page")
        ],
        "vragen": [
            {
                "titel": q.title,
                "tekst": q.text,
                "regio": q.region,
                "themas": [t.name for t in q.themes.all()],
                "e_mail_bij_antwoord": q.notify,
                "gesteld_op": q.created_at.isoformat(),
            }
            for q in Question.objects.filter(_by(email))
        ],
        "antwoorden": [
            {
                "vraag": a.question.title,
                "tekst": a.text,
                "hielp": a.helpful,
                "geplaatst_op": a.created_at.isoformat(),
            }
            for a in Answer.objects.filter(_by(email)).select_related("question")
        ],
    }


def erase_email(email):
    reactions, _ = Reaction.objects.filter(_by(email)).delete()
    answers, _ = Answer.objects.filter(_by(email)).delete()
    questions = Question.objects.filter(_by(email))
    answered_by_others = questions.filter(answers__isnull=False).distinct()
    kept = Question.objects.filter(pk__in=answered_by_others.values("pk")).update(author=None, notify=False)
    removed, _ = Question.objects.filter(_by(email)).delete()
    return {"reacties": reactions, "antwoorden": answers, "vragen": removed, "vragen_zonder_naam": kept}
