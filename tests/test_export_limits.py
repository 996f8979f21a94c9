"""Every export bounded (issue 18 point 4, break 10: four parallel XLSX exports of a 40,000-commitment year were all
500 at 30 s). Over its limit an export is refused at once with a page that says what to do; at its limit it is made.
The limits are lowered here to a few commitments: what is shown is the behaviour at and over a limit. How long an
export at the limit takes, and that a refusal takes no time, is measured by `make bench` (bench/results.md, "exports
at their limits"), not by timed tests."""

import pytest

from commitments import exports
from tests.conftest import bulk_commitments

OVER = 6  # commitments in the year: one more than each lowered limit


def read(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def limits_of_five(monkeypatch):
    monkeypatch.setattr(exports, "REGISTER_XLSX_AT_MOST", OVER - 1)
    monkeypatch.setattr(exports, "OVERVIEW_EXPORT_AT_MOST", dict.fromkeys(exports.OVERVIEW_EXPORT_AT_MOST, OVER - 1))


@pytest.fixture
def nothing_is_written(monkeypatch):
    """A refusal must not begin the file: any workbook or overview read fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("an export over its limit began to write its file")

    monkeypatch.setattr(exports, "xlsx_workbook", refuse)
    monkeypatch.setattr(exports, "write_overview_xlsx", refuse)
    monkeypatch.setattr(exports, "overview_csv", refuse)


def test_each_xlsx_and_overview_export_over_its_limit_is_refused_at_once_with_what_to_do(
    client_for, carol, programme, politie, limits_of_five, nothing_is_written
):
    bulk_commitments(OVER, programme=programme, domain=politie)
    client = client_for(carol)
    for path in ["/commitments/?_export=xlsx", "/commitments/?programme=2024&_export=xlsx"]:
        response = client.get(path)
        assert response.status_code == 413
        page = response.content.decode()
        assert f"Deze selectie telt {OVER} voornemens" in page
        assert "_export=csv" in page  # the streamed CSV, which has no such limit
    for path in ["/overview/2024/export.xlsx", "/overview/2024/export.csv"]:
        response = client.get(path)
        assert response.status_code == 413
        assert "python manage.py export_overview 2024 --format" in response.content.decode()


def test_the_register_s_csv_that_the_refusal_offers_has_no_limit(client_for, carol, programme, politie, limits_of_five):
    bulk_commitments(OVER, programme=programme, domain=politie)
    response = client_for(carol).get("/commitments/?_export=csv")
    assert response.status_code == 200
    assert read(response).count(b"\n") == OVER + 1  # the header and every commitment


def test_the_register_s_xlsx_at_its_limit_is_made(client_for, carol, programme, politie, limits_of_five):
    bulk_commitments(OVER - 1, programme=programme, domain=politie)
    response = client_for(carol).get("/commitments/?_export=xlsx")
    assert response.status_code == 200
    assert read(response).startswith(b"PK")  # an XLSX is a zip


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_overview_export_at_its_limit_is_made(client_for, carol, programme, politie, limits_of_five, file_format):
    bulk_commitments(OVER - 1, programme=programme, domain=politie)
    response = client_for(carol).get(f"/overview/2024/export.{file_format}")
    assert response.status_code == 200
    assert read(response)


def test_a_filtered_selection_under_the_limit_is_exported(client_for, carol, programme, politie, migratie, monkeypatch):
    monkeypatch.setattr(exports, "REGISTER_XLSX_AT_MOST", 3)
    bulk_commitments(5, programme=programme, domain=politie)
    bulk_commitments(2, programme=programme, domain=migratie)
    client = client_for(carol)
    assert client.get("/commitments/?_export=xlsx").status_code == 413
    assert client.get("/commitments/?domain=migratie&_export=xlsx").status_code == 200
