"""Rendering a newsletter as e-mail (HTML with inlined CSS plus plain text) and building each message.

The mail is rendered once per mailing with a placeholder for the unsubscribe link; each recipient's message
only swaps in its own signed link, which keeps a 10,000-address send cheap.
"""

import re
from html import unescape

import css_inline
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, strip_tags
from wagtail.rich_text import expand_db_html

from nnr_site.mail import subject as mail_subject

UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/placeholder"
UNSUBSCRIBE_SALT = "newsletters.unsubscribe"
CONFIRM_SALT = "newsletters.confirm"
_INLINER = css_inline.CSSInliner(keep_style_tags=False)
_RELATIVE_HREF = re.compile(r'(href|src)="/(?!/)')
_LINK = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S)


def absolute(url):
    return (
        url
        if url.startswith(("http://", "https://", "mailto:", "#"))
        else settings.SITE_URL.rstrip("/") + url
    )


def unsubscribe_token(email):
    """A token bound to one address: it carries the address and is signed with SECRET_KEY."""
    return signing.dumps(email.strip().lower(), salt=UNSUBSCRIBE_SALT, compress=True)


def email_from_unsubscribe_token(token):
    """The address the token was made for, or None when it was forged or damaged."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def unsubscribe_urls(email):
    token = unsubscribe_token(email)
    page = absolute(reverse("newsletters:unsubscribe", args=[token]))
    one_click = absolute(reverse("newsletters:one_click", args=[token]))
    return page, one_click


def html_to_text(html):
    html = _LINK.sub(lambda m: f"{strip_tags(m.group(2))} ({absolute(m.group(1))})", html)
    html = re.sub(r"<li[^>]*>", "- ", html)
    html = re.sub(r"</(p|li|h\d|ul|ol)>", "\n", html)
    return unescape(strip_tags(html)).strip()


def _text_blocks(page):
    for child in page.body:
        kind, value = child.block_type, child.value
        if kind == "heading":
            yield f"{value}\n{'-' * len(str(value))}"
        elif kind == "paragraph":
            yield html_to_text(expand_db_html(value.source))
        elif kind in ("recent", "pages"):
            items = child.block.items(value)
            if items:
                lines = [value["heading"], "-" * len(value["heading"])]
                for entry in items:
                    lines.append(f"* {entry['title']}\n  {entry['url']}")
                yield "\n".join(lines)
        elif kind == "button":
            yield f"{value['text']}: {value['url']}"


def render_newsletter(page, unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER, *, test=False):
    """(html, text) for the page as it is now. CSS is inlined so mail clients that drop <style> keep it.
    ``test`` adds the line that says it is a test mail (the office's test sends only)."""
    context = {"page": page, "unsubscribe_url": unsubscribe_url, "site_url": settings.SITE_URL, "test": test}
    html = render_to_string("newsletters/email/newsletter.html", context)
    html = _RELATIVE_HREF.sub(lambda m: f'{m.group(1)}="{settings.SITE_URL.rstrip("/")}/', html)
    html = _INLINER.inline(html)
    text = render_to_string(
        "newsletters/email/newsletter.txt", {**context, "blocks": list(_text_blocks(page))}
    )
    return html, text


def build_message(
    subject,
    html,
    text,
    to,
    *,
    message_id=None,
    connection=None,
    test=False,
    unsubscribe=None,
    from_email=None,
    reply_to=None,
):
    """One recipient's message with its own RFC 8058 one-click unsubscribe headers. A ledger message
    (``message_id`` "<nieuwsbrief-MAILING-ROW@…>") carries its mailing and row as anymail metadata, which
    providers echo in their tracking events (the report compares those with the ledger). ``unsubscribe``,
    (page URL, one-click URL), is for a mail that is no newsletter: by default the links unsubscribe ``to``
    from the newsletter; ``False`` for a mail whose reason is no consent but a membership (a coalition's
    update to its members), which has no unsubscribe headers. ``from_email`` and ``reply_to`` for a mail
    sent on someone else's behalf (default: the platform's DEFAULT_FROM_EMAIL)."""
    headers = {}
    page_url = ""
    if unsubscribe is not False:
        page_url, one_click_url = unsubscribe or unsubscribe_urls(to)
        headers = {
            "List-Unsubscribe": f"<{one_click_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    if message_id:
        headers["Message-ID"] = message_id
    if test:
        headers["X-NNR-Test"] = "1"
    message = EmailMultiAlternatives(
        mail_subject(subject),
        text.replace(UNSUBSCRIBE_PLACEHOLDER, page_url),
        from_email or settings.DEFAULT_FROM_EMAIL,
        [to],
        headers=headers,
        connection=connection,
        reply_to=reply_to,
    )
    message.attach_alternative(html.replace(UNSUBSCRIBE_PLACEHOLDER, page_url), "text/html")
    ids = _LEDGER_ID.match(message_id or "")
    if ids:
        message.metadata = {"mailing": ids[1], "delivery": ids[2]}  # anymail; other backends ignore it
    if test:
        message.tags = ["test"]
    return message


_LEDGER_ID = re.compile(r"<nieuwsbrief-(\d+)-(\d+)@")
PREVIEW_ADDRESS = "voorbeeld@example.org"


def preview_message(page, email=PREVIEW_ADDRESS):
    """(html, text) exactly as ``email`` receives the page: the message built as a send builds it, with that
    address's own unsubscribe link."""
    html, text = render_newsletter(page)
    message = build_message(page.email_subject, html, text, email)
    return message.alternatives[0][0], message.body


# The site's policy forbids the inline styles a mail needs (inlined CSS) and any framing; a mail preview may
# be framed by the admin and style itself, and nothing else: no scripts, forms or outside requests but images.
EMAIL_PREVIEW_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


def email_preview_response(html, text):
    """A mail preview for the admin's frame: the HTML part, or (``html`` None) the plain-text part as it reads."""
    if html is None:
        html = (
            '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Platte tekst</title></head>'
            '<body style="margin:0;padding:16px;background:#fff;color:#1a1a1a">'
            '<pre style="white-space:pre-wrap;overflow-wrap:anywhere;font:15px/1.5 monospace;margin:0">'
            f"{escape(text)}</pre></body></html>"
        )
    response = HttpResponse(html)
    response["Content-Security-Policy"] = EMAIL_PREVIEW_POLICY
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
