"""Who may take part and who may moderate: the rules of this app in one place.

- Reading reactions and questions: logged-in members (a contact of an active participant, or the office);
  nothing here is public.
- Writing (a reaction, a question, an answer): a contact person of an active participant (the office has no
  organisation to speak for).
- Hiding a reaction: the office, and for an activity also the trekkers of the activity's coalition.
- Hiding a question or an answer: the office.
- Marking the answer that helped: the contact person who asked.
- Told of a new reaction: the page's author, i.e. the trekkers of the activity's coalition or the contacts of
  the article's author organisation.
"""

from coalitions.choices import MemberRole
from coalitions.models import ActivityPage, CoalitionMembership
from knowledge.models import KnowledgeArticlePage
from network.access import active_contact, is_member, is_office
from network.models import ContactPerson, Participant

REACTION_PAGES = (ActivityPage, KnowledgeArticlePage)


def may_read(user):
    return is_member(user)


def writer(user):
    """The contact person the user writes as, or None."""
    return active_contact(user)


def takes_reactions(page):
    return isinstance(page, REACTION_PAGES)


def _trekker_participants(activity):
    coalition = activity.coalition
    if coalition is None:
        return CoalitionMembership.objects.none().values("participant_id")
    return (
        CoalitionMembership.objects.current()
        .filter(page=coalition, role=MemberRole.TREKKER)
        .values("participant_id")
    )


def may_hide(user, page):
    """The office anywhere; for an activity also a contact of one of its coalition's trekkers."""
    if is_office(user):
        return True
    if not isinstance(page, ActivityPage):
        return False
    contact = active_contact(user)
    return (
        bool(contact) and _trekker_participants(page).filter(participant_id=contact.participant_id).exists()
    )


def may_hide_questions(user):
    """Vraag het netwerk belongs to no coalition: only the office hides a question or an answer."""
    return is_office(user)


def page_authors(page):
    """The contact persons who speak for the page: its coalition's trekkers or its author organisation."""
    contacts = ContactPerson.objects.filter(participant__status=Participant.Status.ACTIVE)
    if isinstance(page, ActivityPage):
        return contacts.filter(participant__in=_trekker_participants(page))
    if isinstance(page, KnowledgeArticlePage) and page.author_id:
        return contacts.filter(participant_id=page.author_id)
    return contacts.none()


def may_mark_helpful(contact, question):
    return contact is not None and question.author_id == contact.pk
