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
from django.db.models import F
from django.utils import timezone
from django.utils.encoding import smart_str
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments import fileformat, notifications, permissions
from commitments.models import (
    OPEN_STATUSES,
    OWNER_OUTSIDE_DOMAIN,
    Action,
    Commitment,
    Domain,
    DropKind,
    EvidenceLink,
    Goal,
    Note,
    ProgrammeAction,
    ProgrammeStep,
    ProgressUpdate,
    RemovedEvidence,
    Review,
    Status,
    Verdict,
    WorkProgramme,
)
from commitments.people import person_label

# A commitment's page, its review and the year's PDF stay readable: beyond this many links, summarise in one.
MAX_EVIDENCE = 50

BULK_BATCH = 500


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
        current = (
            Commitment.objects.select_for_update(of=("self",))
            .select_related("programme", "domain", "owner")
            .get(pk=commitment.pk)
        )
    except Commitment.DoesNotExist:
        raise WorkflowError(_("Dit voornemen bestaat niet meer.")) from None
    # Read once more now that the row is ours: a year closed while this step waited for the row (the close locks
    # every row of its year) is seen closed, which the snapshot of the locking query may not show on PostgreSQL.
    current.programme.closed_at = WorkProgramme.objects.values_list("closed_at", flat=True).get(pk=current.programme_id)
    _refuse_unless(not current.programme.is_closed, _year_closed_message(current.programme))
    return current


def _year_closed_message(programme):
    return _(
        "Het werkprogramma %(year)s is vastgesteld: de verantwoording is definitief en kan niet meer worden "
        "gewijzigd. Een beheerder kan het jaar heropenen."
    ) % {"year": programme.year}


def _refuse_unless(allowed, message):
    if not allowed:
        raise WorkflowError(message)


def _refuse_change_unless(allowed, commitment, message):
    """Refuse a change of fields, evidence or notes; a frozen or decided commitment says why, and how to go on."""
    if not allowed and commitment.is_frozen:
        message = _(
            "Dit voornemen staat ter beoordeling: tot het besluit verandert er niets aan het voornemen of zijn bewijs, "
            "zodat de reviewer beoordeelt wat is aangeboden. Moet er iets veranderen? Vraag de reviewer het terug "
            "te sturen."
        )
    elif not allowed and commitment.is_decided:
        message = _("Dit voornemen is beoordeeld en kan niet meer worden gewijzigd; een reviewer kan het heropenen.")
    _refuse_unless(allowed, message)


def _take_part(commitment_users):
    """Record owners and submitters as participants of their commitments' cycles: (commitment id, user id) pairs."""
    through = Commitment.cycle_participants.through
    pairs = {(c, u) for c, u in commitment_users if u is not None}
    through.objects.bulk_create(
        [through(commitment_id=c, user_id=u) for c, u in pairs], batch_size=BULK_BATCH, ignore_conflicts=True
    )


def _start_new_cycle(commitment):
    """After a decision only the owner of the moment has taken part in what comes next."""
    commitment.cycle_participants.clear()
    _take_part([(commitment.pk, commitment.owner_id)])


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
    programme = _open_programme(programme)
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
    _take_part((commitment.pk, commitment.owner_id) for commitment in commitments)
    _record_creations(commitments, goals_per_commitment, by=by)
    return commitments


def _open_programme(programme):
    """The programme with its row locked (a close waits for us, and we for a close), refused if it is closed."""
    locked = WorkProgramme.objects.select_for_update().get(pk=programme.pk)
    _refuse_unless(not locked.is_closed, _year_closed_message(locked))
    return locked


def _new_commitment(by, programme, row, members):
    fields = dict(row)
    goals = list(fields.pop("goals", ()))
    commitment = Commitment(programme=programme, **fields)
    commitment.due_date = commitment.due_date or programme.default_due_date
    _refuse_unless(
        permissions.works_in(by, commitment.domain_id),
        _("U kunt alleen voornemens aanmaken in uw eigen toezichtgebieden."),
    )
    if Commitment.owner_outside_domain(commitment.owner_id, commitment.domain_id, members):
        raise WorkflowError(str(OWNER_OUTSIDE_DOMAIN), field="owner")
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
    unknown = set(changes) - set(fileformat.EDITABLE_ROW_FIELDS)
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
    if current.owner_id != before.get("owner", current.owner_id):
        _take_part([(current.pk, current.owner_id)])
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
    if current.evidence.count() >= MAX_EVIDENCE:
        raise WorkflowError(
            _(
                "Een voornemen heeft ten hoogste %(count)s bewijzen. Verwijder er een, of verwijs naar een pagina "
                "die de stukken samen noemt."
            )
            % {"count": MAX_EVIDENCE}
        )
    evidence = EvidenceLink(commitment=current, added_by=by, **fields)
    try:
        evidence.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise WorkflowError(messages[0], field=field) from None
    evidence.save()
    _evidence_changed(current)
    return evidence


