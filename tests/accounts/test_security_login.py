"""Log-in protection through HTTP: lock-outs after wrong passwords (and the office lifting one), and the
second step (authenticator app, recovery codes) for whoever must or wants to use it."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import give_demo_app, next_code
from accounts.devices import new_recovery_codes
from network.factories import ContactUserFactory, OfficeUserFactory, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Inloggen tijdelijk geblokkeerd"


def log_in(client, username, password="pw", address="127.0.0.1", path="/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def partner():
    return ContactUserFactory(username="partnereen", contact__participant__name="Partner Een")


def test_five_wrong_passwords_lock_the_account_until_the_office_lifts_it(client, partner):
    for _ in range(4):
        assert log_in(client, partner.username, "fout").status_code == 200
    assert LOCKED in log_in(client, partner.username, "fout").content.decode()

    refused = log_in(client, partner.username, "pw", address="10.1.1.1")  # also from elsewhere
    body = refused.content.decode()
    assert refused.status_code == 429 and not logged_in(client)
    assert "kunt u tot" in body and "netwerkbureau" in body

    office = client.__class__()
    office.force_login(OfficeUserFactory(username="bureau"))
    listing = office.get("/admin/blokkades/").content.decode()
    assert partner.username in listing and "Blokkade opheffen" in listing
    lift = f"/admin/blokkades/opheffen/?soort=username&waarde={partner.username}"
    assert "Weet u zeker" in office.get(lift).content.decode()
    office.post("/admin/blokkades/opheffen/", {"soort": "username", "waarde": partner.username})
    assert "Er zijn nu geen geblokkeerde log-ins" in office.get("/admin/blokkades/").content.decode()

    assert log_in(client, partner.username, "pw").status_code == 302 and logged_in(client)


def test_only_the_office_sees_and_lifts_lock_outs(client, partner):
    client.force_login(partner)
    assert client.get("/admin/blokkades/").status_code in (302, 403)
    attempt = client.post("/admin/blokkades/opheffen/", {"soort": "username", "waarde": "x"})
    assert attempt.status_code in (302, 403) and attempt.get("Location") != "/admin/blokkades/"


def test_trying_many_accounts_from_one_address_locks_that_address(client, partner):
    for n in range(5):
        log_in(client, f"gok{n}", "Welkom01", address="10.2.2.2")
    assert log_in(client, partner.username, "pw", address="10.2.2.2").status_code == 429
    assert log_in(client, partner.username, "pw", address="10.3.3.3").status_code == 302


def test_nobody_elsewhere_can_lock_the_office_out(client):
    OfficeUserFactory(username="bureau")
    for _ in range(5):
        log_in(client, "bureau", "fout", address="10.4.4.4")
    assert log_in(client, "bureau", "pw", address="10.4.4.4").status_code == 429
    assert log_in(client, "bureau", "pw", address="10.5.5.5").status_code == 302


def test_the_admin_log_in_is_locked_too(client, partner):
    for _ in range(5):
        log_in(client, partner.username, "fout", path="/admin/login/")
    response = log_in(client, partner.username, "pw", path="/admin/login/")
    assert response.status_code == 429 and LOCKED in response.content.decode()


def test_an_admin_without_an_app_must_set_it_up_before_the_admin(client):
    UserFactory(username="beheer", superuser=True)
    assert log_in(client, "beheer").status_code == 302
    for path in ["/admin/", "/deelnemers/", "/mijn/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/mijn/beveiliging/instellen/")

    page = client.get("/mijn/beveiliging/instellen/?next=/admin/").content.decode()
    assert 'src="data:image/svg+xml' in page and "Daarom is voor uw account" in page
    device = TOTPDevice.objects.get(user__username="beheer", confirmed=False)
    wrong = client.post("/mijn/beveiliging/instellen/", {"code": "000000", "next": "/admin/"})
    assert "klopt niet" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second
    code = f"{TOTP(device.bin_key).token():06d}"
    done = client.post("/mijn/beveiliging/instellen/", {"code": code, "next": "/admin/"})
    assert done["Location"].startswith("/mijn/beveiliging/herstelcodes/")

    codes = client.get(done["Location"])
    assert codes.content.decode().count("<li>") >= 10 and "alleen nu" in codes.content.decode()
    assert client.get("/mijn/beveiliging/herstelcodes/").status_code == 302  # shown once
    assert client.get("/admin/").status_code == 200


def test_with_an_app_the_code_comes_after_the_password_and_before_the_admin(client):
    device = give_demo_app(OfficeUserFactory(username="bureau"))
    assert log_in(client, "bureau").status_code == 302
    response = client.get("/admin/")
    assert response["Location"] == "/inloggen/code/?next=%2Fadmin%2F"
    assert client.get("/mijn/beveiliging/instellen/")["Location"] == "/inloggen/code/"  # no second app
    assert "klopt niet" in client.post(response["Location"], {"code": "123456"}).content.decode()
    device.throttle_reset()
    verified = client.post("/inloggen/code/", {"code": next_code(device), "next": "/admin/"})
    assert verified["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client):
    user = OfficeUserFactory(username="bureau")
    give_demo_app(user)
    codes = new_recovery_codes(user)
    log_in(client, "bureau")
    assert client.post("/inloggen/code/", {"code": codes[0].upper()})["Location"] == "/mijn/"
    assert client.get("/admin/").status_code == 200
    client.post("/logout/")

    log_in(client, "bureau")
    again = client.post("/inloggen/code/", {"code": codes[0]})
    assert again.status_code == 200 and "klopt niet" in again.content.decode()
    StaticDevice.objects.get(user=user).throttle_reset()
    assert client.post("/inloggen/code/", {"code": codes[1]}).status_code == 302


def test_a_partner_logs_in_without_and_may_switch_it_on(client, partner):
    log_in(client, partner.username)
    assert client.get("/mijn/").status_code == 200
    assert "staat uit" in client.get("/mijn/beveiliging/").content.decode()

    client.get("/mijn/beveiliging/instellen/")
    device = TOTPDevice.objects.get(user=partner)
    assert "Daarom is voor uw account" not in client.get("/mijn/beveiliging/instellen/").content.decode()
    client.post("/mijn/beveiliging/instellen/", {"code": f"{TOTP(device.bin_key).token():06d}"})
    assert "staat aan" in client.get("/mijn/beveiliging/").content.decode()

    client.post("/logout/")
    log_in(client, partner.username)
    assert client.get("/mijn/")["Location"] == "/inloggen/code/?next=%2Fmijn%2F"


def test_the_demo_code_and_resetting_a_lost_phone_from_the_command_line(client):
    from io import StringIO

    from django.core.management import call_command

    device = give_demo_app(OfficeUserFactory(username="bureau"))
    out = StringIO()
    call_command("demo_totp", "bureau", stdout=out)
    log_in(client, "bureau")
    assert client.post("/inloggen/code/", {"code": out.getvalue().strip()}).status_code == 302

    call_command("reset_second_factor", "bureau", stdout=StringIO())
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    chain = client.get("/admin/", follow=True).redirect_chain  # via the code step, which has nothing to ask
    assert chain[-1][0] == "/mijn/beveiliging/instellen/?next=%2Fadmin%2F"


def test_after_log_in_a_participant_lands_on_mijn_or_where_they_came_from(client, partner_user):
    partner_user.set_password("pw")
    partner_user.save()
    assert log_in(client, "partner")["Location"] == "/mijn/"
    client.post("/logout/")
    assert log_in(client, "partner", path="/login/?next=/deelnemers/")["Location"] == "/deelnemers/"
