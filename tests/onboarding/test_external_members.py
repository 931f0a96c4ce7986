"""External members of a coalition sign the declaration themselves: publishing the coalition mails each new one
a link; until it signs, the coalition page says "uitgenodigd"; its signature lands in the declaration chain."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from coalitions.factories import CoalitionPageFactory, coalition_index
from coalitions.models import ExternalMember, ExternalSignature
from onboarding import tasks
from onboarding.models import Declaration

pytestmark = pytest.mark.django_db
LINK = re.compile(r"http://\S+(/extern-lid/\S+/)")


@pytest.fixture
def coalition(rules_page):
    page = CoalitionPageFactory(parent=coalition_index(), title="Rookvrije Jeugd")
    ExternalMember.objects.create(
        page=page,
        name="Jeugdraad",
        organisation="Jongerenplatform",
        email="Jeugd@example.org",
    )
    return page


def publish(page, user, capture):
    with capture(execute=True):
        page.save_revision(user=user).publish(user=user)


def test_publishing_invites_the_member_who_signs_through_the_link(
    client, coalition, admin_user, django_capture_on_commit_callbacks
):
    publish(coalition, admin_user, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == ["jeugd@example.org"] and "Rookvrije Jeugd" in message.body
    assert "(extern lid, uitgenodigd)" in client.get(coalition.url).content.decode()

    publish(coalition, admin_user, django_capture_on_commit_callbacks)
    tasks.remind_confirmations()  # neither a second publish nor the daily task invites it again
    assert len(mail.outbox) == 1

    path = LINK.search(message.body).group(1)
    page = client.get(path).content.decode()
    assert "Jeugdraad" in page and "tabaksteeltbedrijven" in page
    client.post(path, REMOTE_ADDR="192.0.2.4")
    record = Declaration.objects.get(purpose="extern lid")
    assert (record.signer_email, record.organisation_name, record.declaration_version) == (
        "jeugd@example.org",
        "Jongerenplatform",
        1,
    )
    assert Declaration.verify_chain() == []
    html = client.get(coalition.url).content.decode()
    assert "(extern lid)" in html and "uitgenodigd" not in html
    client.post(path)  # signing twice archives once
    assert Declaration.objects.filter(purpose="extern lid").count() == 1


def test_a_publish_without_a_person_is_left_to_the_daily_task(coalition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        coalition.save_revision().publish()  # a scheduled publish, or the demo
    assert mail.outbox == []
    tasks.remind_confirmations()
    assert [m.to for m in mail.outbox] == [["jeugd@example.org"]]
    assert ExternalSignature.objects.get().confirmed_at is None


def test_a_forged_link_is_refused(client, coalition, admin_user, django_capture_on_commit_callbacks):
    publish(coalition, admin_user, django_capture_on_commit_callbacks)
    path = LINK.search(mail.outbox[0].body).group(1)
    assert client.get(path[:-4] + "abc/").status_code == 400
    assert not Declaration.objects.filter(purpose="extern lid").exists()


def test_an_external_member_needs_an_address(coalition):
    member = ExternalMember(page=coalition, name="Zonder adres")
    with pytest.raises(ValidationError) as error:
        member.clean()
    assert "email" in error.value.message_dict
