"""Property-based bad input: 1,000 generated submissions per public form. Never a server error; a refused
submission leaves every table as it was, an accepted one adds exactly one complete record. Uploads that are
too large or of the wrong type are refused in the admin.

Each submission starts from a valid one and replaces some fields with hostile values (empty, very long,
NUL and control characters, right-to-left marks, markup, SQL, lists where one value is expected), so both
the refusal and the acceptance paths are exercised."""

import os
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.evidence.conftest import first_live

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_ratelimit")]

# 1,000 per form in CI; NNR_BAD_INPUT_EXAMPLES lowers it for a quick local run.
EXAMPLES = settings(
    max_examples=int(os.environ.get("NNR_BAD_INPUT_EXAMPLES", "1000")),
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\t",
    "\u202egnp.exe",
    "<script>alert(1)</script>",
    "'; DROP TABLE network_participant; --",
    "x" * 5000,
    "😀" * 50,
    "%00",
    "../../etc/passwd",
    "@",
    "a@b",
    "naam@example.org\nBcc: iedereen@example.org",
    "-1",
    "99999999999999999999",
    "on",
]
text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
value = st.one_of(st.sampled_from(HOSTILE), text, st.emails())
field_value = st.one_of(value, st.lists(value, max_size=3))


def submissions(valid, extra_fields=()):
    """A valid submission with some fields replaced by hostile values, removed, or added."""
    names = sorted(valid) + list(extra_fields)
    overrides = st.dictionaries(
        st.sampled_from(names), st.one_of(field_value, st.none()), max_size=len(names)
    )
    return overrides.map(lambda o: {k: v for k, v in {**valid, **o}.items() if v is not None})


def counts(*labels):
    return {label: apps.get_model(label).objects.count() for label in labels}


def assert_no_partial_record(before, after, accepted, created):
    """Refused: nothing changed. Accepted: only the expected tables grew, each by at most one row."""
    if not accepted:
        assert after == before
        return
    for label in before:
        grew = after[label] - before[label]
        assert grew in ((0, 1) if label in created else (0,)), (label, grew)


def test_application_form(client, demo):
    from network.models import Role

    valid = {
        "kind": "organisatie",
        "organisation_name": "Sportclub De Rookvrije Bal",
        "kvk_number": "12345678",
        "sector": "sport",
        "region": "",
        "desired_role": Role.PARTNER,
        "contact_name": "Jan Jansen",
        "job_title": "Secretaris",
        "email": "jan@example.org",
        "phone": "030 123 45 67",
        "motivation": "Wij willen een rookvrij sportpark.",
        "website": "https://example.org",
        "fax": "",
        "confirm_declaration": "on",
        "confirm_rules": "on",
        "confirm_consent": "on",
    }
    tables = (
        "onboarding.Application",
        "onboarding.Declaration",
        "network.ConsentRecord",
        "network.Participant",
    )

    @EXAMPLES
    @given(submissions(valid))
    def check(data):
        before = counts(*tables)
        response = client.post("/aanmelden/", data)
        assert response.status_code in (200, 302, 400), response.status_code
        after = counts(*tables)
        accepted = response.status_code == 302
        assert_no_partial_record(
            before, after, accepted, {"onboarding.Application", "onboarding.Declaration"}
        )
        grew = [after[t] - before[t] for t in tables[:2]]
        assert grew in ([0, 0], [1, 1]), grew  # an application always with its declaration

    check()


def test_newsletter_subscription(client, demo):
    page = first_live("newsletters.NewsletterIndexPage")
    url = f"/nieuwsbrief/{page.pk}/aanmelden/"
    valid = {"email": "lezer@example.org", "name": "Lezer", "consent": "on"}
    tables = ("newsletters.Subscriber", "newsletters.Suppression", "network.ConsentRecord")

    @EXAMPLES
    @given(submissions(valid, extra_fields=("themes", "regions")))
    def check(data):
        before = counts(*tables)
        response = client.post(url, data)
        assert response.status_code in (200, 400), response.status_code
        accepted = "newsletters/signup_sent.html" in [t.name for t in response.templates]
        assert_no_partial_record(before, counts(*tables), accepted, {"newsletters.Subscriber"})

    check()


