"""export_overview YEAR --format csv|xlsx|pdf|docx --output FILE (DESIGN.md §5): the year-end overview as a file; docx
is the Jaarbericht chapter (commitments/jaarbericht.py)."""

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
            "--format", required=True, choices=sorted([*exports.OVERVIEW_WRITERS, "docx"]), dest="file_format"
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
            if file_format == "docx":
                with open(output, "wb") as handle:
                    jaarbericht.write_chapter(overview, handle)
            else:
                exports.save_overview(overview, file_format, output)
        except (OSError, FileCreateError) as error:
            raise CommandError(f"Kan {output} niet schrijven: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Jaaroverzicht {year} geschreven naar {output} ({file_format})."))
