"""The story of one commitment: workflow steps, field changes, evidence, notes and reminders, merged in time order."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, Domain, EvidenceLink
from commitments.people import person_label

# Recorded by the workflow's own steps; shown there, not again as field changes.
WORKFLOW_FIELDS = {"status", "decision", "sequence"}
RELATED_MODELS = {"owner": get_user_model(), "domain": Domain, "predecessor": Commitment}


@dataclass
class Entry:
    when: datetime
    kind: str  # "step", "change", "evidence", "note", "reminder"
    actor: str
    title: str
    text: str = ""
    changes: list = field(default_factory=list)  # (label, old, new)
    review: object = None
    is_creation: bool = False  # its changes are what it was created with (the goals): shown inline, not as a table


def timeline_for(commitment):
    """All that happened to a commitment, oldest first, in a fixed number of queries."""
    entries = [
        Entry(
            when=review.created_at,
            kind="step",
            actor=person_label(review.actor),
            title=review.get_action_display(),
            text=review.text,
            review=review,
        )
        for review in commitment.reviews.select_related("actor")
    ]
    entries += [
        Entry(when=note.created_at, kind="note", actor=person_label(note.author), title=_("Notitie"), text=note.text)
        for note in commitment.notes.select_related("author")
    ]
    entries += [
        Entry(
            when=reminder.sent_at,
            kind="reminder",
            actor=_("systeem"),
            title=_("Herinnering aan de deadline gemaild"),
            text=person_label(reminder.recipient),
        )
        for reminder in commitment.reminders.select_related("recipient")
    ]
    entries += _field_changes(commitment)
    entries.sort(key=lambda entry: entry.when)
    return entries


def _field_changes(commitment):
    commitment_type = ContentType.objects.get_for_model(Commitment)
    evidence_type = ContentType.objects.get_for_model(EvidenceLink)
    # By object id alone, which is indexed: with the content type in the same condition, SQLite and a PostgreSQL
    # table without statistics read the content-type index instead, every row of a model. The evidence since
    # removed is remembered by the workflow (RemovedEvidence), so its history is found here too.
    evidence_ids = set(
        EvidenceLink.objects.filter(commitment=commitment)
        .order_by()
        .values_list("pk", flat=True)
        .union(commitment.removed_evidence.order_by().values_list("evidence_id", flat=True))
    )
    wanted = {(commitment_type.pk, commitment.pk), *((evidence_type.pk, pk) for pk in evidence_ids)}
    log = [
        log_entry
        for log_entry in LogEntry.objects.filter(object_id__in={commitment.pk, *evidence_ids}).order_by(
            "timestamp", "id"
        )
        if (log_entry.content_type_id, log_entry.object_id) in wanted
    ]
    actors = {user.pk: user for user in get_user_model().objects.filter(pk__in={e.actor_id for e in log if e.actor_id})}
    related = _related_labels(log)
    entries = []
    creation = None
    for log_entry in log:
        actor = actors.get(log_entry.actor_id)
        actor_label = person_label(actor) if actor else _("systeem")
        if log_entry.content_type_id == evidence_type.pk:
            title = {
                LogEntry.Action.CREATE: _("Bewijs toegevoegd"),
                LogEntry.Action.UPDATE: _("Bewijs gewijzigd"),
                LogEntry.Action.DELETE: _("Bewijs verwijderd"),
            }.get(log_entry.action, _("Bewijs"))
            entries.append(
                Entry(
                    when=log_entry.timestamp,
                    kind="evidence",
                    actor=actor_label,
                    title=title,
                    text=log_entry.object_repr,
                    changes=_changes(EvidenceLink, log_entry, related)
                    if log_entry.action == LogEntry.Action.UPDATE
                    else [],
                )
            )
        elif log_entry.action == LogEntry.Action.CREATE:
            creation = Entry(
                when=log_entry.timestamp, kind="change", actor=actor_label, title=_("Aangemaakt"), is_creation=True
            )
            created = log_entry
            entries.append(creation)
        else:
            changes = _changes(Commitment, log_entry, related)
            if changes and entries and entries[-1] is creation and _completes_creation(created, log_entry):
                # The goals are stored just after the row itself: part of the creation, not a change.
                creation.changes = changes
                creation = None
            elif changes:
                entries.append(
                    Entry(
                        when=log_entry.timestamp,
                        kind="change",
                        actor=actor_label,
                        title=_("Gewijzigd"),
                        changes=changes,
                    )
                )
    return entries


def _completes_creation(created, log_entry):
    """Many-to-many fields set by the same hand right after the creation (auditlog records those as dicts)."""
    return (
        log_entry.actor_id == created.actor_id
        and log_entry.timestamp - created.timestamp < timedelta(minutes=1)
        and all(isinstance(values, dict) for values in (log_entry.changes_dict or {}).values())
    )


def _related_labels(log):
    """The names of the people, domains and commitments that field changes refer to, fetched at once."""
    wanted = {name: set() for name in RELATED_MODELS}
    for log_entry in log:
        for name, values in (log_entry.changes_dict or {}).items():
            if name in wanted and isinstance(values, list):
                wanted[name].update(v for v in values if v not in (None, "None"))
    labels = {}
    for name, model in RELATED_MODELS.items():
        ids = [int(v) for v in wanted[name] if str(v).isdigit()]
        for obj in model.objects.filter(pk__in=ids):
            labels[(name, str(obj.pk))] = person_label(obj) if name == "owner" else str(obj)
    return labels


def _changes(model, log_entry, related):
    rows = []
    for name, values in (log_entry.changes_dict or {}).items():
        if name in WORKFLOW_FIELDS:
            continue
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # a field that no longer exists: show it as it was recorded
            model_field = None
        label = model_field.verbose_name if model_field else name
        if isinstance(values, dict):  # many-to-many: {"type": "m2m", "operation": ..., "objects": [...]}
            objects = ", ".join(str(o) for o in values.get("objects", []))
            old, new = ("", objects) if values.get("operation") == "add" else (objects, "")
        else:
            old, new = (_display(model_field, name, value, related) for value in values)
        rows.append((label, old, new))
    return rows


def _display(model_field, name, value, related):
    if value in (None, "None", ""):
        return "—"
    if model_field is not None and model_field.is_relation:
        return related.get((name, str(value)), value)
    if model_field is not None and model_field.choices:
        return dict(model_field.choices).get(value, value)
    return value
