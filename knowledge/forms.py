from django import forms
from django.utils.translation import gettext_lazy as _

from nnr_site import pagecache
from nnr_site.search import SearchQueryField

from .choices import ArticleType


class ArticleFilterForm(forms.Form):
    """Filters for /kennis/: free text (Wagtail search), theme, type and source coalition."""

    q = SearchQueryField(label=_("Zoeken in de kennisbank"), widget=forms.TextInput({"type": "search"}))
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *ArticleType.choices]
    )
    coalitie = forms.TypedChoiceField(label=_("Coalitie"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, index, **kwargs):
        super().__init__(*args, **kwargs)
        self.index = index
        themes, coalitions = pagecache.shared("knowledge_filters", lambda: _choices(index), index.pk)
        self.fields["thema"].choices = [("", _("Alle thema's")), *themes]
        self.fields["coalitie"].choices = [("", _("Alle coalities")), *coalitions]

    def filter(self, articles):
        data = self.cleaned_data
        if data["thema"]:
            articles = articles.filter(tags__slug=data["thema"])
        if data["soort"]:
            articles = articles.filter(article_type=data["soort"])
        if data["coalitie"]:
            articles = articles.filter(source_coalition_id=data["coalitie"])
        if data["q"]:
            # The search backend filters on index fields only, so narrow by id to keep the filters above.
            matching = list(articles.values_list("id", flat=True))
            articles = self.index.articles().filter(id__in=matching).search(data["q"])
        return articles


def _choices(index):
    """The themes and coalitions of the index's published articles: the same for every reader, so shared until
    the next page-cache generation (publishing an article starts one)."""
    return [(t.slug, t.name) for t in index.themes()], [(c.pk, c.title) for c in index.coalitions()]
