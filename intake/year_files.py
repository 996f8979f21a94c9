"""The year-end PDF and DOCX of a large selection, made in the background (issue 15, point 4).

A selection of more than `commitments.exports.PDF_AT_MOST` commitments would outlast a web request; the export
link then queues a task (django-tasks, the same database queue as the reading of programmes) and leads to a page
that shows how it goes and offers the file when it is ready. The file is stored with its owner, for a day.
Asking again for the same selection while a file is being made, or is ready, gives that same file.
"""

import datetime
import io

from django.utils import timezone

from commitments import exports, jaarbericht
from commitments.overview import YearOverview
from intake.models import YearFile

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task

KEPT_FOR = datetime.timedelta(days=1)
CONTENT_TYPES = {"pdf": "application/pdf", "docx": jaarbericht.CONTENT_TYPE}


def request_file(user, year_overview, file_format):
    """The user's file of this selection and format: one being made or ready, or a new one, queued."""
    now = timezone.now()
    YearFile.objects.filter(expires_at__lt=now).delete()
    selection = {
        "owner": user,
        "programme": year_overview.programme,
        "domain": year_overview.domain,
        "goal": year_overview.goal,
        "file_format": file_format,
    }
    existing = (
        YearFile.objects.filter(
            **selection, state__in=[YearFile.State.QUEUED, YearFile.State.MAKING, YearFile.State.READY]
        )
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        return existing
    year_file = YearFile.objects.create(
        **selection,
        commitments=year_overview.totals.total,
        filename=year_overview.filename(file_format),
        expires_at=now + KEPT_FOR,
    )
    make_year_file.enqueue(year_file.pk)  # the queue is a table of this database: queued with the row
    return year_file


@task()
def make_year_file(year_file_id):
    return make(year_file_id)


def make(year_file_id):
    """Make the file; it is stored in one step at the end, so that a worker killed halfway leaves no half file."""
    year_file = YearFile.objects.select_related("programme", "domain", "goal").filter(pk=year_file_id).first()
    if year_file is None or year_file.state == YearFile.State.READY:
        return "gone" if year_file is None else "ready"
    YearFile.objects.filter(pk=year_file.pk).update(state=YearFile.State.MAKING)
    overview = YearOverview(year_file.programme, domain=year_file.domain, goal=year_file.goal)
    try:
        if year_file.file_format == "pdf":
            content = exports.render_overview_pdf(overview)
        else:
            buffer = io.BytesIO()
            jaarbericht.write_chapter(overview, buffer)
            content = buffer.getvalue()
    except jaarbericht.NothingToReport as empty:
        YearFile.objects.filter(pk=year_file.pk).update(state=YearFile.State.FAILED, error=str(empty))
        return "failed"
    YearFile.objects.filter(pk=year_file.pk).update(
        state=YearFile.State.READY, content=content, expires_at=timezone.now() + KEPT_FOR
    )
    return "ready"
