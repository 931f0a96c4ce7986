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
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
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


def render_newsletter(page, unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER):
    """(html, text) for the page as it is now. CSS is inlined so mail clients that drop <style> keep it."""
    context = {"page": page, "unsubscribe_url": unsubscribe_url, "site_url": settings.SITE_URL}
    html = render_to_string("newsletters/email/newsletter.html", context)
    html = _RELATIVE_HREF.sub(lambda m: f'{m.group(1)}="{settings.SITE_URL.rstrip("/")}/', html)
    html = _INLINER.inline(html)
    text = render_to_string(
        "newsletters/email/newsletter.txt", {**context, "blocks": list(_text_blocks(page))}
    )
    return html, text


def build_message(subject, html, text, to, *, message_id=None, connection=None):
    """One recipient's message with its own RFC 8058 one-click unsubscribe headers."""
    page_url, one_click_url = unsubscribe_urls(to)
    headers = {
        "List-Unsubscribe": f"<{one_click_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    if message_id:
        headers["Message-ID"] = message_id
    message = EmailMultiAlternatives(
        mail_subject(subject),
        text.replace(UNSUBSCRIBE_PLACEHOLDER, page_url),
        settings.DEFAULT_FROM_EMAIL,
        [to],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html.replace(UNSUBSCRIBE_PLACEHOLDER, page_url), "text/html")
    return message
