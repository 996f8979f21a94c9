"""What the owner does with the candidates of a document: decide, edit, merge, split, and import the kept ones
through the register's own import path (`commitments.imports`: the dry run's report, then all or nothing)."""

import csv
import io

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from commitments import fileformat, imports, permissions
from commitments.models import Domain, Status
from intake import extraction
from intake.models import Candidate, ProgrammeDocument


class CurationRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def decide(document, candidate_ids, decision):
    return document.candidates.filter(pk__in=candidate_ids).update(decision=decision)


def decide_section(document, section, decision):
    return document.candidates.filter(section=section).update(decision=decision)


@transaction.atomic
def merge(document, first_id, second_id):
    """Join two candidates into the first: their texts one after the other, in the document's order."""
    first, second = sorted(document.candidates.select_for_update().filter(pk__in=[first_id, second_id]), key=_order)
    first.statement = f"{first.statement} {second.statement}"
    first.source = f"{first.source} {second.source}"
    if second.page != first.page:
        first.page = f"{first.page}-{second.page}"[:20]
    first.save()
    second.delete()
    return first


@transaction.atomic
def split(document, candidate_id):
    """Split a candidate into its sentences: the first stays, each further sentence becomes a candidate after it."""
    candidate = document.candidates.select_for_update().get(pk=candidate_id)
    parts = extraction.sentences(candidate.statement)
    if len(parts) < 2:
        raise CurationRefused(_("Deze kandidaat is één zin en kan niet verder worden gesplitst."))
    _make_room(document, after=candidate.position, count=len(parts) - 1)
    candidate.statement = parts[0]
    candidate.title = extraction.title_of(parts[0])
    candidate.save()
    for offset, part in enumerate(parts[1:], start=1):
        Candidate.objects.create(
            document=document,
            position=candidate.position + offset,
            page=candidate.page,
            section=candidate.section,
            source=candidate.source,
            title=extraction.title_of(part)[:200],
            statement=part,
            domain=candidate.domain,
            goals=candidate.goals,
            kind=candidate.kind,
            due_date=candidate.due_date,
            decision=candidate.decision,
        )
    return candidate


@transaction.atomic
def add(document, statement, *, page, section):
    """A candidate the reading did not offer, added by the owner from the document: kept, with the guesses the
    rules make for it, after the last candidate of its section (at the end if the section has none)."""
    guessed = extraction.candidate_of(statement, document.programme.year, page=page, section=section)
    last = document.candidates.filter(section=section).aggregate(Max("position"))["position__max"]
    if last is None:
        position = next_position(document)
    else:
        position = last + 1
        _make_room(document, after=last, count=1)
    return Candidate.objects.create(
        document=document,
        position=position,
        page=page,
        section=section,
        source=statement,
        title=guessed.title[:200],
        statement=statement,
        domain=guessed.domain,
        goals=document.goals_field(guessed.goals),
        kind=guessed.kind,
        due_date=guessed.due_date,
        decision=Candidate.Decision.KEEP,
    )


def _make_room(document, *, after, count):
    """Move the candidates after position `after` on by `count`, from the end, so that positions stay unique."""
    for other in document.candidates.select_for_update().filter(position__gt=after).order_by("-position"):
        other.position += count
        other.save(update_fields=["position"])


def _order(candidate):
    return candidate.position


def next_position(document):
    return (document.candidates.aggregate(Max("position"))["position__max"] or 0) + 1


def kept(document):
    return document.candidates.filter(decision=Candidate.Decision.KEEP).order_by("position")


def as_file(document):
    """The kept candidates as a commitment file (CSV, the register's own format)."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(fileformat.COLUMNS)
    for candidate in kept(document):
        values = {
            "reference": "",
            "programme": document.programme.year,
            "title": candidate.title,
            "statement": candidate.statement,
            "source_location": f"p. {candidate.page}",
            "kind": candidate.kind,
            "domain": candidate.domain,
            "goals": candidate.goals,
            "owner": "",
            "due_date": candidate.due_date.isoformat(),
            "expected_date": "",
            "status": Status.PLANNED,
        }
        writer.writerow([fileformat.spreadsheet_safe(values[name]) for name in fileformat.COLUMNS])
    return output.getvalue().encode("utf-8")


def filename_of(document):
    return f"{document.filename} (kandidaten)"


def may_import(user, document):
    """A beheerder, or a staff member of every domain the kept candidates are in."""
    if permissions.can_import(user):
        return True
    if not permissions.is_staff_member(user):
        return False
    slugs = set(kept(document).values_list("domain", flat=True))
    member = set(Domain.objects.filter(pk__in=permissions.member_domain_ids(user)).values_list("slug", flat=True))
    return slugs <= member


def plan(document):
    """The dry run of importing the kept candidates."""
    if not kept(document).exists():
        raise CurationRefused(_("Er zijn nog geen kandidaten bewaard. Kies eerst welke u wilt importeren."))
    return imports.plan_import(as_file(document), filename=filename_of(document), programme=document.programme.year)


def apply(document, *, by):
    """Import the kept candidates, all or nothing; the document is then done. Returns the plan's counts."""
    with transaction.atomic():
        locked = ProgrammeDocument.objects.select_for_update().get(pk=document.pk)
        if locked.state != ProgrammeDocument.State.READY:
            raise CurationRefused(_("Dit document is al geïmporteerd of weggegooid."))
        the_plan = plan(locked)
        if not the_plan.is_valid:
            raise CurationRefused(_("De proefimport vond fouten; verbeter de kandidaten en probeer het opnieuw."))
        counts = imports.apply_plan(the_plan, by=by)
        locked.state = ProgrammeDocument.State.IMPORTED
        locked.save(update_fields=["state", "updated_at"])
    return the_plan, counts
