"""Other apps' models, resolved lazily: network works (with fewer features) when an app is absent."""

from django.apps import apps


def get_model(label):
    """The model for "app_label.ModelName", or None when that app or model does not exist."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def active_memberships():
    """Accepted CoalitionMembership rows that have not ended (an invitation is no membership yet), or None
    without the coalitions app."""
    Membership = get_model("coalitions.CoalitionMembership")
    if Membership is None:
        return None
    return Membership.objects.accepted().filter(left_on=None)


def coalitions():
    """Live CoalitionPages, or None without the coalitions app."""
    Coalition = get_model("coalitions.CoalitionPage")
    if Coalition is None:
        return None
    return Coalition.objects.live()
