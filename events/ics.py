"""iCalendar (.ics) for meetings: the attachment in the confirmation mail and the feed of all meetings.

The link for online participation is only for people with a place: the mail to a
confirmed registration carries it (`with_link=True`), the public feed never does.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

TZ = ZoneInfo(settings.TIME_ZONE)


def _vevent(page, with_link):
    event = Event()
    event.add("uid", page.ical_uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", page.start.astimezone(TZ))
    event.add("dtend", page.end.astimezone(TZ))
    event.add("summary", page.title)
    if page.introduction:
        event.add("description", page.introduction)
    link = page.online_url if with_link else ""
    event.add("location", page.location or link or _("Online"))
    event.add("url", link or page.absolute_url())
    event.add("last-modified", page.last_published_at or timezone.now())
    return event


def calendar(pages, *, method="PUBLISH", with_link=False):
    cal = Calendar()
    cal.add("prodid", "-//Netwerk Nederland Rookvrij//Bijeenkomsten//NL")
    cal.add("version", "2.0")
    cal.add("method", method)
    cal.add("x-wr-calname", "Netwerk Nederland Rookvrij – bijeenkomsten")
    for page in pages:
        cal.add_component(_vevent(page, with_link))
    cal.add_missing_timezones()
    return cal.to_ical()
