"""The kinds of knowledge article (below models.py, so the filter form can offer them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleType(models.TextChoices):
    ARTICLE = "artikel", _("Artikel")
    LESSON = "les", _("Les")
    GUIDE = "handreiking", _("Handreiking")
    RESEARCH = "onderzoek", _("Onderzoek")
