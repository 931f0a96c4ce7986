"""The declaration archive: append-only, hash-chained, verifiable by the office in one click or one command."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from onboarding.models import Declaration

from .conftest import application_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_records(client, rules_page):
    for n in range(3):
        response = client.post(
            "/aanmelden/", application_data(organisation_name=f"Org {n}", email=f"a{n}@example.org")
        )
        assert response.status_code == 302
    return list(Declaration.objects.order_by("pk"))


def test_records_form_a_chain_that_verifies(three_records, capsys):
    first, second, third = three_records
    assert first.previous_hash == Declaration.GENESIS
    assert second.previous_hash == first.record_hash and third.previous_hash == second.record_hash
    assert all(len(r.record_hash) == 64 and r.record_hash == r.compute_hash() for r in three_records)
    assert Declaration.verify_chain() == []
    call_command("verify_declarations")
    assert "Keten intact: 3 verklaringen" in capsys.readouterr().out


def test_a_tampered_record_is_detected(three_records):
    Declaration.objects.filter(pk=three_records[1].pk).update(organisation_name="Iemand anders")
    problems = Declaration.verify_chain()
    assert [(record.pk, str(problem)) for record, problem in problems] == [
        (three_records[1].pk, "de inhoud is gewijzigd na ondertekening")
    ]
    with pytest.raises(CommandError):
        call_command("verify_declarations")


def test_a_removed_record_breaks_the_chain(three_records):
    with connection.cursor() as cursor:  # bypasses the model, as an attacker with database access would
        cursor.execute(f"DELETE FROM {Declaration._meta.db_table} WHERE id = %s", [three_records[1].pk])
    (problem,) = Declaration.verify_chain()
    assert problem[0].pk == three_records[2].pk and "vorige verklaring" in str(problem[1])


def test_records_cannot_be_changed_or_deleted_through_the_model(three_records):
    record = three_records[0]
    record.signer_name = "Ander"
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        Declaration.objects.all().delete()
    assert Declaration.objects.count() == 3


def test_office_reads_and_verifies_the_archive_in_the_admin(client, three_records, office_user):
    client.force_login(office_user)
    index = client.get("/admin/verklaringen/")
    assert index.status_code == 200 and "Org 1" in index.content.decode()
    # The check is a form on the page itself (it used to be a header link to an anchor nobody rendered).
    assert (
        '<form id="verify-chain" method="post" action="/admin/verklaringen-controleren/"'
        in index.content.decode()
    )
    inspect = client.get(f"/admin/verklaringen/inspect/{three_records[0].pk}/").content.decode()
    assert "tabaksteeltbedrijven" in inspect and three_records[0].record_hash in inspect
    for url in [
        f"/admin/verklaringen/edit/{three_records[0].pk}/",
        f"/admin/verklaringen/delete/{three_records[0].pk}/",
    ]:
        assert client.get(url).status_code == 404
    assert client.get("/admin/verklaringen/new/").status_code == 404
    verified = client.post("/admin/verklaringen-controleren/", follow=True).content.decode()
    assert "De keten is intact: alle 3 verklaringen kloppen." in verified
    Declaration.objects.filter(pk=three_records[2].pk).update(user_agent="vervalst")
    broken = client.post("/admin/verklaringen-controleren/", follow=True).content.decode()
    assert "De keten is NIET intact" in broken and f"#{three_records[2].pk}" in broken


def test_partners_cannot_see_the_archive(client, three_records, partner_user):
    client.force_login(partner_user)
    assert client.get("/admin/verklaringen/").status_code == 302
    assert client.post("/admin/verklaringen-controleren/").status_code == 302


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_chain(require_postgres, rules_page):
    barrier = threading.Barrier(4)

    def apply(n):
        try:
            barrier.wait()
            Client().post(
                "/aanmelden/", application_data(organisation_name=f"Org {n}", email=f"c{n}@example.org")
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Declaration.objects.count() == 4 and Declaration.verify_chain() == []


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_creates_one_application(require_postgres, rules_page):
    from onboarding.models import Application

    barrier = threading.Barrier(2)
    statuses = []

    def apply():
        try:
            barrier.wait()
            statuses.append(Client().post("/aanmelden/", application_data()).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 400]
    assert Application.objects.count() == 1 and Declaration.objects.count() == 1
