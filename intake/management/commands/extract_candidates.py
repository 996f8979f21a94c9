"""manage.py extract_candidates FILE --programme YEAR --output OUT.csv: candidate commitments from a work
programme (text or PDF), in the commitment file format, for staff to curate and then import."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commitments import fileformat
from commitments.models import Status
from intake import extraction, reading

TITLE_LENGTH = 80


class Command(BaseCommand):
    help = (
        "Zoekt in een werkprogramma (tekst of PDF) de voornemens en schrijft ze als kandidaten in het "
        "bestandsformaat van het register (CSV): zonder referentie, status planned, de deadline uit de zin "
        "(anders 31 december). "
        "Controleer en verbeter ze, en importeer ze dan met import_commitments."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="het werkprogramma: een PDF of een tekstbestand (UTF-8)")
        parser.add_argument("--programme", type=int, required=True, metavar="YEAR", help="het jaar van het programma")
        parser.add_argument("--output", required=True, metavar="OUT.csv", help="het CSV-bestand om te schrijven")

    def handle(self, *args, file, programme, output, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} bestaat niet.")
        pages = self.read(path)
        found = extraction.candidates(pages, programme)
        with open(output, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(fileformat.COLUMNS)
            for candidate in found:
                writer.writerow([fileformat.spreadsheet_safe(value) for value in record(candidate, programme)])
        self.stdout.write(
            f"{len(found)} kandidaten uit {len(pages)} pagina's van {path.name} geschreven naar {output}."
        )

    def read(self, path):
        data = path.read_bytes()
        if data.startswith(b"%PDF"):
            try:
                return extraction.pages_from_pdf(path)
            except extraction.UnreadablePdf as error:
                raise CommandError(f"{path.name}: {reading.refusal(error.reason)}") from None
        try:
            return extraction.pages_from_text(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise CommandError(f"{path.name} is geen PDF en geen tekst in UTF-8.") from None


def record(candidate, year):
    """A candidate as a row of the commitment file format."""
    values = {
        "reference": "",
        "programme": year,
        "title": candidate.title or title_of(candidate.statement),
        "statement": candidate.statement,
        "source_location": f"p. {candidate.page}",
        "kind": candidate.kind,
        "domain": candidate.domain,
        "goals": ";".join(candidate.goals),
        "owner": "",
        "due_date": (candidate.due_date.isoformat() if candidate.due_date else f"{year}-12-31"),
        "expected_date": "",
        "status": Status.PLANNED,
    }
    return [values[name] for name in fileformat.COLUMNS]


def title_of(statement):
    """A first title for staff to improve: the statement's beginning, cut at a word."""
    if len(statement) <= TITLE_LENGTH:
        return statement.rstrip(".")
    return statement[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
