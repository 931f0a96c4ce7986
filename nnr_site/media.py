"""Development serving of the public media: images only.

Wagtail documents also live under MEDIA_ROOT (documents/), but they must go through Wagtail's serve view
(/documents/<id>/<name>), which checks the privacy of their collection; handover documents are not under
MEDIA_ROOT at all (nnr_site/storage.py). In production nothing in this app serves /media/: a web server in
front that serves it must serve these folders only.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

PUBLIC_MEDIA_FOLDERS = ("images", "original_images")


def public_media(request, path):
    path = posixpath.normpath(path).lstrip("/")  # as serve() does, so "images/../documents/x" is not an image
    if path.split("/", 1)[0] not in PUBLIC_MEDIA_FOLDERS:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def media_urlpatterns():
    return [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", public_media)]
