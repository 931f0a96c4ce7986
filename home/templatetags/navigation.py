from django import template
from django.utils.translation import get_language
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page, Site

from network import access
from nnr_site import pagecache

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The menu: the home page and its children shown in menus, the same for every visitor of a site (shared
    until the next page-cache generation); only which item is the current page differs per request."""
    request = context["request"]

    def items():
        site = Site.find_for_request(request)
        if not site:
            return []
        root = site.root_page
        children = root.get_children().live().in_menu().public()
        return [(root.pk, root.get_url(request), None)] + [
            (page.pk, page.get_url(request), page.title) for page in children
        ]

    current = context.get("page")
    return {
        "items": pagecache.shared("main_nav", items, request.get_host()),
        "current_pk": getattr(current, "pk", None),  # "page" may also be a list's page of results
    }


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        request = context.get("request")
        vary = [v.resolve(context) for v in self.vary]
        host = request.get_host() if request else ""
        return pagecache.shared(self.name, lambda: self.nodelist.render(context), host, get_language(), *vary)


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "footer" [vary ...] %}...{% endshared_fragment %}``: the enclosed part rendered
    once per site, language and `vary` values and shared until the next page-cache generation
    (``nnr_site.pagecache.shared``). Only for parts that are the same for every reader: nothing per user
    (no user, no CSRF token, no messages) may be inside."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, bits[1], [parser.compile_filter(b) for b in bits[2:]])


@register.simple_tag(takes_context=True)
def editor_bar(context):
    """Wagtail's user bar (edit this page, the accessibility check), for whoever may edit the page shown and
    in the editor's preview. Other members, who may use the admin for their own pages, would only get a
    button to the admin; asking Wagtail which buttons cost five queries on every page they read."""
    request = context.get("request")
    if (
        request is None
        or getattr(request, "in_preview_panel", False)
        or getattr(request, "is_preview", False)
    ):
        return wagtailuserbar(context)
    page = context.get("page")
    user = getattr(request, "user", None)
    if not isinstance(page, Page) or page.pk is None or not (user and user.is_authenticated):
        return ""
    if not page.permissions_for_user(user).can_edit():
        return ""
    return wagtailuserbar(context)


@register.simple_tag
def is_member(user):
    """For the header: whether the members' pages (Vraag het netwerk) are open to this visitor."""
    return access.is_member(user)
