"""The start-a-coalition form refuses line breaks and invisible characters in its single-line fields (issue
13, point 13)."""

import pytest

from coalitions.models import CoalitionPage

from .conftest import make_contact
from .test_membership import START

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["title", "city", "themes"])
def test_a_line_break_is_refused_at_the_field(client, index, field):
    user, _participant = make_contact("starter")
    client.force_login(user)
    response = client.post("/coalitie-starten/", dict(START, **{field: "Rookvrij\nNoord"}))
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and "geen regeleinden" in html
    assert not CoalitionPage.objects.filter(title__startswith="Rookvrij").exists()
