"""A programme document being curated into commitments (issue 15): the upload, its reading in the background,
and the candidates found in it, each kept or discarded by its owner until imported.

Nothing here is a commitment: the kept candidates become commitments only through `commitments.imports`
(plan, then apply, all or nothing), so a half-done curation never reaches the register.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from commitments.models import Kind


class DocumentQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def in_progress(self):
        return self.exclude(state__in=[ProgrammeDocument.State.IMPORTED, ProgrammeDocument.State.DISCARDED])


class ProgrammeDocument(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Wacht op verwerking")
        READING = "reading", _("Wordt gelezen")
        READY = "ready", _("Klaar om te beoordelen")
        FAILED = "failed", _("Niet gelezen")
        IMPORTED = "imported", _("Geïmporteerd")
        DISCARDED = "discarded", _("Weggegooid")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_documents")
    programme = models.ForeignKey("commitments.WorkProgramme", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    kind = models.CharField(max_length=10)  # "pdf" or "text"
    data = models.BinaryField()  # the upload, in the database: application servers and workers share nothing else
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    pages_read = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    attempt = models.PositiveIntegerField(default=0)  # a reading started again supersedes an older one
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("werkprogrammadocument")
        verbose_name_plural = _("werkprogrammadocumenten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["queued", "reading", "ready", "failed", "imported", "discarded"]),
                name="intake_document_state_valid",
            ),
        ]

    def __str__(self):
        return self.filename

    @property
    def is_open(self):
        """Still the owner's work: not imported, not discarded."""
        return self.state not in (self.State.IMPORTED, self.State.DISCARDED)

    @cached_property
    def programme_goal_codes(self):
        """The codes of the goals a candidate may name: those of the programme (all goals if it names none)."""
        from commitments.models import Goal

        codes = set(self.programme.goals.values_list("code", flat=True))
        return codes or set(Goal.objects.values_list("code", flat=True))

    def goals_field(self, codes):
        """A candidate's goals as stored: those of `codes` that the programme names, separated by ;"""
        return ";".join(code for code in codes if code in self.programme_goal_codes)

    @property
    def percent_read(self):
        return round(100 * self.pages_read / self.pages_total) if self.pages_total else 0


class Candidate(models.Model):
    class Decision(models.TextChoices):
        UNDECIDED = "", _("Nog niet beoordeeld")
        KEEP = "keep", _("Bewaren")
        DISCARD = "discard", _("Verwerpen")

    document = models.ForeignKey(ProgrammeDocument, on_delete=models.CASCADE, related_name="candidates")
    position = models.PositiveIntegerField()
    page = models.CharField(_("pagina"), max_length=20)
    section = models.CharField(_("sectie"), max_length=200, blank=True)
    source = models.TextField(_("bronzin"))  # the sentence as found, never edited
    title = models.CharField(_("titel"), max_length=200)
    statement = models.TextField(_("tekst"))
    domain = models.CharField(_("toezichtgebied"), max_length=50)  # a Domain slug
    goals = models.CharField(_("doelen"), max_length=200, blank=True)  # Goal codes separated by ;
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    due_date = models.DateField(_("deadline"))
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True, default="")

    class Meta:
        ordering = ["document", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="intake_candidate_position_unique"),
            models.CheckConstraint(
                condition=models.Q(decision__in=["", "keep", "discard"]), name="intake_candidate_decision_valid"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def goal_codes(self):
        return [code for code in self.goals.split(";") if code]


class YearFile(models.Model):
    """A year-end report (PDF) or Jaarbericht chapter (DOCX) of a large selection, made in the background (issue 15):
    its owner's alone, kept in the database (application servers and workers share nothing else) until it expires."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Wacht op verwerking")
        MAKING = "making", _("Wordt gemaakt")
        READY = "ready", _("Klaar")
        FAILED = "failed", _("Niet gelukt")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="year_files")
    programme = models.ForeignKey("commitments.WorkProgramme", on_delete=models.CASCADE, related_name="+")
    domain = models.ForeignKey("commitments.Domain", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey("commitments.Goal", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    file_format = models.CharField(max_length=10)  # "pdf" or "docx"
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    commitments = models.PositiveIntegerField(default=0)  # the size of the selection when it was asked for
    filename = models.CharField(max_length=255)
    content = models.BinaryField(default=b"")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["queued", "making", "ready", "failed"]),
                name="intake_yearfile_state_valid",
            ),
            models.CheckConstraint(condition=models.Q(file_format__in=["pdf", "docx"]), name="intake_yearfile_format"),
        ]

    def __str__(self):
        return self.filename
