"""Demo accounts and the Werkprogramma 2024 (DESIGN.md §5), for local use only. Running it again keeps the data."""

import csv
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from commitments import permissions, workflow
from commitments.models import Commitment, Domain, Goal, Status, WorkProgramme

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "wpsite-demo"  # noqa: S105 (the documented demo password; seed_demo refuses to run without DEBUG)
# username: (first name, last name, roles, domains)
DEMO_ACCOUNTS = {
    "medewerker": ("Anna", "de Vries", [permissions.STAFF], ["politie", "jeugd", "organisatie"]),
    "medewerker2": ("Daan", "Bakker", [permissions.STAFF], ["migratie", "sanctietoepassing"]),
    "reviewer": ("Bram", "Jansen", [permissions.REVIEWER], []),
    "reviewer2": ("Eva", "Visser", [permissions.REVIEWER, permissions.STAFF], ["politie"]),
    "manager": ("Carla", "Smit", [permissions.MANAGER], []),
    "beheerder": ("Frank", "Mulder", [permissions.BEHEERDER], []),
}
DROPPED_REASON = "Voor 2024 is besloten dit toezicht niet voort te zetten."


class Command(BaseCommand):
    help = "Maakt de demo-accounts en laadt het Werkprogramma 2024 (alleen lokaal, met DEBUG=1)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo is alleen voor lokaal gebruik: zet DEBUG=1.")
        call_command("loaddata", FIXTURES / "werkprogramma-2024-reference.json", verbosity=0)
        with transaction.atomic():
            users = self.create_accounts()
            created = self.load_commitments(users)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-accounts: {', '.join(DEMO_ACCOUNTS)} (wachtwoord {DEMO_PASSWORD}); "
                f"{created} voornemens aangemaakt, {Commitment.objects.count()} in totaal."
            )
        )

    def create_accounts(self):
        User = get_user_model()
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in permissions.ROLES}
        users = {}
        for username, (first_name, last_name, roles, domains) in DEMO_ACCOUNTS.items():
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@example.org"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = permissions.BEHEERDER in roles  # the admin site is the beheerder's
            user.save()
            user.groups.add(*(groups[role] for role in roles))
            for slug in domains:
                Domain.objects.get(slug=slug).members.add(user)
            users[username] = user
        return users

    def load_commitments(self, users):
        """The commitments of the fixture, in order, so that each keeps its reference."""
        programme = WorkProgramme.objects.get(year=2024)
        if programme.commitments.exists():
            return 0
        owners = {
            domain: users[name]
            for name, (_, _, _, domains) in DEMO_ACCOUNTS.items()
            if name.startswith("medewerker")
            for domain in domains
        }
        goals = {goal.code: goal for goal in Goal.objects.all()}
        domains = {domain.slug: domain for domain in Domain.objects.all()}
        created = 0
        with open(FIXTURES / "werkprogramma-2024.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                commitment = workflow.create_commitment(
                    by=users["beheerder"],
                    programme=programme,
                    title=row["title"],
                    statement=row["statement"],
                    source_location=row["source_location"],
                    kind=row["kind"],
                    domain=domains[row["domain"]],
                    owner=owners.get(row["domain"]),
                    due_date=programme.default_due_date,
                    goals=[goals[code] for code in row["goals"].split(";") if code],
                )
                if commitment.reference != row["reference"]:
                    raise CommandError(f"{row['reference']} kreeg referentie {commitment.reference}.")
                if row["status"] == Status.DROPPED:
                    self.drop(commitment, users)
                created += 1
        return created

    def drop(self, commitment, users):
        """The programme itself ends this intention: recorded through the workflow, four eyes and all."""
        staff = commitment.owner or users["beheerder"]
        workflow.start(commitment, by=staff)
        workflow.submit(commitment, by=staff, proposed_verdict=Status.DROPPED, explanation=DROPPED_REASON)
        workflow.review(
            commitment,
            by=users["reviewer"],
            decision="approve",
            verdict=Status.DROPPED,
            annual_report_reference="Werkprogramma 2024, p. 8",
        )
