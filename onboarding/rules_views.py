"""The public version history of the rules (spelregels): every published version, one version's full text, and
a readable difference between any two."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from . import diff
from .models import DeclarationText

RULES = DeclarationText.Kind.RULES


def _published():
    return DeclarationText.objects.filter(kind=RULES).exclude(published_at=None).order_by("-number")


def rules_history(request):
    versions = list(_published())
    newest = versions[0].number if versions else None
    older = versions[1].number if len(versions) > 1 else None
    return render(
        request,
        "onboarding/rules_history.html",
        {"versions": versions, "newest": newest, "older": older},
    )


def rules_version(request, number):
    version = get_object_or_404(_published(), number=number)
    return render(
        request,
        "onboarding/rules_version.html",
        {"version": version, "current": DeclarationText.current(RULES), "previous": version.previous()},
    )


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def rules_compare(request):
    versions = {v.number: v for v in _published()}
    old, new = versions.get(_number(request.GET.get("van"))), versions.get(_number(request.GET.get("naar")))
    if old is None or new is None:
        raise Http404
    if old.number > new.number:
        old, new = new, old
    changes = [v for v in versions.values() if old.number < v.number <= new.number]
    return render(
        request,
        "onboarding/rules_compare.html",
        {
            "old": old,
            "new": new,
            "paragraphs": diff.compare(old.text, new.text),
            "changes": sorted(changes, key=lambda v: v.number),
            "versions": sorted(versions.values(), key=lambda v: -v.number),
        },
    )
