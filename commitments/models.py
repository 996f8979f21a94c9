"""The data of wpsite: work programmes, their commitments, and the record of what happened to each."""

import datetime
import functools
import re
import secrets

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from commitments.validators import no_control_characters, no_invisible_characters


def choice_label(field_name):
    """A get_FOO_display() that reads the label from a dict of the field's choices made once. Django's own rebuilds
    and translates every label of the field on every call: a sixth of a register page of 100 rows (bench/results.md).
    Django adds its own only where the class defines none, so this is the documented way to replace it."""

    def display(self):
        model_field = self._meta.get_field(field_name)
        value = getattr(self, model_field.attname)
        return force_str(_choice_labels(model_field).get(value, value), strings_only=True)

    display.__name__ = f"get_{field_name}_display"
    return display


@functools.cache
def _choice_labels(field):
    return dict(field.flatchoices)  # values to lazy labels: translated when shown, in the language of the moment


class NaturalKeyManager(models.Manager):
    """Lets fixtures name rows by their stable key (a code, slug or year) instead of a database id."""

    def get_by_natural_key(self, value):
        return self.get(**{self.model.NATURAL_KEY: value})


class Goal(models.Model):
    """A goal of the multi-year perspective (MJP) that steers the work programmes."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=200)

    NATURAL_KEY = "code"
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class Domain(models.Model):
    """A supervised field (toezichtgebied) and the team that owns its commitments."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="domains", blank=True, verbose_name=_("leden")
    )

    NATURAL_KEY = "slug"
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("toezichtgebied")
        verbose_name_plural = _("toezichtgebieden")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


OWNER_OUTSIDE_DOMAIN = _("De eigenaar moet lid zijn van het toezichtgebied.")


class WorkProgrammeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def closed(self):
        return self.filter(closed_at__isnull=False)

    def current(self):
        """The year people are working on: the oldest one not closed yet (2024 is still being accounted for in
        the spring of 2025, while the Werkprogramma 2025 runs), else the latest closed one."""
        return self.open().order_by("year").first() or self.order_by("-year").first()


