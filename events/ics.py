"""iCalendar (.ics) for meetings: the attachment in the confirmation mail and the feed of all meetings."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

TZ = ZoneInfo(settings.TIME_ZONE)


def _vevent(page):
    event = Event()
    event.add("uid", page.ical_uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", page.start.astimezone(TZ))
    event.add("dtend", page.end.astimezone(TZ))
    event.add("summary", page.title)
    if page.introduction:
        event.add("description", page.introduction)
    event.add("location", page.location or page.online_url)
    event.add("url", page.online_url or page.absolute_url())
    event.add("last-modified", page.last_published_at or timezone.now())
    return event


def calendar(pages, *, method="PUBLISH"):
    cal = Calendar()
    cal.add("prodid", "-//Netwerk Nederland Rookvrij//Bijeenkomsten//NL")
    cal.add("version", "2.0")
    cal.add("method", method)
    cal.add("x-wr-calname", "Netwerk Nederland Rookvrij – bijeenkomsten")
    for page in pages:
        cal.add_component(_vevent(page))
    cal.add_missing_timezones()
    return cal.to_ical()
