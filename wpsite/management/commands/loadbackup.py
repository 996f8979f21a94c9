"""`manage.py loadbackup FILE`: restore a dumpdata backup (README, "Backup and restore")."""

from auditlog.context import disable_auditlog
from django.core.management.commands import loaddata


class Command(loaddata.Command):
    help = (
        "Load a backup made with dumpdata, as loaddata does, with the field history switched off: the history in the "
        "backup is restored as it was, without an entry for every row and link that the loading itself writes."
    )

    def handle(self, *fixture_labels, **options):
        with disable_auditlog():
            return super().handle(*fixture_labels, **options)
