"""``{% social_meta %}``: a page's description and its social preview (Open Graph), for the page's <head>.

The description is the page's own search description, else its introduction, summary or goal (whichever the
page type has), else a line about the network; the image is the page's image or logo cropped to 1200 x 630, else the network's plain preview
(static/img/social.png). Pages without a Wagtail page (a form, a list) get the network's name and image.
"""

from django import template
from django.templatetags.static import static
from django.utils.text import Truncator
from django.utils.translation import gettext as _

register = template.Library()

DESCRIPTION_FIELDS = ("search_description", "introduction", "summary", "goal")
IMAGE_FIELDS = ("image", "logo")
DESCRIPTION_WORDS = 40


def _first(page, names):
    return next((value for name in names if (value := getattr(page, name, None))), None)


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    request, page = context.get("request"), context.get("page")
    if request is None:
        return {}
    description, image_url, url = "", static("img/social.png"), request.path
    if page is not None and hasattr(page, "get_url"):
        description = Truncator(_first(page, DESCRIPTION_FIELDS) or "").words(DESCRIPTION_WORDS)
        image = _first(page, IMAGE_FIELDS)
        if image is not None:
            image_url = image.get_rendition("fill-1200x630").url
        url = page.get_url(request) or url
    return {
        "page": page,
        "description": description
        or _(
            "Organisaties die samenwerken aan een samenleving waarin niemand lijdt of overlijdt door roken."
        ),
        "image_url": request.build_absolute_uri(image_url),
        "url": request.build_absolute_uri(url),
        "kind": "article" if getattr(page, "news_item", False) else "website",
    }
