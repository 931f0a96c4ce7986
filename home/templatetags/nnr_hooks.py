"""``{% subject_actions kind subject %}``: what higher apps offer next to a coalition, theme or region;
``{% page_sections page %}``: what higher apps add below a content page's body (hook ``nnr_page_sections``,
``fn(request, page) -> html or ""``; the rules in force on the Spelregels page, from ``onboarding``).

It lives in ``home`` so that every app's templates above it may load it. A page of a lower app (a coalition page, the knowledge base filtered on a theme) names what it is about; the
apps that register a Wagtail hook ``nnr_subject_actions`` (``fn(request, kind, subject) -> html or ""``) add
their buttons, e.g. "Volgen" from ``following``. ``kind`` is "coalition" (a CoalitionPage), "theme" (a tag's
slug) or "region" (a GGD region's code).
"""

from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def subject_actions(context, kind, subject):
    request = context.get("request")
    if request is None or not subject:
        return ""
    parts = [fn(request, kind, subject) for fn in hooks.get_hooks("nnr_subject_actions")]
    return mark_safe("".join(p for p in parts if p))


@register.simple_tag(takes_context=True)
def page_sections(context, page):
    request = context.get("request")
    if request is None:
        return ""
    parts = [fn(request, page) for fn in hooks.get_hooks("nnr_page_sections")]
    return mark_safe("".join(p for p in parts if p))