class WorkProgramme(models.Model):
    """The work programme (Werkprogramma) of one year, and the annual report (Jaarbericht) that accounts for it.

    A programme is open until it is closed (vastgesteld): then its account is final, read-only and public,
    until a beheerder reopens it with a reason. Closing and reopening are steps of the workflow (ProgrammeStep).
    """

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    published_on = models.DateField(_("gepubliceerd op"), null=True, blank=True)
    source_url = models.URLField(_("bron"), blank=True, max_length=500)
    annual_report_title = models.CharField(_("titel jaarbericht"), max_length=200, blank=True)
    annual_report_url = models.URLField(_("link jaarbericht"), blank=True, max_length=500)
    annual_report_published_on = models.DateField(_("jaarbericht gepubliceerd op"), null=True, blank=True)
    goals = models.ManyToManyField(Goal, related_name="programmes", blank=True, verbose_name=_("doelen"))
    # The highest reference number handed out; references are never reused, even after a deletion.
    last_reference_number = models.PositiveIntegerField(default=0, editable=False)
    closed_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )

    NATURAL_KEY = "year"
    objects = NaturalKeyManager.from_queryset(WorkProgrammeQuerySet)()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("werkprogramma")
        verbose_name_plural = _("werkprogramma's")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="programme_year_in_range",
                violation_error_message=_("Het jaar moet tussen 2000 en 2100 liggen."),
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, closed_by__isnull=True)
                | Q(closed_at__isnull=False, closed_by__isnull=False),
                name="programme_closed_by_someone",
                violation_error_message=_("Een vastgesteld werkprogramma noemt wie het vaststelde."),
            ),
        ]

    def __str__(self):
        return self.title or _("Werkprogramma %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("programme-detail", args=[self.year])

    def natural_key(self):
        return (self.year,)

    @property
    def default_due_date(self):
        return datetime.date(self.year, 12, 31)

    @property
    def is_closed(self):
        return self.closed_at is not None

    def next_sequence(self):
        """Hand out the next commitment number of this programme."""
        return self.reserve_sequences(1).start

    @transaction.atomic
    def reserve_sequences(self, count):
        """Hand out `count` consecutive commitment numbers, locking the row so that no two get the same."""
        WorkProgramme.objects.filter(pk=self.pk).update(last_reference_number=F("last_reference_number") + count)
        self.last_reference_number = WorkProgramme.objects.values_list("last_reference_number", flat=True).get(
            pk=self.pk
        )
        return range(self.last_reference_number - count + 1, self.last_reference_number + 1)


class Kind(models.TextChoices):
    PUBLICATION = "publication", _("Publicatie")
    SUPERVISION = "supervision", _("Toezichtactiviteit")
    FOLLOW_UP = "follow_up", _("Opvolging aanbevelingen")
    ORGANISATIONAL = "organisational", _("Organisatie")
    OTHER = "other", _("Overig")


class Status(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    IN_PROGRESS = "in_progress", _("In uitvoering")
    UNDER_REVIEW = "under_review", _("Ter beoordeling")
    MET = "met", _("Gerealiseerd")
    PARTLY_MET = "partly_met", _("Deels gerealiseerd")
    DELAYED = "delayed", _("Vertraagd")
    DROPPED = "dropped", _("Vervallen")


DECIDED_STATUSES = (Status.MET, Status.PARTLY_MET, Status.DELAYED, Status.DROPPED)
OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS, Status.UNDER_REVIEW)


class Verdict(models.TextChoices):
    """The verdicts a reviewer can give: the decided statuses."""

    MET = Status.MET.value, Status.MET.label
    PARTLY_MET = Status.PARTLY_MET.value, Status.PARTLY_MET.label
    DELAYED = Status.DELAYED.value, Status.DELAYED.label
    DROPPED = Status.DROPPED.value, Status.DROPPED.label


# What with_latest_submission() annotates: the annotation's name and the submission's field it reads.
LATEST_SUBMISSION_FIELDS = {
    "submitted_at": "created_at",
    "submitted_by_id": "actor_id",
    "proposed_verdict": "proposed_verdict",
    "submission_text": "text",
    "submission_expected_date": "expected_date",
}


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def awaiting_carry_over(self):
        """Delayed, and not yet continued in a next programme."""
        return self.filter(status=Status.DELAYED, successor__isnull=True)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def with_latest_submission(self, *names):
        """Each commitment with what its latest submission said, as annotations (one query in all, whatever the
        number): `submitted_at`, `submitted_by_id`, `proposed_verdict`, `submission_text`, `submission_expected_date`;
        only the `names` given, else all. Review.objects.submissions() says which submission is the latest."""
        latest = Review.objects.submissions().filter(commitment=models.OuterRef("pk"))
        chosen = names or LATEST_SUBMISSION_FIELDS
        return self.annotate(
            **{name: models.Subquery(latest.values(LATEST_SUBMISSION_FIELDS[name])[:1]) for name in chosen}
        )

    def awaiting_review(self):
        """Under review, the one submitted longest ago first: the review queue, on the dashboard and its own page."""
        return self.filter(status=Status.UNDER_REVIEW).with_latest_submission().order_by("submitted_at", "id")

    def with_related(self):
        """What a list of commitments shows, fetched in a fixed number of queries."""
        return self.select_related("programme", "domain", "owner").prefetch_related("goals")

    def with_state_of_affairs(self):
        """For a list that shows each commitment's current state of affairs (Commitment.state_of_affairs): one query
        in all, of only the latest update of each, with its author."""
        return self.prefetch_related(
            models.Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.latest_of_each().select_related("written_by"),
                to_attr="_latest_progress_updates",
            )
        )


