"""The mails of this app: a new reaction (to the page's author) and a new answer (to the asker).

A reaction mail rests on the person's consent for mails about the network (``NETWORK_UPDATES``, as the mails
about what one follows); its unsubscribe link withdraws that consent (following's link). An answer mail rests
on the asker's own choice when asking ("Stuur mij een e-mail als iemand antwoordt"); its unsubscribe link
turns that off for the one question.
"""

from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from following.mail import unsubscribe_urls as following_unsubscribe_urls
from newsletters.mail import absolute, build_message

STOP_SALT = "conversations.stop-question-mail"


def stop_token(question):
    return signing.dumps(question.pk, salt=STOP_SALT)


def question_from_token(token):
    try:
        return signing.loads(token, salt=STOP_SALT)
    except signing.BadSignature:
        return None


def _stop_urls(question):
    url = absolute(reverse("conversations:stop_mail", args=[stop_token(question)]))
    return url, url


def _build(subject, template, context, contact, unsubscribe, **kwargs):
    context = {**context, "contact": contact, "unsubscribe_url": unsubscribe[0]}
    html = render_to_string(f"conversations/email/{template}.html", context)
    text = render_to_string(f"conversations/email/{template}.txt", context)
    return build_message(subject, html, text, contact.email, unsubscribe=unsubscribe, **kwargs)


def reaction_message(contact, reaction, page, reason, **kwargs):
    subject = _("Nieuwe reactie op %(title)s") % {"title": page.title}
    context = {
        "reaction": reaction,
        "page": page,
        "url": absolute(page.url) + "#reacties",
        "reason": reason,
        "preferences_url": absolute(reverse("following:preferences")),
    }
    return _build(subject, "reaction", context, contact, following_unsubscribe_urls(contact), **kwargs)


def answer_message(contact, answer, **kwargs):
    question = answer.question
    subject = _("Nieuw antwoord op uw vraag: %(title)s") % {"title": question.title}
    context = {
        "answer": answer,
        "question": question,
        "url": absolute(question.get_absolute_url()) + f"#antwoord-{answer.pk}",
    }
    return _build(subject, "answer", context, contact, _stop_urls(question), **kwargs)