def test_newsletter_unsubscribe(client, db):
    from newsletters.mail import unsubscribe_token
    from newsletters.models import Subscriber

    Subscriber.objects.create(email="lezer@example.org", is_public=True)
    good = unsubscribe_token("lezer@example.org")
    tables = ("newsletters.Subscriber", "newsletters.Suppression", "network.ConsentRecord")
    tokens = st.one_of(
        st.just(good), text.filter(lambda t: t.strip("./")), st.sampled_from([good[:-3], good + "x"])
    )

    @EXAMPLES
    @given(tokens, submissions({"action": "unsubscribe"}, extra_fields=("themes", "regions")), st.booleans())
    def check(token, data, one_click):
        before = counts(*tables)
        path = f"/nieuwsbrief/afmelden/{quote(token, safe='')}/" + ("een-klik/" if one_click else "")
        response = client.post(path, data)
        assert response.status_code in (200, 400, 404), response.status_code
        accepted = token == good and response.status_code == 200
        assert_no_partial_record(before, counts(*tables), accepted, {"newsletters.Suppression"})

    check()


def test_event_registration(client, db):
    from events.factories import EventPageFactory, event_index

    event = EventPageFactory(parent=event_index(), open_to_everyone=True, capacity=5000)
    url = f"/bijeenkomsten/{event.pk}/aanmelden/"
    valid = {"name": "Jan Jansen", "email": "jan@example.org", "organisation": "GGD", "website": ""}
    tables = ("events.Registration",)

    @EXAMPLES
    @given(submissions(valid))
    def check(data):
        before = counts(*tables)
        response = client.post(url, data)
        assert response.status_code in (302, 400), response.status_code
        assert_no_partial_record(before, counts(*tables), response.status_code == 302, set(tables))

    check()


def test_search(client, demo):
    tables = ("wagtailcore.Page", "network.Participant")

    @EXAMPLES
    @given(st.one_of(value, st.lists(value, max_size=3)), st.one_of(value, st.integers()))
    def check(query, page_number):
        before = counts(*tables)
        response = client.get("/zoeken/", {"q": query, "pagina": page_number})
        assert response.status_code == 200
        assert counts(*tables) == before

    check()


# --- uploads --------------------------------------------------------------------------------------------


PNG_HEADER = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "name, content, why",
    [
        ("groot.png", PNG_HEADER + b"\0" * (5 * 1024 * 1024 + 1), "te groot"),
        ("virus.exe", b"MZ\x90\x00", "verkeerd type"),
        ("nep.png", b"dit is geen afbeelding", "geen echte afbeelding"),
        ("script.svg", b"<svg onload='alert(1)'/>", "verkeerd type"),
    ],
)
def test_image_upload_refused(office_client, name, content, why):
    Image = apps.get_model("wagtailimages.Image")
    response = office_client.post(
        "/admin/images/add/", {"title": why, "file": SimpleUploadedFile(name, content), "collection": 1}
    )
    assert response.status_code == 200 and response.context["form"].errors, why
    assert Image.objects.count() == 0


@pytest.mark.parametrize(
    "name, size, why",
    [
        ("groot.pdf", 10 * 1024 * 1024 + 1, "te groot"),
        ("programma.exe", 10, "verkeerd type"),
        ("site.html", 10, "html"),
    ],
)
def test_document_upload_refused(office_client, name, size, why):
    Document = apps.get_model("wagtaildocs.Document")
    response = office_client.post(
        "/admin/documents/add/",
        {"title": why, "file": SimpleUploadedFile(name, b"%PDF-1.4 " + b"0" * size), "collection": 1},
    )
    assert response.status_code == 200 and response.context["form"].errors, why
    assert Document.objects.count() == 0


def test_allowed_upload_is_accepted(office_client):
    """The refusals above are not a broken form: a small PDF goes in."""
    Document = apps.get_model("wagtaildocs.Document")
    response = office_client.post(
        "/admin/documents/add/",
        {
            "title": "Programma",
            "file": SimpleUploadedFile("programma.pdf", b"%PDF-1.4 klein"),
            "collection": 1,
        },
    )
    assert response.status_code == 302
    assert Document.objects.count() == 1
