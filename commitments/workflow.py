"""The steps that change a commitment (DESIGN.md §3), and the only code that sets its status.

Every step is atomic: it locks the commitment's row, checks who acts and the state the row is in *now*,
validates, writes the change and its Review row together, and records the actor in the field history.
A refused step raises WorkflowError with a message for the user and changes nothing.
Mail goes out only after the transaction has committed.
"""

import functools

from auditlog.cid import get_cid
from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import smart_str
from django.utils.translation import gettext as _

from commitments import notifications, permissions
from commitments.forms import user_label
from commitments.models import (
    Action,
    Commitment,
    Domain,
    EvidenceLink,
    Note,
    Review,
    Status,
    Verdict,
    WorkProgramme,
)

BULK_BATCH = 500
# The fields a person edits; status, reference, version and the links between commitments belong to the workflow.
EDITABLE_FIELDS = (
    "title",
    "statement",
    "source_location",
    "kind",
    "domain",
    "owner",
    "due_date",
    "expected_date",
)


class WorkflowError(Exception):
    """A refused step. `message` is for the user; `field` names the form field it concerns, if any."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.row_index = None  # which of several rows, for a step that takes many


class StaleVersion(WorkflowError):
    """The form was made from an older version: someone else changed the commitment in between."""

    def __init__(self, current, changed_fields):
        super().__init__(
            _(
                "Iemand anders heeft dit voornemen intussen gewijzigd. Er is niets overschreven; "
                "bekijk de wijzigingen en probeer het opnieuw."
            )
        )
        self.current = current
        self.changed_fields = changed_fields


def step(func):
    """One workflow step: a transaction, with the acting user recorded in the field history."""

    @functools.wraps(func)
    def wrapper(*args, by, **kwargs):
        with transaction.atomic(), set_actor(by):
            return func(*args, by=by, **kwargs)

    return wrapper


def _locked(commitment):
    """The commitment as it is now in the database, its row locked until the transaction ends.
    Only its own row: locking its programme and domain too would make every step in a domain wait in line."""
    try:
        return (
            Commitment.objects.select_for_update(of=("self",))
            .select_related("programme", "domain", "owner")
            .get(pk=commitment.pk)
        )
    except Commitment.DoesNotExist:
        raise WorkflowError(_("Dit voornemen bestaat niet meer.")) from None


def _refuse_unless(allowed, message):
    if not allowed:
        raise WorkflowError(message)


def _refuse_change_unless(allowed, commitment, message):
    """Refuse a change of fields, evidence or notes; a decided commitment says why it is closed."""
    if not allowed and commitment.is_decided:
        message = _("Dit voornemen is beoordeeld en kan niet meer worden gewijzigd; een reviewer kan het heropenen.")
    _refuse_unless(allowed, message)


def _validated(commitment, exclude=("reference", "sequence"), clean=True):
    """The field rules and the model's clean(). The check constraints are left to the database, which enforces
    them on save anyway: validating them here would cost a query each."""
    try:
        if clean:
            commitment.full_clean(exclude=list(exclude), validate_constraints=False)
        else:
            commitment.clean_fields(exclude=list(exclude))
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise WorkflowError(messages[0], field=None if field == "__all__" else field) from None


def _move(commitment, *, by, action, to_status, **review_fields):
    """Write one Review row and the commitment's new status together."""
    review = Review.objects.create(
        commitment=commitment,
        action=action,
        from_status=commitment.status,
        to_status=to_status,
        actor=by,
        created_at=timezone.now(),
        **review_fields,
    )
    commitment.status = to_status
    commitment.version += 1
    return review


# --- the fields -------------------------------------------------------------------------------


@step
def create_commitment(*, by, programme, goals=(), **fields):
    """A new commitment of a programme, planned. Its reference is the next of the programme."""
    return create_commitments(by=by, programme=programme, rows=[{**fields, "goals": goals}])[0]


