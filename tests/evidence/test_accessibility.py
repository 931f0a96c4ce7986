"""axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) over every public template and the public forms, in Debian's
chromium: zero violations. Forms are checked both empty and after a submission with errors."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from network.demo import DEMO_PASSWORD
from tests.conftest import login
from tests.evidence.conftest import url_of

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def public_pages():
    """(name, url) of every public page type in the demo network."""
    pages = [
        ("home", url_of("home.HomePage")),
        ("inhoudspagina", url_of("home.ContentPage")),
        ("coalities", url_of("coalitions.CoalitionIndexPage")),
        ("coalitie", url_of("coalitions.CoalitionPage")),
        ("activiteit", url_of("coalitions.ActivityPage")),
        ("kennisbank", url_of("knowledge.KnowledgeIndexPage")),
        ("artikel", url_of("knowledge.KnowledgeArticlePage")),
        ("zoeken", "/zoeken/?q=rookvrij"),
        ("zoeken zonder resultaat", "/zoeken/?q=qqqqxyz"),
        ("agenda", url_of("events.EventIndexPage")),
        ("bijeenkomst", url_of("events.EventPage")),
        ("nieuwsbrief", url_of("newsletters.NewsletterIndexPage")),
        ("nieuwsbriefarchief", url_of("newsletters.NewsletterArchivePage")),
        ("nieuwsbrief-uitgave", url_of("newsletters.NewsletterPage")),
        ("aanmelden", "/aanmelden/"),
        ("inloggen", "/login/"),
        ("wachtwoord vergeten", "/wachtwoord/vergeten/"),
        ("niet gevonden (404)", "/bestaat-niet/"),
    ]
    coalitions = url_of("coalitions.CoalitionIndexPage")
    if coalitions:
        pages.append(("coalities gefilterd", coalitions + "?kind=thema"))
    return [(name, url) for name, url in pages + token_pages() if url]


def token_pages():
    """Pages reached from a link in an e-mail: newsletter confirmation and preferences, application status."""
    from django.core import signing

    from newsletters.mail import CONFIRM_SALT, unsubscribe_token
    from onboarding.models import Application
    from onboarding.tokens import status_path

    application = Application.objects.order_by("pk").first()
    return [
        (
            "nieuwsbrief bevestigen",
            f"/nieuwsbrief/bevestigen/{signing.dumps('lezer@example.org', salt=CONFIRM_SALT)}/",
        ),
        ("nieuwsbrief voorkeuren", f"/nieuwsbrief/afmelden/{unsubscribe_token('lezer@example.org')}/"),
        ("ongeldige afmeldlink", "/nieuwsbrief/afmelden/ongeldig/"),
        ("ongeldige afmeldlink bijeenkomst", "/bijeenkomsten/afmelden/ongeldig/"),
        ("status aanmelding", application and status_path(application)),
    ]


MEMBER_PAGES = [
    ("mijn netwerk", "/mijn/"),
    ("eigen organisatie", "/mijn/organisatie/"),
    ("privacy", "/mijn/privacy/"),
    ("deelnemers", "/deelnemers/"),
    ("mijn rol", "/mijn/rol/"),
    ("coalitie starten", "/coalitie-starten/"),
    ("volgen", "/mijn/volgen/"),
    ("artikel schrijven", "/mijn/kennis/nieuw/"),
    ("vraag het netwerk", "/vraag-het-netwerk/"),
    ("een vraag stellen", "/vraag-het-netwerk/nieuw/"),
    ("voorstellen", "/voorstellen/"),
    ("een voorstel doen", "/voorstellen/nieuw/"),
]
CORE_PAGES = [("netwerkgezondheid", "/netwerk/gezondheid/"), ("reflecties", "/mijn/reflecties/")]

# Forms checked after an empty submission (errors next to the fields, the error summary).
FORMS_WITH_ERRORS = [("aanmelden", "/aanmelden/")]


def _check(page, axe, name, url, found):
    response = page.goto(url)
    assert response is not None
    results = axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    if violations:
        found[f"{name} ({url})"] = [
            f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:3]}" for v in violations
        ]


def _submit_empty(page):
    """Submit the main form without the browser's own validation, as a script-less user agent would."""
    form = page.locator("main form[method=post], main form[method=POST]").last
    form.evaluate("f => { f.noValidate = true; }")
    form.locator("button[type=submit], input[type=submit]").last.click()
    page.wait_for_load_state()


def test_public_pages_and_forms_have_no_axe_violations(browser_page, demo):
    page, axe, found = browser_page, Axe(), {}
    page.goto("/")  # first prove that axe runs under our Content-Security-Policy and finds a planted fault
    page.locator("main").evaluate("m => m.insertAdjacentHTML('beforeend', '<img src=\"/static/x.png\">')")
    planted = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert "image-alt" in [v["id"] for v in planted]

    for name, url in public_pages():
        _check(page, axe, name, url, found)

    forms = list(FORMS_WITH_ERRORS)
    for label, name in [
        ("newsletters.NewsletterIndexPage", "nieuwsbrief"),
        ("events.EventPage", "bijeenkomst"),
    ]:
        url = url_of(label)
        if url:
            forms.append((name, url))
    for name, url in forms:
        page.goto(url)
        if page.locator("main form[method=post], main form[method=POST]").count() == 0:
            continue
        _submit_empty(page)
        results = axe.run(page, options=AXE_OPTIONS)
        if results.response["violations"]:
            found[f"{name} met fouten ({url})"] = [
                f"{v['id']}: {v['help']}" for v in results.response["violations"]
            ]

    login(page, "partner", DEMO_PASSWORD)
    page.wait_for_url("**/")
    for name, url in MEMBER_PAGES:
        _check(page, axe, name, url, found)
    from tests.evidence.test_authorization_matrix import PLACEHOLDERS

    for name, key, prefix in [
        ("deelnemer", "<deelnemer>", "/deelnemers/"),
        ("taak van de opvolger", "<taak opvolger>", "/deelnemers/"),
        ("vraag met antwoorden", "<vraag partner>", "/vraag-het-netwerk/"),
        ("voorstel met steun en opmerkingen", "<voorstel partner>", "/voorstellen/"),
    ]:
        found_value = PLACEHOLDERS[key]()
        if found_value:
            url = found_value if str(found_value).startswith("/") else f"{prefix}{found_value}/"
            _check(page, axe, name, url, found)
    page.goto("/")
    page.get_by_role("button", name="Uitloggen").click()
    login(page, "kernpartner", DEMO_PASSWORD)
    page.wait_for_url("**/")
    for name, url in CORE_PAGES:
        _check(page, axe, name, url, found)

    assert found == {}, "\n".join(f"{page}: {v}" for page, vs in found.items() for v in vs)


def test_statement_says_what_was_tested(client, demo):
    body = client.get("/toegankelijkheid/").content.decode()
    assert "axe-core" in body and "WCAG 2.2" in body