@step
def remove_evidence(evidence, *, by):
    current = _locked(evidence.commitment)
    _refuse_change_unless(
        permissions.can_edit(by, current), current, _("U mag bij dit voornemen geen bewijs verwijderen.")
    )
    RemovedEvidence.objects.create(commitment=current, evidence_id=evidence.pk)
    evidence.delete()
    _evidence_changed(current)


def _evidence_changed(commitment):
    Commitment.objects.filter(pk=commitment.pk).update(evidence_version=F("evidence_version") + 1)
    commitment.evidence_version += 1


@step
def add_note(commitment, *, by, text):
    current = _locked(commitment)
    _refuse_change_unless(
        permissions.can_add_note(by, current), current, _("U mag bij dit voornemen geen notitie plaatsen.")
    )
    if not text.strip():
        raise WorkflowError(_("Een notitie kan niet leeg zijn."), field="text")
    return Note.objects.create(commitment=current, author=by, text=text.strip())


@step
def update_state_of_affairs(commitment, *, by, text):
    """A new dated state of affairs (stand van zaken); the earlier ones stay as its history."""
    current = _locked(commitment)
    _refuse_change_unless(
        permissions.can_update_state_of_affairs(by, current),
        current,
        _("U mag de stand van zaken van dit voornemen niet bijwerken."),
    )
    update = ProgressUpdate(commitment=current, written_by=by, text=text.strip(), written_at=timezone.now())
    if not update.text:
        raise WorkflowError(_("Een stand van zaken kan niet leeg zijn."), field="text")
    try:
        update.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise WorkflowError(messages[0], field=field) from None
    update.save()
    return update


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
    return next_programme_for(commitment.programme)


def next_programme_for(programme):
    """The open programme of the next year, which delayed commitments continue in; refused while there is none."""
    next_year = programme.year + 1
    next_programme = WorkProgramme.objects.filter(year=next_year).first()
    _refuse_unless(
        next_programme is not None,
        _(
            "Er is nog geen werkprogramma %(year)s om naar over te hevelen. Een beheerder maakt het aan onder "
            "‘Werkprogramma's’."
        )
        % {"year": next_year},
    )
    _refuse_unless(not next_programme.is_closed, _year_closed_message(next_programme))
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
    values = {"who": person_label(latest.actor) if latest else "", "status": commitment.get_status_display()}
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
    """Offer the commitment for review with a proposed verdict; the explanation is the reason of a delay or drop.
    The submission keeps the evidence as offered, and from now until the decision nothing of it changes."""
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
        submitted_evidence=[_evidence_as_offered(item) for item in current.evidence.order_by("published_on", "id")],
    )
    current.save()
    _take_part([(current.pk, by.pk), (current.pk, current.owner_id)])
    _mail_after_commit(notifications.notify_reviewers, review)
    return review