@step
def create_commitments(*, by, programme, rows):
    """Many new commitments of one programme at once, as a year's import brings them: the rules of
    create_commitment, checked for every row before any is written, then written in bulk with their history.

    `rows` are dicts of the fields of create_commitment (with `goals`). Returns the commitments, numbered in order.
    """
    domain_ids = {row["domain"].pk for row in rows}
    members = set(Domain.members.through.objects.filter(domain_id__in=domain_ids).values_list("user_id", "domain_id"))
    commitments, goals_per_commitment = [], []
    for index, row in enumerate(rows):
        try:
            commitment, goals = _new_commitment(by, programme, row, members)
        except WorkflowError as error:
            error.row_index = index
            raise
        commitments.append(commitment)
        goals_per_commitment.append(goals)
    for commitment, sequence in zip(commitments, programme.reserve_sequences(len(commitments)), strict=True):
        commitment.number(sequence)
    Commitment.objects.bulk_create(commitments, batch_size=BULK_BATCH)
    Commitment.goals.through.objects.bulk_create(
        [
            Commitment.goals.through(commitment_id=commitment.pk, goal_id=goal.pk)
            for commitment, goals in zip(commitments, goals_per_commitment, strict=True)
            for goal in goals
        ],
        batch_size=BULK_BATCH,
    )
    _record_creations(commitments, goals_per_commitment, by=by)
    return commitments


def _new_commitment(by, programme, row, members):
    fields = dict(row)
    goals = list(fields.pop("goals", ()))
    commitment = Commitment(programme=programme, **fields)
    commitment.due_date = commitment.due_date or programme.default_due_date
    _refuse_unless(
        permissions.works_in(by, commitment.domain_id),
        _("U kunt alleen voornemens aanmaken in uw eigen toezichtgebieden."),
    )
    if commitment.owner_id and (commitment.owner_id, commitment.domain_id) not in members:
        raise WorkflowError(_("De eigenaar moet lid zijn van het toezichtgebied."), field="owner")
    # The relations are objects the caller already holds, and the owner was checked above: no query per row.
    _validated(commitment, exclude=["reference", "sequence", "programme", "domain", "owner"], clean=False)
    return commitment, goals


def _creation_changes(commitment, fields):
    """Every tracked field from nothing to its value, as auditlog writes it (relations by id, values as text)."""
    return {
        field.name: ["None", "None" if value is None else smart_str(value)]
        for field in fields
        for value in [getattr(commitment, field.attname)]
    }


def _record_creations(commitments, goals_per_commitment, *, by):
    """The history that saving one by one would have written (auditlog does not see bulk_create)."""
    content_type = ContentType.objects.get_for_model(Commitment)
    now = timezone.now()
    cid = get_cid()

    def entry(commitment, action, changes):
        return LogEntry(
            content_type=content_type,
            object_pk=str(commitment.pk),
            object_id=commitment.pk,
            object_repr=str(commitment),
            action=action,
            changes=changes,
            actor=by,
            actor_email=by.email,
            cid=cid,
            timestamp=now,
        )

    excluded = set(auditlog.get_model_fields(Commitment)["exclude_fields"])
    tracked = [f for f in Commitment._meta.concrete_fields if f.name not in excluded and not f.primary_key]
    entries = []
    for commitment, goals in zip(commitments, goals_per_commitment, strict=True):
        entries.append(entry(commitment, LogEntry.Action.CREATE, _creation_changes(commitment, tracked)))
        if goals:
            objects = [str(goal) for goal in goals]
            entries.append(
                entry(
                    commitment,
                    LogEntry.Action.UPDATE,
                    {"goals": {"type": "m2m", "operation": "add", "objects": objects}},
                )
            )
    LogEntry.objects.bulk_create(entries, batch_size=BULK_BATCH)


