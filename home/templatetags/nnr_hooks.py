"""What higher apps add to the pages of lower ones; these tags live in ``home`` so every app's templates may
load them.

``{% home_sections page %}``: the home page's parts below its own text, from the apps that register a Wagtail
hook ``nnr_home_sections`` (``fn(request, page) -> html or ""``), e.g. the network at work from ``office``.

``{% page_sections page %}``: what higher apps add below a content page's body (hook ``nnr_page_sections``,
``fn(request, page) -> html or ""``; the rules in force on the Spelregels page, from ``onboarding``).

``{% subject_actions kind subject %}``: what higher apps offer next to a coalition, theme or region.

A page of a lower app (a coalition page, the knowledge base filtered on a theme) names what it is about; the
apps that register a Wagtail hook ``nnr_subject_actions`` (``fn(request, kind, subject) -> html or ""``) add
their buttons, e.g. "Volgen" from ``following``. ``kind`` is "coalition" (a CoalitionPage), "theme" (a tag's
slug) or "region" (a GGD region's code).
"""

from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

register = template.Library()


def _hook_html(context, hook, *args):
    """The HTML every function registered for `hook` returns for this request, joined."""
    request = context.get("request")
    if request is None:
        return ""
    return mark_safe("".join(part for fn in hooks.get_hooks(hook) if (part := fn(request, *args))))


@register.simple_tag(takes_context=True)
def subject_actions(context, kind, subject):
    return _hook_html(context, "nnr_subject_actions", kind, subject) if subject else ""


@register.simple_tag(takes_context=True)
def home_sections(context, page):
    return _hook_html(context, "nnr_home_sections", page)


@register.simple_tag(takes_context=True)
def page_sections(context, page):
    return _hook_html(context, "nnr_page_sections", page)