def _evidence_as_offered(evidence):
    return {
        "id": evidence.pk,
        "url": evidence.url,
        "title": evidence.title,
        "kind": evidence.kind,
        "published_on": evidence.published_on.isoformat() if evidence.published_on else None,
    }


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
    drop_kind="",
    version=None,
    evidence_version=None,
):
    """A reviewer approves the commitment with a verdict, accounted for at a place in the annual report, or sends it
    back to the staff.

    `version` and `evidence_version`, when given, are what the reviewer saw: a commitment or evidence changed since
    is not decided unseen. The decision records both.
    """
    current = _locked(commitment)
    _guard_review(by, current)
    if (version is not None and version != current.version) or (
        evidence_version is not None and evidence_version != current.evidence_version
    ):
        raise WorkflowError(
            _("Het voornemen is gewijzigd sinds u deze pagina opende. Bekijk het opnieuw voordat u beoordeelt.")
        )
    seen = {"seen_version": current.version, "seen_evidence_version": current.evidence_version}
    rationale = rationale.strip()

    if decision == "send_back":
        if not rationale:
            raise WorkflowError(_("Leg uit waarom u het voornemen terugstuurt."), field="rationale")
        result = _move(current, by=by, action=Action.SEND_BACK, to_status=Status.IN_PROGRESS, text=rationale, **seen)
        current.save()
        _mail_after_commit(notifications.notify_owner, result)
        return result
    if decision != "approve":
        raise WorkflowError(_("Kies: goedkeuren of terugsturen."), field="decision")

    if verdict not in Verdict.values:
        raise WorkflowError(_("Kies een oordeel."), field="verdict")
    submission = current.latest_submission()
    proposed = submission.proposed_verdict if submission else ""
    # The reason a delay or drop needs is the submission's explanation, or the rationale of a different verdict.
    if verdict != proposed and not rationale:
        raise WorkflowError(_("U wijkt af van het voorgestelde oordeel: geef een motivering."), field="rationale")
    if verdict == Verdict.DELAYED:
        expected_date = expected_date or (submission.expected_date if submission else None)
    else:
        expected_date = None
    _check_verdict(current, verdict, expected_date, field="verdict")
    if verdict == Verdict.DROPPED and drop_kind not in DropKind.values:
        raise WorkflowError(
            _("Zeg of het werkprogramma dit voornemen beëindigde, of dat het in de loop van het jaar verviel."),
            field="drop_kind",
        )
    annual_report_reference = annual_report_reference.strip()
    if not annual_report_reference:
        raise WorkflowError(
            _("Geef de vindplaats in het jaarbericht, bijvoorbeeld ‘Jaarbericht 2024, p. 14’ of een paragraaf."),
            field="annual_report_reference",
        )

    result = _move(
        current,
        by=by,
        action=Action.APPROVE,
        to_status=verdict,
        verdict=verdict,
        proposed_verdict=proposed,
        text=rationale,
        annual_report_reference=annual_report_reference,
        expected_date=expected_date,
        drop_kind=drop_kind if verdict == Verdict.DROPPED else "",
        **seen,
    )
    current.decision = result
    if expected_date:
        current.expected_date = expected_date
    current.save()
    _start_new_cycle(current)
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
    return _continue_in(current, next_programme, by=by, reason=reason.strip())


def _continue_in(current, next_programme, *, by, reason):
    """The successor of a delayed commitment: its statement, domain, owner (while still a member) and the goals still
    in force, due when it was expected; both on record."""
    still_a_member = not Commitment.owner_outside_domain(current.owner_id, current.domain_id)
    goals = current.goals.all()
    if next_programme.goals.exists():
        goals = goals.filter(programmes=next_programme)
    successor = Commitment(
        programme=next_programme,
        title=current.title,
        statement=current.statement,
        source_location="",
        kind=current.kind,
        domain=current.domain,
        owner=current.owner if still_a_member else None,
        due_date=current.expected_date or next_programme.default_due_date,
        predecessor=current,
    )
    _validated(successor)
    successor.save()  # numbered in its programme on save
    successor.goals.set(goals)
    _take_part([(successor.pk, successor.owner_id)])
    _move(
        current,
        by=by,
        action=Action.CARRY_OVER,
        to_status=current.status,
        text=f"{reason} (→ {successor.reference})",  # in no language, as above
    )
    current.save()
    return successor


# --- several at once ---------------------------------------------------------------------------


def _assign_owner(commitment, *, by, owner):
    """The owner changed as the edit form changes it, from the version the caller read."""
    return update_commitment(commitment, by=by, version=commitment.version, changes={"owner": owner})


BULK_STEPS = {"assign_owner": _assign_owner, "start": start, "carry_over": carry_over}


@step
def take_step_on_each(step_name, commitments, *, by, **fields):
    """One step of BULK_STEPS on each commitment, all or none: every one is tried, each by the step itself (its
    own checks, history and messages), and if any is refused, none of the changes stays.

    Returns (taken, refused): the commitments the step was taken on, and (commitment, message) of the refused ones;
    when `refused` is not empty, `taken` says what would have changed, and nothing has."""
    take = BULK_STEPS[step_name]
    taken, refused = [], []
    # Rows locked in one order (by id): two selections taken at once wait for each other instead of deadlocking.
    for commitment in sorted(commitments, key=lambda commitment: commitment.pk):
        try:
            take(commitment, by=by, **fields)  # a step of its own: a refusal undoes that step alone
        except WorkflowError as error:
            refused.append((commitment, error.message))
        else:
            taken.append(commitment)
    if refused:
        transaction.set_rollback(True)
    return taken, refused


# --- the year ---------------------------------------------------------------------------------