class Commitment(models.Model):
    """One stated intention (voornemen) of a work programme."""

    reference = models.CharField(_("referentie"), max_length=20, unique=True, editable=False)
    programme = models.ForeignKey(
        WorkProgramme, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("werkprogramma")
    )
    # The number within the programme: sorts WP2024-1000 after WP2024-999, which the reference text does not.
    sequence = models.PositiveIntegerField(editable=False)
    title = models.CharField(_("titel"), max_length=200, validators=[no_control_characters])
    statement = models.TextField(_("tekst in het werkprogramma"), max_length=5000, validators=[no_control_characters])
    source_location = models.CharField(
        _("vindplaats"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld: p. 8"),
        validators=[no_control_characters],
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.SUPERVISION)
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("toezichtgebied")
    )
    goals = models.ManyToManyField(Goal, related_name="commitments", blank=True, verbose_name=_("doelen"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_commitments",
        verbose_name=_("eigenaar"),
    )
    due_date = models.DateField(_("deadline"))
    expected_date = models.DateField(_("verwachte datum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, editable=False
    )
    decision = models.OneToOneField(
        "Review",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("besluit"),
        help_text=_("De workflowstap die de huidige beoordeling gaf."),
    )
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="successor",
        verbose_name=_("voorganger"),
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    # Counts every change of the evidence: a reviewer decides on the evidence they saw, not on what came after.
    evidence_version = models.PositiveIntegerField(_("versie van het bewijs"), default=1, editable=False)
    # Four eyes over the whole cycle: everyone who owned or submitted the commitment since its last decision (or its
    # creation) is kept here, so that handing the ownership around cannot make an owner its own reviewer.
    cycle_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="+",
        blank=True,
        editable=False,
        verbose_name=_("eigenaren en indieners sinds het laatste besluit"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    get_kind_display = choice_label("kind")
    get_status_display = choice_label("status")

    class Meta:
        ordering = ["programme__year", "sequence"]
        verbose_name = _("voornemen")
        verbose_name_plural = _("voornemens")
        indexes = [
            models.Index(fields=["domain", "programme", "sequence"], name="commitment_domain_prog_seq"),
            models.Index(fields=["status", "due_date"], name="commitment_status_due"),
            models.Index(fields=["due_date", "id"], name="commitment_due_id"),
            # A year's register by due date: without it PostgreSQL walks commitment_due_id through the other years.
            models.Index(fields=["programme", "due_date", "id"], name="commitment_prog_due_id"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "sequence"],
                name="commitment_sequence_unique_in_programme",
                violation_error_message=_("Dit volgnummer bestaat al in dit werkprogramma."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="commitment_status_valid",
                violation_error_message=_("Onbekende status."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values),
                name="commitment_kind_valid",
                violation_error_message=_("Onbekende soort."),
            ),
            models.CheckConstraint(
                condition=(Q(status__in=DECIDED_STATUSES) & Q(decision__isnull=False))
                | (~Q(status__in=DECIDED_STATUSES) & Q(decision__isnull=True)),
                name="commitment_decided_has_decision",
                violation_error_message=_("Een beoordeeld voornemen heeft een besluit, een open voornemen niet."),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.DELAYED) | Q(expected_date__isnull=False),
                name="commitment_delayed_has_expected_date",
                violation_error_message=_("Een vertraagd voornemen heeft een verwachte datum."),
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="commitment_title_not_empty",
                violation_error_message=_("Een voornemen heeft een titel."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="commitment_version_positive",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.number(self.programme.next_sequence())
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("commitment-detail", args=[self.reference])

    def number(self, sequence):
        """Give the commitment its number in the programme and the reference that shows it."""
        self.sequence = sequence
        self.reference = f"WP{self.programme.year}-{sequence:03d}"

    @staticmethod
    def owner_outside_domain(owner_id, domain_id, memberships=None):
        """Whether a commitment's owner is no member of its domain: the one rule that clean() (so the page's form,
        the admin and the workflow's edits), the workflow's bulk creation and the import's row form ask. A caller that
        checks many rows passes `memberships`, the (user id, domain id) pairs it read beforehand, instead of a query
        each. No owner, or no domain yet, breaks no rule."""
        if owner_id is None or domain_id is None:
            return False
        if memberships is not None:
            return (owner_id, domain_id) not in memberships
        return not Domain.members.through.objects.filter(user_id=owner_id, domain_id=domain_id).exists()

    def clean(self):
        if self.owner_outside_domain(self.owner_id, self.domain_id):
            raise ValidationError({"owner": ValidationError(OWNER_OUTSIDE_DOMAIN, code="owner_outside_domain")})

    @property
    def is_decided(self):
        return self.status in DECIDED_STATUSES

    @property
    def is_frozen(self):
        """Under review nothing of the commitment or its evidence changes: the reviewer decides on what was offered."""
        return self.status == Status.UNDER_REVIEW

    @property
    def carried_over_to(self):
        try:
            return self.successor
        except Commitment.successor.RelatedObjectDoesNotExist:
            return None

    @property
    def proposed_verdict_label(self):
        """The label of the verdict the latest submission proposed (annotated by with_latest_submission())."""
        proposed = getattr(self, "proposed_verdict", "")
        return Verdict(proposed).label if proposed in Verdict.values else ""

    def latest_submission(self):
        """The latest submission step of this commitment, with who submitted it; None if it never was."""
        return self.reviews.submissions().select_related("actor").first()

    @property
    def is_overdue(self):
        return not self.is_decided and self.due_date < timezone.localdate()

    @property
    def state_of_affairs(self):
        """The latest ProgressUpdate, or None: what the staff last wrote of where the commitment stands."""
        if hasattr(self, "_latest_progress_updates"):
            return next(iter(self._latest_progress_updates), None)
        return self.progress_updates.select_related("written_by").first()


def http_url_validator():
    """Evidence must be a web page: no javascript:, data:, ftp: or file: links (STYLE.md, known traps)."""
    return URLValidator(schemes=["http", "https"], message=_("Geef een webadres dat begint met http:// of https://."))


def prefetch_cycle_participants(commitments):
    """Who took part in the cycle of each commitment under review among `commitments`, in one query: what the
    four-eyes question (permissions.can_review) reads of a list. It asks it of no other status, so the others are not
    read (a prefetch of every row of a register page was a fifth of its time)."""
    from django.contrib.auth import get_user_model

    under_review = [commitment for commitment in commitments if commitment.status == Status.UNDER_REVIEW]
    models.prefetch_related_objects(
        under_review, models.Prefetch("cycle_participants", queryset=get_user_model().objects.only("pk"))
    )


class EvidenceKind(models.TextChoices):
    REPORT = "report", _("Rapport")
    LETTER = "letter", _("Kamerbrief")
    NEWS = "news", _("Nieuwsbericht")
    ANNUAL_REPORT = "annual_report", _("Jaarbericht")
    INTERNAL = "internal", _("Intern document")
    OTHER = "other", _("Overig")


class EvidenceLink(models.Model):
    """A link to what shows the outcome of a commitment."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("voornemen")
    )
    url = models.URLField(_("link"), max_length=1000, validators=[no_invisible_characters, http_url_validator()])
    title = models.CharField(_("titel"), max_length=300, validators=[no_control_characters])
    kind = models.CharField(_("soort"), max_length=20, choices=EvidenceKind.choices, default=EvidenceKind.REPORT)
    published_on = models.DateField(
        _("datum van het bewijs"), null=True, blank=True, help_text=_("De datum van het stuk zelf, niet van vandaag.")
    )
    note = models.TextField(_("toelichting"), blank=True, max_length=2000, validators=[no_control_characters])
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("toegevoegd door")
    )
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    get_kind_display = choice_label("kind")

    class Meta:
        ordering = ["commitment", "published_on", "id"]
        verbose_name = _("bewijs")
        verbose_name_plural = _("bewijzen")
        constraints = [
            models.CheckConstraint(
                condition=Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="evidence_url_is_http",
                violation_error_message=_("Geef een webadres dat begint met http:// of https://."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EvidenceKind.values),
                name="evidence_kind_valid",
                violation_error_message=_("Onbekende soort bewijs."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def safe_url(self):
        """The URL, only if it is http(s): a stored value is never rendered as a link unchecked."""
        return self.url if self.url.lower().startswith(("http://", "https://")) else ""

    def get_additional_data(self):
        # Stored with each history entry: the audit log names the commitment even of evidence since removed.
        return {"commitment_id": self.commitment_id}

    @property
    def is_after_due_date(self):
        return self.published_on is not None and self.published_on > self.commitment.due_date


class RemovedEvidence(models.Model):
    """Evidence once linked to a commitment and since removed. Its history stays in the audit log; this row lets the
    commitment's timeline find it by an index, not by reading every deletion the log holds."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="removed_evidence")
    evidence_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commitment", "evidence_id"], name="removed_evidence_once"),
        ]

    def __str__(self):
        return f"{self.commitment_id}: {self.evidence_id}"


class Action(models.TextChoices):
    START = "start", _("Gestart")
    SUBMIT = "submit", _("Ter beoordeling aangeboden")
    APPROVE = "approve", _("Beoordeeld")
    SEND_BACK = "send_back", _("Teruggestuurd")
    REOPEN = "reopen", _("Heropend")
    CARRY_OVER = "carry_over", _("Overgeheveld")
    CHANGE_DUE_DATE = "change_due_date", _("Deadline gewijzigd")


class DropKind(models.TextChoices):
    """Why a dropped commitment is out of the account: two different stories for the Jaarbericht."""

    BY_PROGRAMME = "by_programme", _("Beëindigd in het werkprogramma")
    DURING_YEAR = "during_year", _("Vervallen in de loop van het jaar")


class ReviewQuerySet(models.QuerySet):
    def submissions(self):
        """The submissions, the latest first: the first of a commitment's is "its latest submission"."""
        return self.filter(action=Action.SUBMIT).order_by("-created_at", "-id")


class Review(models.Model):
    """One step of the workflow on a commitment. Written once, never edited."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("voornemen")
    )
    action = models.CharField(_("stap"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("van status"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("naar status"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("door")
    )
    proposed_verdict = models.CharField(_("voorgesteld oordeel"), max_length=20, choices=Verdict.choices, blank=True)
    verdict = models.CharField(_("oordeel"), max_length=20, choices=Verdict.choices, blank=True)
    text = models.TextField(_("toelichting"), blank=True, max_length=5000)
    annual_report_reference = models.CharField(_("vindplaats in jaarbericht"), max_length=200, blank=True)
    expected_date = models.DateField(_("verwachte datum"), null=True, blank=True)
    drop_kind = models.CharField(_("soort vervallen"), max_length=20, choices=DropKind.choices, blank=True)
    # A submission keeps the evidence as it was offered: the review page shows exactly that.
    submitted_evidence = models.JSONField(_("aangeboden bewijs"), default=list, blank=True, editable=False)
    # A decision names what the reviewer saw: the commitment's version and its evidence's.
    seen_version = models.PositiveIntegerField(_("beoordeelde versie"), null=True, blank=True, editable=False)
    seen_evidence_version = models.PositiveIntegerField(
        _("beoordeelde versie van het bewijs"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)

    objects = ReviewQuerySet.as_manager()

    get_action_display = choice_label("action")
    get_from_status_display = choice_label("from_status")
    get_to_status_display = choice_label("to_status")
    get_proposed_verdict_display = choice_label("proposed_verdict")
    get_verdict_display = choice_label("verdict")
    get_drop_kind_display = choice_label("drop_kind")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("workflowstap")
        verbose_name_plural = _("workflowstappen")
        indexes = [models.Index(fields=["commitment", "created_at", "id"], name="review_commitment_time")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=Action.values),
                name="review_action_valid",
                violation_error_message=_("Onbekende workflowstap."),
            ),
            models.CheckConstraint(
                condition=Q(from_status__in=Status.values) & Q(to_status__in=Status.values),
                name="review_statuses_valid",
            ),
            models.CheckConstraint(
                condition=~Q(action=Action.APPROVE)
                | (Q(verdict__in=Verdict.values) & Q(to_status=models.F("verdict"))),
                name="review_approval_has_verdict",
                violation_error_message=_("Een beoordeling heeft een oordeel."),
            ),
            models.CheckConstraint(
                condition=~Q(action=Action.SUBMIT) | Q(proposed_verdict__in=Verdict.values),
                name="review_submission_has_proposal",
                violation_error_message=_("Een aanbieding heeft een voorgesteld oordeel."),
            ),
            models.CheckConstraint(
                condition=(Q(action=Action.APPROVE, verdict=Status.DROPPED) & Q(drop_kind__in=DropKind.values))
                | (~Q(action=Action.APPROVE, verdict=Status.DROPPED) & Q(drop_kind="")),
                name="review_drop_has_kind",
                violation_error_message=_("Een oordeel ‘Vervallen’ zegt of het werkprogramma het beëindigde."),
            ),
        ]

    def __str__(self):
        return f"{self.commitment.reference}: {self.get_action_display()}"

    def offered_evidence(self):
        """The evidence as this submission offered it: EvidenceLinks to show, not stored ones."""
        return [
            EvidenceLink(
                pk=item["id"],
                commitment=self.commitment,
                url=item["url"],
                title=item["title"],
                kind=item["kind"],
                published_on=datetime.date.fromisoformat(item["published_on"]) if item["published_on"] else None,
            )
            for item in self.submitted_evidence
        ]


class ProgrammeAction(models.TextChoices):
    CLOSE = "close", _("Vastgesteld")
    REOPEN = "reopen", _("Heropend")


class ProgrammeStep(models.Model):
    """Closing or reopening a year: who, when and why. Written once, never edited."""

    programme = models.ForeignKey(
        WorkProgramme, on_delete=models.PROTECT, related_name="steps", verbose_name=_("werkprogramma")
    )
    action = models.CharField(_("stap"), max_length=20, choices=ProgrammeAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    reason = models.TextField(_("reden"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    get_action_display = choice_label("action")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("stap van een werkprogramma")
        verbose_name_plural = _("stappen van werkprogramma's")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ProgrammeAction.values),
                name="programme_step_action_valid",
                violation_error_message=_("Onbekende stap."),
            ),
            models.CheckConstraint(
                condition=~Q(action=ProgrammeAction.REOPEN) | ~Q(reason=""),
                name="programme_reopen_has_reason",
                violation_error_message=_("Een heropening heeft een reden."),
            ),
        ]

    def __str__(self):
        return f"{self.programme.year}: {self.get_action_display()}"


class Note(models.Model):
    """A free note on a commitment."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("notitie"), max_length=5000, validators=[no_control_characters])
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")

    def __str__(self):
        return self.text[:50]


class ProgressUpdateQuerySet(models.QuerySet):
    def latest_of_each(self):
        """Of each commitment only its latest update: the current state of affairs."""
        latest = ProgressUpdate.objects.filter(commitment=OuterRef("commitment")).order_by("-written_at", "-id")
        return self.filter(pk=Subquery(latest.values("pk")[:1]))


class ProgressUpdate(models.Model):
    """A dated state of affairs (stand van zaken) of a commitment, as its staff write it during the year for the
    managers. Never edited: a new one replaces the current one, and the earlier ones stay as its history."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="progress_updates", verbose_name=_("voornemen")
    )
    text = models.TextField(_("stand van zaken"), max_length=5000, validators=[no_control_characters])
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("geschreven door")
    )
    written_at = models.DateTimeField(_("geschreven op"), default=timezone.now)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-written_at", "-id"]  # the current one first
        verbose_name = _("stand van zaken")
        verbose_name_plural = _("standen van zaken")
        indexes = [models.Index(fields=["commitment", "-written_at"], name="progress_commitment_written")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="progress_update_text_not_empty",
                violation_error_message=_("Een stand van zaken kan niet leeg zijn."),
            ),
        ]

    def __str__(self):
        return f"{self.commitment_id}: {self.text[:50]}"


class PendingImport(models.Model):
    """An uploaded commitment file between its dry run and "apply": its owner's alone, for an hour. Kept in the
    database (not in the session, which every request would write back), so that any application server applies it."""

    LIFETIME = datetime.timedelta(hours=1)

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    filename = models.CharField(max_length=255, blank=True)
    programme_year = models.PositiveSmallIntegerField(null=True, blank=True)
    data = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("proefimport")
        verbose_name_plural = _("proefimporten")

    def __str__(self):
        return self.filename

    @classmethod
    def keep(cls, *, owner, data, filename, programme_year):
        """Store a file for its owner, replacing their earlier one and clearing what has expired."""
        cls.objects.filter(models.Q(owner=owner) | models.Q(created_at__lt=timezone.now() - cls.LIFETIME)).delete()
        return cls.objects.create(
            owner=owner,
            token=secrets.token_urlsafe(32),
            data=data,
            filename=filename,
            programme_year=programme_year,
        )

    @classmethod
    def take(cls, *, owner, token):
        """The owner's unexpired file of that token, removed from the store; None if there is none. A token is what
        token_urlsafe makes: anything else (a NUL byte, which PostgreSQL cannot even compare) is none."""
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", token):
            return None
        pending = cls.objects.filter(owner=owner, token=token, created_at__gte=timezone.now() - cls.LIFETIME).first()
        if pending is not None:
            pending.delete()
        return pending


class Reminder(models.Model):
    """A reminder mailed to the owner of a commitment near or past its due date; at most one a week (send_reminders)."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("voornemen")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aan")
    )
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        indexes = [models.Index(fields=["commitment", "sent_at"], name="reminder_commitment_sent")]

    def __str__(self):
        return f"{self.commitment.reference}: {self.sent_at:%Y-%m-%d}"


auditlog.register(
    Commitment,
    exclude_fields=["version", "evidence_version", "updated_at", "created_at", "last_reference_number"],
    m2m_fields={"goals"},
)
auditlog.register(WorkProgramme, exclude_fields=["last_reference_number"], m2m_fields={"goals"})
auditlog.register(EvidenceLink, exclude_fields=["added_at"])
auditlog.register(ProgressUpdate)
