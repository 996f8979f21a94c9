"""export_overview YEAR --format csv|xlsx|pdf --output FILE (DESIGN.md §5): the year-end overview as a file."""

from django.core.management.base import BaseCommand, CommandError
from xlsxwriter.exceptions import FileCreateError

from commitments import exports
from commitments.models import WorkProgramme
from commitments.overview import YearOverview


class Command(BaseCommand):
    help = "Schrijft het jaaroverzicht van een werkprogramma als CSV, XLSX of PDF, zoals de download op de site."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="het jaar van het werkprogramma, bijvoorbeeld 2024")
        parser.add_argument("--format", required=True, choices=sorted(exports.OVERVIEW_WRITERS), dest="file_format")
        parser.add_argument("--output", required=True, help="het bestand dat wordt geschreven")

    def handle(self, *args, year, file_format, output, **options):
        try:
            programme = WorkProgramme.objects.get(year=year)
        except WorkProgramme.DoesNotExist:
            raise CommandError(f"Er is geen werkprogramma {year}.") from None
        try:
            exports.save_overview(YearOverview(programme), file_format, output)
        except (OSError, FileCreateError) as error:
            raise CommandError(f"Kan {output} niet schrijven: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Jaaroverzicht {year} geschreven naar {output} ({file_format})."))
