"""What someone follows, for the office's AVG export and erasure of one person (by e-mail)."""

from .models import Follow, FollowSettings


def export_for_email(email):
    follows = Follow.objects.filter(contact__email__iexact=email.strip()).select_related("coalition", "theme")
    settings = FollowSettings.objects.filter(contact__email__iexact=email.strip())
    return {
        "volgt": [{"soort": f.kind, "onderwerp": f.subject_name, "volgt": f.following} for f in follows],
        "voorkeuren": [
            {"coalities": s.coalitions, "themas": s.themes, "regios": s.regions} for s in settings
        ],
    }


def erase_email(email):
    follows, _ = Follow.objects.filter(contact__email__iexact=email.strip()).delete()
    settings, _ = FollowSettings.objects.filter(contact__email__iexact=email.strip()).delete()
    return {"gevolgd": follows, "voorkeuren": settings}
