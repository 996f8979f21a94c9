"""The year-end PDF and DOCX of a large selection, made in the background (issue 15, point 4): the request queues a
task, the task makes the file, and only its owner downloads it, from a page that survives a reload."""

import io

import docx
import pytest
import weasyprint
from pypdf import PdfReader

from commitments import exports
from intake import year_files
from intake.models import YearFile
from tests.conftest import make_user
from tests.test_overview_exports import URLS, year  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(monkeypatch, year):  # noqa: F811
    """The twelve commitments of the year count as a large selection."""
    monkeypatch.setattr(exports, "PDF_AT_MOST", len(year) - 1)
    return year


def path_of(file_format):
    return URLS.get(file_format, f"/overview/2024/export.{file_format}")


def ask(client, path, query=None):
    """The export link of a large selection leads to the background files' address, which queues the file and leads
    to its page: the answer of that second step."""
    first = client.get(path, query)
    assert first.status_code == 302 and first.url.startswith("/overview/files/2024/"), first
    return client.get(first.url)


def queued_tasks():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(task_path="intake.year_files.make_year_file"))


def run(year_file):
    """What the worker does with the queued task."""
    (task,) = [task for task in queued_tasks() if task.args_kwargs["args"] == [year_file.pk]]
    assert year_files.make(*task.args_kwargs["args"]) == "ready"
    year_file.refresh_from_db()
    return year_file


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
def test_a_large_selection_queues_a_task_instead_of_making_the_file(client_for, carol, large, monkeypatch, file_format):
    monkeypatch.setattr(weasyprint, "HTML", None)  # nothing is laid out in the request
    response = ask(client_for(carol), path_of(file_format))
    year_file = YearFile.objects.get()
    assert response.status_code == 302 and response.url == f"/overview/files/{year_file.pk}/"
    assert (year_file.owner, year_file.file_format, year_file.state) == (carol, file_format, "queued")
    assert year_file.commitments == 12 and not year_file.content
    assert len(queued_tasks()) == 1

    page = client_for(carol).get(response.url)
    assert page.status_code == 200 and page["Refresh"] == "5"  # without a script, the page asks again itself
    assert "<progress" in page.content.decode() and "Wacht op verwerking" in page.content.decode()
    # asking again (a reload of the export link) gives the same file, not a second task
    assert client_for(carol).get(response.url).status_code == 200
    ask(client_for(carol), path_of(file_format))
    assert YearFile.objects.count() == 1 and len(queued_tasks()) == 1


def test_running_the_task_yields_the_pdf_for_its_owner_alone(client_for, carol, large, monkeypatch):
    monkeypatch.setattr(exports, "PDF_AT_MOST", 5)  # the domain's eight are a large selection too
    ask(client_for(carol), URLS["pdf"], {"domain": "politie"})
    year_file = run(YearFile.objects.get())
    assert year_file.state == "ready" and year_file.filename == "jaaroverzicht-2024-politie.pdf"

    page = client_for(carol).get(f"/overview/files/{year_file.pk}/")
    assert "Refresh" not in page and "jaaroverzicht-2024-politie.pdf downloaden" in page.content.decode()
    response = client_for(carol).get(f"/overview/files/{year_file.pk}/download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="jaaroverzicht-2024-politie.pdf"'
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert all(c.reference in " ".join(text.split()) for c in large if c.domain.slug == "politie")

    other_manager = make_user("frank", roles=["manager"])
    for path in (f"/overview/files/{year_file.pk}/", f"/overview/files/{year_file.pk}/download/"):
        assert client_for(other_manager).get(path).status_code == 404  # another manager's file is not theirs


def test_running_the_task_yields_the_docx(client_for, carol, large):
    ask(client_for(carol), "/overview/2024/export.docx")
    year_file = run(YearFile.objects.get())
    response = client_for(carol).get(f"/overview/files/{year_file.pk}/download/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert large[0].title in text or large[0].reference in text


def test_a_file_not_ready_is_not_downloaded_and_an_expired_one_is_gone(client_for, carol, large):
    from django.utils import timezone

    ask(client_for(carol), URLS["pdf"])
    year_file = YearFile.objects.get()
    assert client_for(carol).get(f"/overview/files/{year_file.pk}/download/").status_code == 409
    YearFile.objects.filter(pk=year_file.pk).update(expires_at=timezone.now())
    assert client_for(carol).get(f"/overview/files/{year_file.pk}/").status_code == 404


def test_a_small_selection_is_still_downloaded_at_once(client_for, carol, year):  # noqa: F811
    response = client_for(carol).get(URLS["pdf"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert not YearFile.objects.exists()


def test_staff_may_not_ask_for_a_file(client_for, alice, large):
    assert client_for(alice).get(URLS["pdf"]).status_code == 403
    assert not YearFile.objects.exists()
