"""manage.py import_commitments FILE [--programme YEAR] [--dry-run] [--as USERNAME] (DESIGN.md §5)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from tqdm import tqdm

from commitments import imports, permissions

# From this many rows on, planning and applying show a progress bar.
PROGRESS_FROM = 200
OUTCOME_LABELS = {
    imports.CREATED: "nieuw",
    imports.UPDATED: "gewijzigd",
    imports.UNCHANGED: "ongewijzigd",
    imports.ERROR: "FOUT",
}


class Command(BaseCommand):
    help = (
        "Importeert voornemens uit een CSV- of XLSX-bestand in het bestandsformaat van het register. "
        "Eerst wordt elke regel gecontroleerd; alleen een bestand zonder fouten wordt opgeslagen, helemaal of niet."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="het CSV- of XLSX-bestand")
        parser.add_argument(
            "--programme", type=int, metavar="YEAR", help="werkprogramma (jaar) voor regels zonder programme"
        )
        parser.add_argument("--dry-run", action="store_true", help="alleen laten zien wat er zou gebeuren")
        parser.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            help="wie importeert (staat in de geschiedenis); standaard de eerste beheerder of superuser",
        )

    def handle(self, *args, file, programme, dry_run, username, verbosity, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} bestaat niet.")
        if path.stat().st_size > imports.MAX_FILE_BYTES:  # before reading it: the same limit as the upload
            raise CommandError(imports.too_large_message(path.name))
        by = self.importer(username)
        progress = self.progress_bar(verbosity)
        plan = imports.plan_import(path.read_bytes(), filename=path.name, programme=programme, progress=progress)
        self.report(plan, verbosity)
        if not plan.is_valid:
            raise CommandError("Niets geïmporteerd: verbeter de fouten hierboven en probeer het opnieuw.")
        if dry_run:
            self.stdout.write("Proefimport: er is niets opgeslagen.")
            return
        try:
            counts = imports.apply_plan(plan, by=by, progress=progress)
        except imports.ImportRefused as refusal:
            raise CommandError(refusal.message) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Geïmporteerd door {by.username}: {counts['created']} nieuw, {counts['updated']} gewijzigd, "
                f"{counts['unchanged']} ongewijzigd."
            )
        )

    def importer(self, username):
        User = get_user_model()
        if username:
            try:
                user = User.objects.get(username=username)
            except User.DoesNotExist:
                raise CommandError(f"Gebruiker {username} bestaat niet.") from None
        else:
            user = (
                User.objects.filter(Q(is_superuser=True) | Q(groups__name=permissions.BEHEERDER), is_active=True)
                .order_by("pk")
                .first()
            )
            if user is None:
                raise CommandError("Er is geen beheerder om als te importeren; geef er een met --as.")
        if not permissions.can_import(user):
            raise CommandError(f"{user.username} is geen beheerder en mag niet importeren.")
        return user

    def progress_bar(self, verbosity):
        """A tqdm bar on stderr for large files (none with --verbosity 0)."""

        # The wrapped stream itself: OutputWrapper.write would end each refresh of the bar with a newline.
        stream = self.stderr._out

        def wrap(rows):
            show = verbosity > 0 and len(rows) >= PROGRESS_FROM
            return tqdm(rows, unit=" regels", file=stream, disable=not show)

        return wrap

    def report(self, plan, verbosity):
        """Every row with its line number and outcome (with --verbosity 0: only the errors), then the counts."""
        for error in plan.errors:
            self.stderr.write(error)
        for row in plan.rows:
            if verbosity == 0 and row.outcome != imports.ERROR:
                continue
            label = OUTCOME_LABELS[row.outcome]
            line = f"regel {row.line}: {row.reference or '-'} {label}"
            if row.outcome == imports.ERROR:
                self.stderr.write(f"{line}: {' '.join(row.errors)}")
            elif row.outcome == imports.UPDATED:
                changes = "; ".join(f"{c.field}: {_short(c.old)} → {_short(c.new)}" for c in row.changes)
                self.stdout.write(f"{line}: {changes}")
            else:
                self.stdout.write(line)
        if plan.rows:
            counts = plan.counts()
            self.stdout.write(
                f"{plan.filename}: {counts['created']} nieuw, {counts['updated']} gewijzigd, "
                f"{counts['unchanged']} ongewijzigd, {counts['error']} met fouten."
            )


def _short(text, limit=60):
    text = text or "(leeg)"
    return text if len(text) <= limit else text[: limit - 1] + "…"
