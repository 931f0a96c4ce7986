"""The editor's preview panel shows a page in a frame of the admin. Wagtail renders that preview as a dummy
request to the page's own URL, through the whole middleware chain, so the site's Content-Security-Policy
(`frame-ancestors 'none'`) would forbid the frame and the panel stays empty, for every page type. A preview
response may be framed by our own origin; every other response keeps the policy."""

from csp.constants import SELF


class PreviewFramingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response._csp_replace = {**getattr(response, "_csp_replace", {}), "frame-ancestors": [SELF]}
        return response
