"""Coalitions edit their own pages and nobody else's, through the real Wagtail admin (cf. Wagtail issue 9270)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from coalitions.factories import CoalitionPageFactory, add_membership
from coalitions.membership import end_membership
from coalitions.models import ActivityPage, CoalitionPage, MemberRole

from .conftest import make_contact

pytestmark = pytest.mark.django_db


def coalition_form(page, **changes):
    """The data the Wagtail editor posts for a coalition page, with its current members kept."""
    memberships = [
        {
            "id": m.pk,
            "participant": m.participant_id,
            "role": m.role,
            "joined_on": m.joined_on.isoformat(),
            "left_on": "",
        }
        for m in page.memberships.all()
    ]
    data = {
        "title": page.title,
        "slug": page.slug,
        "goal": page.goal,
        "kind": page.kind,
        "region": page.region,
        "city": page.city,
        "organisation_type": page.organisation_type,
        "themes": "",
        "description": rich_text(page.description or ""),
        "colour": page.colour,
        "contact_email": page.contact_email,
        "memberships": inline_formset(memberships, initial=len(memberships)),
        "external_members": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_a_new_coalition_gets_its_own_group_permissions_and_collection(two_coalitions):
    a = CoalitionPage.objects.get(pk=two_coalitions["a"].pk)
    assert a.editors_group and a.collection
    perms = set(
        GroupPagePermission.objects.filter(group=a.editors_group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert perms == {(a.pk, "add_page"), (a.pk, "change_page"), (a.pk, "publish_page")}
    assert (
        GroupCollectionPermission.objects.filter(group=a.editors_group, collection=a.collection).count() == 6
    )
    assert a.editors_group.permissions.filter(codename="access_admin").exists()
    assert list(a.editors_group.user_set.all()) == [two_coalitions["user_a"]]
    a.save()  # saving again changes nothing
    assert Group.objects.filter(name__startswith="Coalitie").count() == 2


def test_editor_edits_and_publishes_own_coalition(client, two_coalitions):
    a = two_coalitions["a"]
    client.force_login(two_coalitions["user_a"])
    assert client.get(f"/admin/pages/{a.pk}/edit/").status_code == 200
    response = client.post(
        f"/admin/pages/{a.pk}/edit/",
        coalition_form(a, goal="Een nieuw doel", **{"action-publish": "publish"}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    a.refresh_from_db()
    assert a.goal == "Een nieuw doel" and a.live and not a.has_unpublished_changes
    assert "Een nieuw doel" in client.get(a.url).content.decode()
    # the trekker is still a member after publishing through the editor
    assert a.memberships.count() == 1


def test_editor_edits_publishes_and_adds_activities(client, two_coalitions):
    activity = two_coalitions["activity_a"]
    client.force_login(two_coalitions["user_a"])
    data = nested_form_data(
        {
            "title": "Activiteit A bijgewerkt",
            "slug": activity.slug,
            "status": "afgerond",
            "summary": "Klaar",
            "what_was_done": rich_text("<p>Gedaan</p>"),
            "results": rich_text(""),
            "lessons_learned": rich_text(""),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    assert client.post(f"/admin/pages/{activity.pk}/edit/", data).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Activiteit A bijgewerkt" and activity.status == "afgerond"
    a = two_coalitions["a"]
    new = dict(data, title="Nieuwe activiteit", slug="nieuwe-activiteit")
    response = client.post(f"/admin/pages/add/coalitions/activitypage/{a.pk}/", new)
    assert response.status_code == 302
    assert ActivityPage.objects.get(slug="nieuwe-activiteit").live


def _refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/login" not in response["Location"]
    )


def test_editor_is_refused_everywhere_on_another_coalition(client, two_coalitions):
    b, activity_b, a = two_coalitions["b"], two_coalitions["activity_b"], two_coalitions["a"]
    before = {p.pk: (p.title, p.path, p.live, p.latest_revision_id) for p in Page.objects.all()}
    client.force_login(two_coalitions["user_a"])
    for target in (b, activity_b):
        pk = target.pk
        attempts = [
            client.get(f"/admin/pages/{pk}/edit/"),
            client.post(
                f"/admin/pages/{pk}/edit/",
                {"title": "Overgenomen", "slug": target.slug, "action-publish": "1"},
            ),
            client.get(f"/admin/pages/{pk}/usage/"),
            client.get(f"/admin/pages/{pk}/copy/"),
            client.post(
                f"/admin/pages/{pk}/copy/",
                {
                    "new_title": "Kopie",
                    "new_slug": "kopie",
                    "new_parent_page": a.pk,
                    "copy_subpages": "on",
                    "publish_copies": "on",
                },
            ),
            client.get(f"/admin/pages/{pk}/move/"),
            client.get(f"/admin/pages/{pk}/move/{a.pk}/confirm/"),
            client.post(f"/admin/pages/{pk}/move/{a.pk}/confirm/"),
            client.get(f"/admin/pages/{pk}/delete/"),
            client.post(f"/admin/pages/{pk}/delete/"),
            client.get(f"/admin/pages/{pk}/unpublish/"),
            client.post(f"/admin/pages/{pk}/unpublish/"),
            client.get(f"/admin/pages/add/coalitions/activitypage/{b.pk}/"),
            client.get(f"/admin/pages/{pk}/history/"),
            client.get(f"/admin/pages/{pk}/revisions/{target.latest_revision_id}/view/"),
        ]
        for response in attempts:
            assert _refused(response), (response.request["PATH_INFO"], response.status_code)
    bulk = client.post(f"/admin/bulk/wagtailcore/page/publish/?id={b.pk}&id={activity_b.pk}", {})
    assert bulk.status_code in (200, 302, 403)
    after = {p.pk: (p.title, p.path, p.live, p.latest_revision_id) for p in Page.objects.all()}
    assert after == before
    assert not Page.objects.filter(slug="kopie").exists()


def test_editor_cannot_copy_own_activity_into_another_coalition(client, two_coalitions):
    activity_a, b = two_coalitions["activity_a"], two_coalitions["b"]
    client.force_login(two_coalitions["user_a"])
    response = client.post(
        f"/admin/pages/{activity_a.pk}/copy/",
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": b.pk, "publish_copies": "on"},
    )
    assert response.status_code in (200, 302, 403)
    assert not b.get_children().filter(slug="kopie").exists()


def test_trekker_who_steps_down_loses_editing(client, two_coalitions):
    a, part_a, user_a = two_coalitions["a"], two_coalitions["part_a"], two_coalitions["user_a"]
    end_membership(a, part_a)
    assert not a.editors_group.user_set.filter(pk=user_a.pk).exists()
    client.force_login(user_a)
    assert _refused(client.get(f"/admin/pages/{a.pk}/edit/"))


def test_participant_leaving_the_network_drops_out(client, two_coalitions):
    a, part_a, user_a = two_coalitions["a"], two_coalitions["part_a"], two_coalitions["user_a"]
    part_a.mark_left(reason="Gestopt")
    assert not a.editors_group.user_set.filter(pk=user_a.pk).exists()
    assert part_a.name not in client.get(a.url).content.decode()


def test_a_copied_coalition_gets_its_own_group(two_coalitions, index):
    copy = two_coalitions["a"].copy(update_attrs={"title": "Kopie A", "slug": "kopie-a"})
    copy = CoalitionPage.objects.get(pk=copy.pk)
    assert copy.editors_group_id and copy.editors_group_id != two_coalitions["a"].editors_group_id


def test_factory_coalition_without_members_has_an_empty_group(index):
    page = CoalitionPageFactory(parent=index)
    assert page.editors_group.user_set.count() == 0


def test_deleting_a_coalition_removes_its_group(two_coalitions):
    b = CoalitionPage.objects.get(pk=two_coalitions["b"].pk)
    group_id = b.editors_group_id
    b.delete()
    assert not Group.objects.filter(pk=group_id).exists()
    assert not GroupPagePermission.objects.filter(group_id=group_id).exists()


def test_office_sees_join_requests_in_the_admin(client, two_coalitions, office_user):
    client.force_login(office_user)
    assert client.get("/admin/snippets/coalitions/joinrequest/").status_code == 200
    client.force_login(two_coalitions["user_a"])
    assert _refused(client.get("/admin/snippets/coalitions/joinrequest/"))


def test_trekkers_set_in_the_page_editor_are_the_editors(client, two_coalitions):
    """Demoting a trekker to lid in the editor and publishing takes its users out of the group."""
    a = two_coalitions["a"]
    user_c, part_c = make_contact("tweede")
    add_membership(a, part_c, MemberRole.TREKKER)
    assert a.editors_group.user_set.filter(pk=user_c.pk).exists()
    client.force_login(two_coalitions["user_a"])
    data = coalition_form(a, **{"action-publish": "publish"})
    index = next(i for i, m in enumerate(a.memberships.all()) if m.participant_id == part_c.pk)
    data[f"memberships-{index}-role"] = "lid"
    assert client.post(f"/admin/pages/{a.pk}/edit/", data).status_code == 302
    assert a.current_memberships().get(participant=part_c).role == "lid"
    assert not a.editors_group.user_set.filter(pk=user_c.pk).exists()
    assert a.editors_group.user_set.filter(pk=two_coalitions["user_a"].pk).exists()
