from django import template
from wagtail.models import Site

from network import access

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    items = root.get_children().live().in_menu().public() if root else []
    return {"items": items, "root": root, "request": request, "current": context.get("page")}


@register.simple_tag
def is_member(user):
    """For the header: whether the members' pages (Vraag het netwerk) are open to this visitor."""
    return access.is_member(user)