@step
def update_commitment(commitment, *, by, version, changes, goals=None, due_date_reason=""):
    """Change the fields of a commitment as edited from `version`; a change of due date needs a reason."""
    current = _locked(commitment)
    _refuse_change_unless(permissions.can_edit(by, current), current, _("U mag dit voornemen niet wijzigen."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise WorkflowError(_("Deze velden zijn niet te wijzigen: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if current.version != version:
        raise StaleVersion(current, changed_fields=_conflicts(current, changes, goals))
    if "domain" in changes and not permissions.works_in(by, changes["domain"].pk):
        raise WorkflowError(
            _("U kunt een voornemen alleen naar uw eigen toezichtgebieden verplaatsen."), field="domain"
        )

    before = {name: _value(current, name) for name in changes}
    for name, value in changes.items():
        setattr(current, name, value)
    fields_changed = any(_value(current, name) != before[name] for name in changes)
    goals_changed = goals is not None and {g.pk for g in goals} != set(current.goals.values_list("pk", flat=True))
    if not fields_changed and not goals_changed:
        return current

    due_date_changed = "due_date" in changes and current.due_date != before["due_date"]
    if due_date_changed and not due_date_reason.strip():
        raise WorkflowError(_("Geef een reden voor de nieuwe deadline."), field="due_date_reason")
    _validated(current)
    if due_date_changed:
        _move(
            current,
            by=by,
            action=Action.CHANGE_DUE_DATE,
            to_status=current.status,
            # Stored in no language: the step's title says what changed, in the language of whoever reads it.
            text=f"{before['due_date'].isoformat()} → {current.due_date.isoformat()}: {due_date_reason.strip()}",
        )
    else:
        current.version += 1
    current.save()
    if goals_changed:
        current.goals.set(goals)
    return current


def _value(commitment, name):
    """A field's value, by id for a relation, so that comparing costs no query."""
    return (
        getattr(commitment, f"{name}_id") if Commitment._meta.get_field(name).is_relation else getattr(commitment, name)
    )


def _conflicts(current, changes, goals):
    """Where the stored commitment now differs from what the user entered: theirs beside yours."""
    rows = [
        {"label": Commitment._meta.get_field(name).verbose_name, "theirs": getattr(current, name), "yours": value}
        for name, value in changes.items()
        if _value(current, name) != (value.pk if hasattr(value, "pk") else value)
    ]
    if goals is not None:
        stored = list(current.goals.all())
        if {g.pk for g in stored} != {g.pk for g in goals}:
            rows.append(
                {
                    "label": Commitment._meta.get_field("goals").verbose_name,
                    "theirs": ", ".join(str(g) for g in stored),
                    "yours": ", ".join(str(g) for g in goals),
                }
            )
    return rows


@step
def add_evidence(commitment, *, by, **fields):
    current = _locked(commitment)
    _refuse_change_unless(
        permissions.can_edit(by, current), current, _("U mag bij dit voornemen geen bewijs toevoegen.")
    )
    evidence = EvidenceLink(commitment=current, added_by=by, **fields)
    try:
        evidence.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise WorkflowError(messages[0], field=field) from None
    evidence.save()
    return evidence


@step
def remove_evidence(evidence, *, by):
    current = _locked(evidence.commitment)
    _refuse_change_unless(
        permissions.can_edit(by, current), current, _("U mag bij dit voornemen geen bewijs verwijderen.")
    )
    evidence.delete()


@step
def add_note(commitment, *, by, text):
    current = _locked(commitment)
    _refuse_change_unless(
        permissions.can_add_note(by, current), current, _("U mag bij dit voornemen geen notitie plaatsen.")
    )
    if not text.strip():
        raise WorkflowError(_("Een notitie kan niet leeg zijn."), field="text")
    return Note.objects.create(commitment=current, author=by, text=text.strip())


# --- the status -------------------------------------------------------------------------------
#
# Each step has a guard: the reasons it can be refused, in the order a person wants to hear them, ending
# with the permissions function that the detail page asks too, so a button and its step never disagree.
# Pages call check() with the same guard before they show a form.


def _guard_start(by, commitment):
    _refuse_unless(commitment.status == Status.PLANNED, _("Alleen een gepland voornemen kan worden gestart."))
    _refuse_unless(permissions.can_start(by, commitment), _only_staff_message(commitment))


def _guard_submit(by, commitment):
    _refuse_unless(
        commitment.status == Status.IN_PROGRESS, _("Alleen een voornemen in uitvoering kan worden aangeboden.")
    )
    _refuse_unless(permissions.can_submit(by, commitment), _only_staff_message(commitment))


def _guard_review(by, commitment):
    if commitment.status != Status.UNDER_REVIEW:
        raise WorkflowError(_not_under_review_message(commitment))
    _refuse_unless(permissions.is_reviewer(by), _("Alleen een reviewer kan beoordelen."))
    _refuse_unless(
        permissions.can_review(by, commitment),
        _("Vier ogen: wie het voornemen aanbood of eigenaar is, kan het niet zelf beoordelen."),
    )


def _guard_reopen(by, commitment):
    _refuse_unless(commitment.is_decided, _("Alleen een beoordeeld voornemen kan worden heropend."))
    _refuse_unless(permissions.can_reopen(by, commitment), _("Alleen een reviewer kan een voornemen heropenen."))


def _guard_carry_over(by, commitment):
    """Returns the programme that the commitment will continue in."""
    _refuse_unless(commitment.status == Status.DELAYED, _("Alleen een vertraagd voornemen kan worden overgeheveld."))
    successor = commitment.carried_over_to
    _refuse_unless(
        successor is None,
        _("Dit voornemen is al overgeheveld, als %(reference)s.") % {"reference": getattr(successor, "reference", "")},
    )
    _refuse_unless(
        permissions.can_carry_over(by, commitment),
        _("Alleen medewerkers van het toezichtgebied en reviewers kunnen een voornemen overhevelen."),
    )
    next_year = commitment.programme.year + 1
    next_programme = WorkProgramme.objects.filter(year=next_year).first()
    _refuse_unless(
        next_programme is not None,
        _("Er is nog geen werkprogramma %(year)s om naar over te hevelen. Vraag een beheerder het aan te maken.")
        % {"year": next_year},
    )
    return next_programme


GUARDS = {
    "start": _guard_start,
    "submit": _guard_submit,
    "review": _guard_review,
    "reopen": _guard_reopen,
    "carry_over": _guard_carry_over,
}


def check(step_name, commitment, *, by):
    """Raise WorkflowError if `by` cannot take the step now: lets a page say why before anyone fills in its form."""
    GUARDS[step_name](by, commitment)


def _only_staff_message(commitment):
    return _("Alleen medewerkers van %(domain)s kunnen dit voornemen starten en aanbieden.") % {
        "domain": commitment.domain
    }


def _not_under_review_message(commitment):
    """Says who came first when two reviewers decide at once."""
    latest = commitment.reviews.select_related("actor").order_by("-created_at", "-id").first()
    values = {"who": user_label(latest.actor) if latest else "", "status": commitment.get_status_display()}
    if latest and latest.action == Action.APPROVE:
        return _("%(who)s heeft dit voornemen intussen al beoordeeld: ‘%(status)s’. Uw oordeel is niet vastgelegd.") % (
            values
        )
    if latest and latest.action == Action.SEND_BACK:
        return _("%(who)s heeft dit voornemen intussen al teruggestuurd. Uw oordeel is niet vastgelegd.") % values
    return _("Dit voornemen staat niet ter beoordeling (status: ‘%(status)s’).") % values


def _mail_after_commit(send, review):
    """Mail only about what was recorded; a failing mail server must not turn a recorded step into an error."""
    mail = functools.update_wrapper(functools.partial(send, review.pk), send)  # named as `send` in the error log
    transaction.on_commit(mail, robust=True)


@step
def start(commitment, *, by):
    current = _locked(commitment)
    _guard_start(by, current)
    review = _move(current, by=by, action=Action.START, to_status=Status.IN_PROGRESS)
    current.save()
    return review


@step
def submit(commitment, *, by, proposed_verdict, explanation, expected_date=None):
    """Offer the commitment for review with a proposed verdict; the explanation is the reason of a delay or drop."""
    current = _locked(commitment)
    _guard_submit(by, current)
    if proposed_verdict not in Verdict.values:
        raise WorkflowError(_("Kies een voorgesteld oordeel."), field="proposed_verdict")
    explanation = explanation.strip()
    if not explanation:
        raise WorkflowError(
            _("Licht het voorgestelde oordeel toe; bij ‘Vertraagd’ en ‘Vervallen’ met de reden."), field="explanation"
        )
    _check_verdict(current, proposed_verdict, expected_date, field="proposed_verdict")
    review = _move(
        current,
        by=by,
        action=Action.SUBMIT,
        to_status=Status.UNDER_REVIEW,
        proposed_verdict=proposed_verdict,
        text=explanation,
        expected_date=expected_date if proposed_verdict == Verdict.DELAYED else None,
    )
    current.save()
    _mail_after_commit(notifications.notify_reviewers, review)
    return review


def _check_verdict(commitment, verdict, expected_date, *, field):
    """What a verdict needs besides its reason: evidence for (partly) met, an expected date for delayed."""
    if verdict in (Verdict.MET, Verdict.PARTLY_MET) and not commitment.evidence.exists():
        raise WorkflowError(
            _("Voor ‘%(verdict)s’ is ten minste één bewijs nodig. Voeg eerst bewijs toe.")
            % {"verdict": Verdict(verdict).label},
            field=field,
        )
    if verdict == Verdict.DELAYED and not expected_date:
        raise WorkflowError(_("Geef bij ‘Vertraagd’ de verwachte datum."), field="expected_date")


def last_submission(commitment):
    submissions = commitment.reviews.filter(action=Action.SUBMIT).select_related("actor")
    return submissions.order_by("-created_at", "-id").first()


@step
def review(
    commitment,
    *,
    by,
    decision,
    verdict="",
    rationale="",
    annual_report_reference="",
    expected_date=None,
    version=None,
):
    """A reviewer approves the commitment with a verdict, or sends it back to the staff.

    `version`, when given, is the version the reviewer saw: a commitment changed since is not decided unseen.
    """
    current = _locked(commitment)
    _guard_review(by, current)
    if version is not None and version != current.version:
        raise WorkflowError(
            _("Het voornemen is gewijzigd sinds u deze pagina opende. Bekijk het opnieuw voordat u beoordeelt.")
        )
    rationale = rationale.strip()

    if decision == "send_back":
        if not rationale:
            raise WorkflowError(_("Leg uit waarom u het voornemen terugstuurt."), field="rationale")
        result = _move(current, by=by, action=Action.SEND_BACK, to_status=Status.IN_PROGRESS, text=rationale)
        current.save()
        _mail_after_commit(notifications.notify_owner, result)
        return result
    if decision != "approve":
        raise WorkflowError(_("Kies: goedkeuren of terugsturen."), field="decision")

    if verdict not in Verdict.values:
        raise WorkflowError(_("Kies een oordeel."), field="verdict")
    submission = last_submission(current)
    proposed = submission.proposed_verdict if submission else ""
    # The reason a delay or drop needs is the submission's explanation, or the rationale of a different verdict.
    if verdict != proposed and not rationale:
        raise WorkflowError(_("U wijkt af van het voorgestelde oordeel: geef een motivering."), field="rationale")
    if verdict == Verdict.DELAYED:
        expected_date = expected_date or (submission.expected_date if submission else None)
    else:
        expected_date = None
    _check_verdict(current, verdict, expected_date, field="verdict")

    result = _move(
        current,
        by=by,
        action=Action.APPROVE,
        to_status=verdict,
        verdict=verdict,
        proposed_verdict=proposed,
        text=rationale,
        annual_report_reference=annual_report_reference.strip(),
        expected_date=expected_date,
    )
    current.decision = result
    if expected_date:
        current.expected_date = expected_date
    current.save()
    _mail_after_commit(notifications.notify_owner, result)
    return result


@step
def reopen(commitment, *, by, reason):
    """A reviewer takes a decision back; the commitment is in progress again and editable by its staff."""
    current = _locked(commitment)
    _guard_reopen(by, current)
    if not reason.strip():
        raise WorkflowError(_("Geef een reden om te heropenen."), field="reason")
    result = _move(current, by=by, action=Action.REOPEN, to_status=Status.IN_PROGRESS, text=reason.strip())
    current.decision = None
    current.save()
    _mail_after_commit(notifications.notify_owner, result)
    return result


@step
def carry_over(commitment, *, by, reason):
    """Continue a delayed commitment in the next year's programme, as a new planned commitment."""
    current = _locked(commitment)
    next_programme = _guard_carry_over(by, current)
    if not reason.strip():
        raise WorkflowError(_("Geef een reden om over te hevelen."), field="reason")
    # An owner who has left the domain cannot own the successor; the staff of the domain choose a new one.
    still_a_member = current.domain.members.filter(pk=current.owner_id).exists()
    successor = Commitment(
        programme=next_programme,
        title=current.title,
        statement=current.statement,
        kind=current.kind,
        domain=current.domain,
        owner=current.owner if still_a_member else None,
        due_date=next_programme.default_due_date,
        predecessor=current,
    )
    _validated(successor)
    successor.save()
    successor.goals.set(current.goals.all())
    _move(
        current,
        by=by,
        action=Action.CARRY_OVER,
        to_status=current.status,
        text=f"{reason.strip()} (→ {successor.reference})",  # in no language, as above
    )
    current.save()
    return successor
