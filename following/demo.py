"""Demo following: the demo `partner` (GGD-team Utrecht) follows two themes and two regions besides its own
coalition, chose a mail at once for its coalitions and the weekly digest for the rest, and agreed to get
these mails. Running it again changes nothing."""

from taggit.models import Tag

from network.models import ContactPerson

from .follows import give_consent, set_following
from .models import FollowSettings, Frequency, Kind

THEMES = ["sport", "onderwijs"]
REGIONS = ["utrecht", "ijsselland"]


def load(command):
    contact = ContactPerson.objects.filter(user__username="partner").select_related("participant").first()
    if contact is None:
        return
    for tag in Tag.objects.filter(slug__in=THEMES):
        set_following(contact, Kind.THEME, tag, True)
    for region in REGIONS:
        set_following(contact, Kind.REGION, region, True)
    FollowSettings.objects.get_or_create(
        contact=contact,
        defaults={"coalitions": Frequency.AT_ONCE, "themes": Frequency.WEEKLY, "regions": Frequency.WEEKLY},
    )
    give_consent(contact)
    command.stdout.write("  volgen: partner volgt 2 thema's en 2 regio's")
