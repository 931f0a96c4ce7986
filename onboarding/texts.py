"""The texts an applicant signs: the published versions in force (`DeclarationText`, edited by the office).

They are copied into the declaration archive exactly as shown, with their version numbers, so a new version
never alters what someone signed."""

from django.urls import reverse

from .models import DeclarationText

Kind = DeclarationText.Kind


class SignedTexts:
    """The versions in force of the declaration, the agreement, the consent and the rules the agreement names."""

    def __init__(self):
        self.versions = {kind: DeclarationText.current(kind) for kind in Kind}
        self.declaration = self.versions[Kind.DECLARATION]
        self.agreement = self.versions[Kind.AGREEMENT]
        self.consent = self.versions[Kind.CONSENT]
        self.rules = self.versions[Kind.RULES]

    @property
    def complete(self):
        """Whether each text is published: without one, nobody can apply."""
        return all(self.versions[kind] for kind in (*DeclarationText.SIGNED_KINDS, Kind.RULES))

    @property
    def signature(self):
        """The version numbers shown, carried by the form: a version published meanwhile is noticed."""
        return "-".join(str(self.versions[kind].number) for kind in Kind if self.versions[kind])

    @property
    def rules_number(self):
        return self.rules.number if self.rules else None

    @property
    def rules_url(self):
        return reverse("onboarding:rules_version", args=[self.rules_number]) if self.rules else ""

    @property
    def agreement_text(self):
        return self.agreement.signed_text(self.rules_number)

    def archive_fields(self):
        """What `Declaration.append` stores of these texts: each exactly as shown, and its version."""
        return {
            "declaration_text": self.declaration.signed_text(),
            "declaration_version": self.declaration.number,
            "rules_text": self.agreement_text,
            "agreement_version": self.agreement.number,
            "rules_version": str(self.rules_number),
            "rules_url": self.rules_url,
            "consent_text": self.consent.signed_text(),
            "consent_version": self.consent.number,
        }
