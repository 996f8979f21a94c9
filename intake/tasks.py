"""Reading a programme document in the background (django-tasks, database backend: `manage.py db_worker`).

Progress (pages read) is written page by page, each in its own short transaction, so that the page can show
it. The candidates are written at the very end, in one transaction that first removes any earlier ones: a
worker killed halfway leaves the pages-read counter and no candidate, and the reading can simply be started
again. An attempt number guards against an older reading that wakes up late: it may not overwrite a newer one.
"""

from django.db import transaction
from django.db.models import F

from intake import extraction, reading
from intake.models import Candidate, ProgrammeDocument

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task

# A 200-page programme is read in well under a minute (bench/results.md); a file beyond this is refused.
MAX_PAGES = 500


class Superseded(Exception):
    """A newer reading of the same document was started."""


def start_reading(document):
    """Queue (or queue again) the reading of the document; returns the task result."""
    ProgrammeDocument.objects.filter(pk=document.pk).update(
        state=ProgrammeDocument.State.QUEUED, pages_read=0, error="", attempt=F("attempt") + 1
    )
    document.refresh_from_db()
    return read_programme.enqueue(document.pk, document.attempt)


@task()
def read_programme(document_id, attempt):
    return read_document(document_id, attempt)


def read_document(document_id, attempt, *, on_page=None):
    """Read the document and store its candidates; the state says how it went."""
    document = ProgrammeDocument.objects.get(pk=document_id)
    if document.attempt != attempt or not document.is_open:
        return "superseded"
    _update(document, attempt, state=ProgrammeDocument.State.READING, pages_read=0)

    def progress(number, total):
        _update(document, attempt, pages_read=number, pages_total=total)
        if on_page is not None:
            on_page(number, total)

    try:
        if document.kind == "pdf":
            import io

            pages = list(extraction.iter_pdf_pages(io.BytesIO(bytes(document.data)), on_page=progress))
            if len(pages) > MAX_PAGES:
                raise extraction.UnreadablePdf("damaged")
        else:
            pages = reading.pages_of_text(bytes(document.data))
            progress(len(pages), len(pages))
        found = extraction.candidates(pages, document.programme.year)
    except extraction.UnreadablePdf as error:
        _update(document, attempt, state=ProgrammeDocument.State.FAILED, error=reading.refusal(error.reason))
        return "failed"
    except Superseded:
        return "superseded"
    with transaction.atomic():
        locked = ProgrammeDocument.objects.select_for_update().get(pk=document_id)
        if locked.attempt != attempt:
            return "superseded"
        locked.candidates.all().delete()
        Candidate.objects.bulk_create(
            Candidate(
                document=locked,
                position=position,
                page=candidate.page,
                section=candidate.section[:200],
                source=candidate.statement,
                title=candidate.title[:200],
                statement=candidate.statement,
                domain=candidate.domain,
                goals=document.goals_field(candidate.goals),
                kind=candidate.kind,
                due_date=candidate.due_date,
            )
            for position, candidate in enumerate(found, start=1)
        )
        locked.state = ProgrammeDocument.State.READY
        locked.save(update_fields=["state", "updated_at"])
    return "ready"


def _update(document, attempt, **fields):
    if not ProgrammeDocument.objects.filter(pk=document.pk, attempt=attempt).update(**fields):
        raise Superseded
