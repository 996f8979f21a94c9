"""export_overview YEAR --format csv|excel-csv|xlsx|pdf|docx --output FILE (DESIGN.md §5): the year-end overview as a
file, the same bytes as the download; docx is the Jaarbericht chapter (commitments/jaarbericht.py)."""

from django.core.management.base import BaseCommand, CommandError
from xlsxwriter.exceptions import FileCreateError

from commitments import exports, jaarbericht
from commitments.models import WorkProgramme
from commitments.overview import YearOverview


class Command(BaseCommand):
    help = (
        "Schrijft het jaaroverzicht van een werkprogramma als CSV, XLSX of PDF, of het hoofdstuk voor het jaarbericht "
        "als DOCX, zoals de download op de site."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="het jaar van het werkprogramma, bijvoorbeeld 2024")
        parser.add_argument(
            "--format", required=True, choices=sorted([*exports.OVERVIEW_FORMATS, "docx"]), dest="file_format"
        )
        parser.add_argument("--output", required=True, help="het bestand dat wordt geschreven")

    def handle(self, *args, year, file_format, output, **options):
        try:
            programme = WorkProgramme.objects.get(year=year)
        except WorkProgramme.DoesNotExist:
            raise CommandError(f"Er is geen werkprogramma {year}.") from None
        overview = YearOverview(programme)
        if file_format == "docx" and not overview.totals.total:
            raise CommandError(f"Het werkprogramma {year} heeft geen voornemens: er is geen hoofdstuk te schrijven.")
        try:
            write(overview, file_format, output)
        except (OSError, FileCreateError) as error:
            raise CommandError(f"Kan {output} niet schrijven: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Jaaroverzicht {year} geschreven naar {output} ({file_format})."))


def write(overview, file_format, output):
    """The file of `overview` in `file_format` at the path `output`, by the writers the download uses."""
    if file_format in ("csv", "excel-csv"):
        pieces = exports.overview_csv(overview) if file_format == "csv" else exports.overview_excel_csv(overview)
        with open(output, "w", encoding="utf-8", newline="") as handle:  # the writer's line ends, as downloaded
            handle.writelines(pieces)
    elif file_format == "xlsx":
        exports.write_overview_xlsx(overview, output)
    else:
        with open(output, "wb") as handle:
            if file_format == "pdf":
                handle.write(exports.render_overview_pdf(overview))
            else:
                jaarbericht.write_chapter(overview, handle)
