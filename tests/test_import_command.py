"""manage.py import_commitments: dry run, apply as a beheerder, refusals, progress bar."""

import io

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command

from commitments.models import Commitment, WorkProgramme
from tests.conftest import make_commitments, make_user
from tests.test_import import NEW_ROW, csv_file, record, written, xlsx_file


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_commitments", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def stored(programme, politie, alice):
    return make_commitments(2, programme=programme, domain=politie, by=alice)


@pytest.fixture
def file_of(tmp_path):
    def write(data, name="voornemens.csv"):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def test_the_dry_run_reports_each_row_and_writes_nothing(erin, alice, stored, file_of):
    path = file_of(csv_file(record(stored[0], title="Nieuwe titel"), record(stored[1]), NEW_ROW))
    before = written()

    out, _ = run(path, "--dry-run")

    assert "regel 2: WP2024-001 gewijzigd: title: Voornemen 0 → Nieuwe titel" in out
    assert "regel 3: WP2024-002 ongewijzigd" in out
    assert "regel 4: WP2024-003 nieuw" in out
    assert "voornemens.csv: 1 nieuw, 1 gewijzigd, 1 ongewijzigd, 0 met fouten." in out
    assert "Proefimport: er is niets opgeslagen." in out
    assert written() == before


def test_it_applies_as_the_first_beheerder_by_default(alice, stored, file_of):
    first = make_user("beheer1", ["beheerder"])
    make_user("beheer2", ["beheerder"])
    out, _ = run(file_of(csv_file(record(stored[0], title="Nieuwe titel"))))
    assert "Geïmporteerd door beheer1: 0 nieuw, 1 gewijzigd, 0 ongewijzigd." in out
    assert LogEntry.objects.get_for_object(stored[0]).latest("timestamp").actor == first


def test_a_superuser_counts_as_beheerder(alice, stored, file_of):
    root = make_user("root", is_superuser=True)
    run(file_of(csv_file(NEW_ROW)))
    assert (
        LogEntry.objects.get_for_object(Commitment.objects.get(reference="WP2024-003"))
        .filter(action=LogEntry.Action.CREATE)
        .get()
        .actor
        == root
    )


def test_it_applies_as_the_user_named_with_as(erin, alice, stored, file_of):
    other = make_user("frank", ["beheerder"])
    run(file_of(csv_file(NEW_ROW)), "--as", "frank")
    assert (
        LogEntry.objects.get_for_object(Commitment.objects.get(reference="WP2024-003"))
        .filter(action=LogEntry.Action.CREATE)
        .get()
        .actor
        == other
    )


@pytest.mark.parametrize(
    ("username", "message"), [("alice", "alice is geen beheerder"), ("zorro", "zorro bestaat niet")]
)
def test_it_refuses_to_import_as_someone_who_may_not(erin, alice, stored, file_of, username, message):
    with pytest.raises(CommandError, match=message):
        run(file_of(csv_file(NEW_ROW)), "--as", username)
    assert Commitment.objects.count() == 2


def test_it_refuses_without_any_beheerder(alice, stored, file_of):
    with pytest.raises(CommandError, match="Er is geen beheerder"):
        run(file_of(csv_file(NEW_ROW)))


def test_a_file_with_errors_is_refused_with_each_line_and_nothing_written(erin, alice, stored, file_of):
    path = file_of(csv_file(NEW_ROW, {**NEW_ROW, "statement": "Twee.", "owner": "zorro"}))
    before = written()
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        run(path)
    assert written() == before


def test_the_errors_go_to_stderr_with_their_line(erin, alice, stored, file_of):
    path = file_of(csv_file({**NEW_ROW, "due_date": "1-1-2024"}))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_commitments", str(path), stdout=io.StringIO(), stderr=err)
    assert "regel 2: - FOUT: due_date ‘1-1-2024’ is geen geldige datum" in err.getvalue()


def test_importing_the_same_file_twice_changes_nothing_the_second_time(erin, alice, stored, file_of):
    path = file_of(csv_file(record(stored[0], title="Anders", due_date="2024-10-01"), NEW_ROW))
    run(path)
    before = written()
    out, _ = run(path)
    assert "0 nieuw, 0 gewijzigd, 2 ongewijzigd" in out
    assert written() == before


def test_the_programme_option_fills_rows_without_one_and_refuses_others(erin, alice, stored, file_of):
    WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    out, _ = run(file_of(csv_file({**NEW_ROW, "programme": ""})), "--programme", "2024", "--dry-run")
    assert "regel 2: WP2024-003 nieuw" in out
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_commitments", str(file_of(csv_file(NEW_ROW))), "--programme", "2025", stderr=err)
    assert "hoort bij werkprogramma 2024, maar u importeert in werkprogramma 2025" in err.getvalue()


def test_an_unknown_programme_is_refused(erin, alice, stored, file_of):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_commitments", str(file_of(csv_file(NEW_ROW))), "--programme", "2031", stderr=err)
    assert "Werkprogramma 2031 bestaat niet" in err.getvalue()


def test_a_missing_file_is_named(erin, tmp_path):
    with pytest.raises(CommandError, match="weg.csv bestaat niet"):
        run(tmp_path / "weg.csv")


def test_an_xlsx_file_is_read(erin, alice, stored, file_of):
    out, _ = run(file_of(xlsx_file(NEW_ROW), name="plan.xlsx"), "--dry-run")
    assert "plan.xlsx: 1 nieuw" in out


def test_a_large_file_shows_a_progress_bar(erin, alice, stored, file_of):
    rows = [{**NEW_ROW, "statement": f"Voornemen {i}."} for i in range(250)]
    out, err = io.StringIO(), io.StringIO()
    call_command("import_commitments", str(file_of(csv_file(*rows))), "--dry-run", stdout=out, stderr=err)
    assert "250/250" in err.getvalue() and "regels" in err.getvalue()


def test_a_small_file_shows_no_progress_bar(erin, alice, stored, file_of):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_commitments", str(file_of(csv_file(NEW_ROW))), "--dry-run", stdout=out, stderr=err)
    assert err.getvalue() == ""
