"""System checks of the newsletters app (registered in NewslettersConfig.ready)."""

from django.core import checks

from .webhooks import webhooks_are_open


@checks.register(checks.Tags.security, deploy=True)
def check_webhook_secret(app_configs, **kwargs):
    if not webhooks_are_open():
        return []
    return [
        checks.Warning(
            "ANYMAIL_WEBHOOK_SECRET is not set: the mail provider's bounce and complaint webhooks (/anymail/) "
            "refuse every post, so bounces are not recorded.",
            hint="Set ANYMAIL_WEBHOOK_SECRET to 'user:password' (long and random) and give the provider "
            "https://user:password@<host>/anymail/<provider>/tracking/.",
            id="nnr.W001",
        )
    ]