@step
def create_programme(*, by, goals=(), new_goals=(), **fields):
    """A new year's programme, open, with the MJP goals in force; `new_goals` names goals that do not exist yet."""
    _refuse_unless(permissions.can_manage_programmes(by), _("Alleen een beheerder kan werkprogramma's beheren."))
    programme = WorkProgramme(**fields)
    _validated_programme(programme)
    programme.save()
    programme.goals.set([*goals, *_goals_named(new_goals)])
    return programme


@step
def update_programme(programme, *, by, goals=None, new_goals=(), **fields):
    """Change a programme's fields and its annual report; a closed year is reopened first."""
    _refuse_unless(permissions.can_manage_programmes(by), _("Alleen een beheerder kan werkprogramma's beheren."))
    current = WorkProgramme.objects.select_for_update().get(pk=programme.pk)
    _refuse_unless(not current.is_closed, _year_closed_message(current))
    for name, value in fields.items():
        setattr(current, name, value)
    _validated_programme(current)
    current.save()
    if goals is not None or new_goals:
        current.goals.set([*(current.goals.all() if goals is None else goals), *_goals_named(new_goals)])
    return current


def _goals_named(names):
    """The goals of these names, made where they do not exist yet, each with a code made from its name."""
    goals = []
    for name in names:
        goal = Goal.objects.filter(name__iexact=name).first()
        if goal is None:
            base = slugify(name)[:40] or "doel"
            code, number = base, 1
            while Goal.objects.filter(code=code).exists():
                number += 1
                code = f"{base}-{number}"
            goal = Goal.objects.create(code=code, name=name)
        goals.append(goal)
    return goals


def _validated_programme(programme):
    try:
        programme.full_clean(exclude=["goals"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise WorkflowError(messages[0], field=None if field == "__all__" else field) from None


@step
def close_programme(programme, *, by, carry_over_delayed=False):
    """Close the year (vaststellen): its account becomes final and read-only. Only when every commitment is decided.

    The programme's row and every row of its commitments are locked first, so that a decision taking place now
    is either in before the count or refused after it. With `carry_over_delayed`, the delayed commitments without
    a successor continue in the next year's programme, in the same transaction, each on record.
    """
    _refuse_unless(permissions.can_close_year(by), _("Alleen een manager of beheerder kan een jaar vaststellen."))
    current = WorkProgramme.objects.select_for_update().get(pk=programme.pk)
    _refuse_unless(not current.is_closed, _("Het werkprogramma %(year)s is al vastgesteld.") % {"year": current.year})
    statuses = list(Commitment.objects.select_for_update().filter(programme=current).values_list("status", flat=True))
    still_open = sum(1 for status in statuses if status in OPEN_STATUSES)
    if still_open:
        raise WorkflowError(
            ngettext(
                "Er wacht nog %(count)s voornemen op een besluit; het jaar kan pas worden vastgesteld als alles is "
                "beoordeeld.",
                "Er wachten nog %(count)s voornemens op een besluit; het jaar kan pas worden vastgesteld als alles is "
                "beoordeeld.",
                still_open,
            )
            % {"count": still_open}
        )
    successors = []
    if carry_over_delayed:
        delayed = list(current.commitments.awaiting_carry_over().select_related("programme", "domain", "owner"))
        if delayed:
            next_programme = next_programme_for(current)
            reason = _("Overgeheveld bij het vaststellen van %(year)s") % {"year": current.year}
            successors = [_continue_in(item, next_programme, by=by, reason=reason) for item in delayed]
    current.closed_at = timezone.now()
    current.closed_by = by
    current.save(update_fields=["closed_at", "closed_by"])
    ProgrammeStep.objects.create(
        programme=current, action=ProgrammeAction.CLOSE, actor=by, created_at=current.closed_at
    )
    return successors


@step
def reopen_programme(programme, *, by, reason):
    """A beheerder reopens a closed year, with a reason on record; its commitments can change again."""
    _refuse_unless(permissions.can_manage_programmes(by), _("Alleen een beheerder kan een jaar heropenen."))
    current = WorkProgramme.objects.select_for_update().get(pk=programme.pk)
    _refuse_unless(current.is_closed, _("Het werkprogramma %(year)s is niet vastgesteld.") % {"year": current.year})
    if not reason.strip():
        raise WorkflowError(_("Geef een reden om het jaar te heropenen."), field="reason")
    current.closed_at = None
    current.closed_by = None
    current.save(update_fields=["closed_at", "closed_by"])
    return ProgrammeStep.objects.create(
        programme=current, action=ProgrammeAction.REOPEN, actor=by, reason=reason.strip(), created_at=timezone.now()
    )
