"""What a person wrote or did with proposals, for the office's AVG export and erasure of one person (by
e-mail). The flows' own records (handover, exit request, reflection) are the network's archive and are left to
network.privacy's final sweep.

Erasure removes the person's comments and support. A proposal of theirs goes too, unless a reflection decided
about it or others supported or commented on it: then it stays, without its proposer (shown as "een
oud-deelnemer"), so the network's record and the others' words are not lost.
"""

from django.db.models import Q

from .models import Proposal, ProposalComment, ProposalSupport


def _by(field, email):
    return Q(**{f"{field}__email__iexact": email.strip()})


def export_for_email(email):
    return {
        "voorstellen": [
            {"titel": p.title, "wat": p.what, "waarom": p.why, "ingediend_op": p.created_at.isoformat()}
            for p in Proposal.objects.filter(_by("proposer", email))
        ],
        "steun_voor_voorstellen": [
            {
                "voorstel": s.proposal.title,
                "namens": s.participant.name,
                "gegeven_op": s.created_at.isoformat(),
            }
            for s in ProposalSupport.objects.filter(_by("contact", email)).select_related(
                "proposal", "participant"
            )
        ],
        "opmerkingen_bij_voorstellen": [
            {"voorstel": c.proposal.title, "tekst": c.text, "geplaatst_op": c.created_at.isoformat()}
            for c in ProposalComment.objects.filter(_by("author", email)).select_related("proposal")
        ],
    }


def erase_email(email):
    comments, _ = ProposalComment.objects.filter(_by("author", email)).delete()
    supports, _ = ProposalSupport.objects.filter(_by("contact", email)).delete()
    own = Proposal.objects.filter(_by("proposer", email))
    keep = own.filter(Q(decisions__isnull=False) | Q(supports__isnull=False) | Q(comments__isnull=False))
    kept = Proposal.objects.filter(pk__in=keep.values("pk")).update(proposer=None)
    removed, _ = Proposal.objects.filter(_by("proposer", email)).delete()
    return {
        "opmerkingen_bij_voorstellen": comments,
        "steun_voor_voorstellen": supports,
        "voorstellen": removed,
        "voorstellen_zonder_naam": kept,
    }
