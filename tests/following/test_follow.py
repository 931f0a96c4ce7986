"""Following through the site: the "Volgen" buttons, who may press them, and the preferences screen."""

import pytest
from taggit.models import Tag

from coalitions.factories import add_membership
from following.follows import followed_coalitions, has_consent, is_following
from following.models import Follow, Kind
from knowledge.factories import article
from network.factories import OfficeUserFactory

pytestmark = pytest.mark.django_db


def _press(client, kind, key, action="volgen", next_url="/"):
    return client.post("/volgen/", {"kind": kind, "key": key, "action": action, "next": next_url})


def test_anonymous_visitor_gets_a_log_in_link_and_cannot_follow(client, coalition):
    page = client.get(coalition.url).content.decode()
    assert "om Rookvrij Twente te volgen" in page
    assert 'action="/volgen/"' not in page
    response = _press(client, "coalitie", coalition.pk)
    assert response.status_code == 302 and response.url.startswith("/login/")
    assert not Follow.objects.exists()


def test_someone_without_an_organisation_may_not_follow(client, coalition):
    client.force_login(OfficeUserFactory())
    assert _press(client, "coalitie", coalition.pk).status_code == 403
    assert not Follow.objects.exists()


def test_a_participant_follows_and_unfollows_a_coalition(client, coalition, reader):
    client.force_login(reader.user)
    assert "Volgen" in client.get(coalition.url).content.decode()
    response = _press(client, "coalitie", coalition.pk, next_url=coalition.url)
    assert response.status_code == 302 and response.url == coalition.url
    page = client.get(coalition.url).content.decode()
    assert "Niet meer volgen" in page and "U volgt Rookvrij Twente." in page
    _press(client, "coalitie", coalition.pk, action="niet-volgen")
    assert not is_following(reader, Kind.COALITION, coalition)
    assert not Follow.objects.exists()


def test_members_follow_their_own_coalition_until_they_choose_not_to(client, coalition, reader):
    add_membership(coalition, reader.participant)
    assert list(followed_coalitions(reader)) == [coalition]
    assert not Follow.objects.exists()  # derived from the membership, nothing copied
    client.force_login(reader.user)
    _press(client, "coalitie", coalition.pk, action="niet-volgen")
    assert list(followed_coalitions(reader)) == []
    _press(client, "coalitie", coalition.pk)
    assert list(followed_coalitions(reader)) == [coalition]
    assert not Follow.objects.exists()


def test_a_theme_is_followed_from_the_knowledge_base_filtered_on_it(client, kennis, reader):
    article(kennis, "Sporten zonder rook", tags=["sport"])
    client.force_login(reader.user)
    page = client.get("/kennis/?thema=sport").content.decode()
    assert 'name="kind" value="thema"' in page
    _press(client, "thema", "sport", next_url="/kennis/?thema=sport")
    assert is_following(reader, Kind.THEME, Tag.objects.get(slug="sport"))


def test_each_theme_of_an_article_has_its_volgen_button(client, kennis, reader):
    page = article(kennis, "Sporten zonder rook", tags=["sport", "jeugd"])
    anonymous = client.get(page.url).content.decode()
    assert "om het thema sport te volgen" in anonymous and "om het thema jeugd te volgen" in anonymous
    assert 'action="/volgen/"' not in anonymous

    client.force_login(reader.user)
    html = client.get(page.url).content.decode()
    assert 'name="key" value="sport"' in html and 'name="key" value="jeugd"' in html
    assert html.count(">Volgen<") == 2
    response = _press(client, "thema", "jeugd", next_url=page.url)
    assert response.url == page.url
    html = client.get(page.url).content.decode()
    assert "U volgt het thema jeugd." in html and html.count(">Volgen<") == 1
    assert is_following(reader, Kind.THEME, Tag.objects.get(slug="jeugd"))


def test_a_region_is_followed_from_the_coalitions_filtered_on_it(client, coalition, reader):
    client.force_login(reader.user)
    page = client.get("/coalities/?region=twente").content.decode()
    assert "GGD Twente" in page and 'name="kind" value="regio"' in page
    _press(client, "regio", "twente")
    assert is_following(reader, Kind.REGION, "twente")
    assert _press(client, "regio", "nergensland").status_code == 404


def test_preferences_need_a_log_in_and_record_the_consent(client, reader):
    assert client.get("/mijn/volgen/").url.startswith("/login/")
    client.force_login(reader.user)
    page = client.get("/mijn/volgen/").content.decode()
    assert "Hoe wilt u ervan horen?" in page
    data = {"coalitions": "direct", "themes": "wekelijks", "regions": "niet", "consent": "on"}
    assert client.post("/mijn/volgen/", data).status_code == 302
    assert has_consent(reader)
    assert reader.follow_settings.coalitions == "direct"
    client.post("/mijn/volgen/", {**data, "consent": ""})
    assert not has_consent(reader)


def test_preferences_do_not_ask_for_what_is_always_chosen(client, reader):
    """Each radio group has a choice already and no empty one: no "(verplicht)" that asks for nothing."""
    client.force_login(reader.user)
    page = client.get("/mijn/volgen/").content.decode()
    assert "Nieuwe activiteiten van coalities die ik volg" in page and "checked" in page
    assert "(verplicht)" not in page


def test_the_marker_stays_where_something_must_be_filled_in():
    from django import forms
    from django.template.loader import render_to_string

    class Example(forms.Form):
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)  # nothing chosen
        chosen = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect, initial="a")
        with_empty = forms.ChoiceField(
            choices=[("", "Geen"), ("a", "A")], widget=forms.RadioSelect, initial="a"
        )
        name = forms.CharField()
        free = forms.CharField(required=False)

    form = Example()
    marked = {
        name
        for name in form.fields
        if "(verplicht)" in render_to_string("includes/field.html", {"field": form[name]})
    }
    assert marked == {"kind", "with_empty", "name"}
    bound = Example({"chosen": ""})  # sent empty anyway: the marker is back next to the error
    assert "(verplicht)" in render_to_string("includes/field.html", {"field": bound["chosen"]})


def test_my_network_shows_the_follow_panel(client, reader):
    client.force_login(reader.user)
    page = client.get("/mijn/").content.decode()
    assert "Kiezen wat u volgt en hoe vaak" in page
