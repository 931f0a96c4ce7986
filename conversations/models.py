"""Participants talk to each other (issue 19.5 and 19.6): reactions under activities and articles, and "Vraag het
netwerk", questions with answers. None of it is public: only logged-in participants and the office see it.

Everything is written by a contact person (``network.ContactPerson``) and plain text: templates escape it and
keep its line breaks.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.regions import GGDRegion

REACTION_MAX = 2000
QUESTION_MAX = 4000
ANSWER_MAX = 4000


class ReactionKind(models.TextChoices):
    SAME = "ook", _("Wij werken hier ook aan")
    QUESTION = "vraag", _("Vraag")
    EXPERIENCE = "ervaring", _("Ervaring")


class HiddenQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(hidden_at=None)


class Hideable(models.Model):
    """A moderator hides it (``hidden_at``); hidden, only those who may hide it see it (``views.set_hidden``)."""

    hidden_at = models.DateTimeField(_("verborgen op"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verborgen door"),
    )

    class Meta:
        abstract = True

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class Reaction(Hideable):
    """A participant's reaction under an activity (coalitions.ActivityPage) or an article
    (knowledge.KnowledgeArticlePage). A moderator hides it (``hidden_at``); hidden, only moderators see it."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina")
    )
    author = models.ForeignKey(
        "network.ContactPerson",
        on_delete=models.CASCADE,
        related_name="reactions",
        verbose_name=_("geschreven door"),
    )
    kind = models.CharField(_("soort reactie"), max_length=10, choices=ReactionKind.choices)
    text = models.TextField(_("reactie"), max_length=REACTION_MAX)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)

    objects = HiddenQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"


class QuestionQuerySet(HiddenQuerySet):
    def _helped(self):
        return Exists(Answer.objects.shown().filter(question=OuterRef("pk"), helpful=True))

    def answered(self):
        """Answered: the asker marked an answer that helped."""
        return self.filter(self._helped())

    def open(self):
        return self.filter(~self._helped())

    def for_listing(self):
        return (
            self.annotate(
                answer_count=Count("answers", filter=Q(answers__hidden_at=None), distinct=True),
                is_answered=self._helped(),
            )
            .select_related("author__participant")
            .prefetch_related("themes")
            .order_by("-created_at", "-pk")  # a GROUP BY query drops Meta.ordering
        )


class Question(Hideable):
    """A question to the network ("Vraag het netwerk"); answered once the asker marks an answer that helped.
    The office may hide it (and so its answers)."""

    author = models.ForeignKey(
        "network.ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("gesteld door"),
    )
    title = models.CharField(_("uw vraag in één zin"), max_length=150)
    text = models.TextField(_("toelichting"), max_length=QUESTION_MAX)
    themes = models.ManyToManyField("taggit.Tag", blank=True, related_name="+", verbose_name=_("thema's"))
    region = models.CharField(_("GGD-regio"), max_length=40, choices=GGDRegion.choices, blank=True)
    notify = models.BooleanField(_("e-mail bij een nieuw antwoord"), default=True)
    created_at = models.DateTimeField(_("gesteld op"), default=timezone.now)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("vraag aan het netwerk")
        verbose_name_plural = _("vragen aan het netwerk")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conversations:question", args=[self.pk])

    def helpful_answer(self):
        return self.answers.shown().filter(helpful=True).first()


class Answer(Hideable):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("vraag")
    )
    author = models.ForeignKey(
        "network.ContactPerson",
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("geschreven door"),
    )
    text = models.TextField(_("antwoord"), max_length=ANSWER_MAX)
    helpful = models.BooleanField(_("dit hielp de vraagsteller"), default=False)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)

    objects = HiddenQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["question"], condition=Q(helpful=True), name="one_helpful_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"
