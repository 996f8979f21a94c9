"""Demo accounts and the Werkprogramma 2024 (DESIGN.md §5), for local use only. Running it again keeps the data."""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from commitments import imports, permissions, workflow
from commitments.models import Commitment, Domain, DropKind, Status, WorkProgramme

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
FIXTURE = FIXTURES / "werkprogramma-2024.csv"
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
DEMO = "Demogegevens, niet echt:"  # every invented step and link says so
DEMO_EVIDENCE_URL = "https://www.inspectie-jenv.nl/publicaties"
# A year worth looking at: reference → what happened to it in the demo (the rest stays planned).
IN_PROGRESS = ("WP2024-005", "WP2024-006", "WP2024-014", "WP2024-024")
UNDER_REVIEW = ("WP2024-012", "WP2024-023", "WP2024-028")
DECIDED = {
    "WP2024-011": (Status.MET, "Jaarbericht 2024, p. 18"),
    "WP2024-013": (Status.MET, "Jaarbericht 2024, p. 21"),
    "WP2024-030": (Status.MET, "Jaarbericht 2024, hoofdstuk 1"),
    "WP2024-015": (Status.PARTLY_MET, "Jaarbericht 2024, p. 24"),
    "WP2024-016": (Status.PARTLY_MET, "Jaarbericht 2024, p. 9"),
}
DELAYED_AND_CARRIED_OVER = "WP2024-022"


class Command(BaseCommand):
    help = "Maakt de demo-accounts en laadt het Werkprogramma 2024 (alleen lokaal, met DEBUG=1)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--show-mail", action="store_true", help="de e-mails van de demostappen in de console tonen"
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo is alleen voor lokaal gebruik: zet DEBUG=1.")
        if options["show_mail"]:
            return self.seed()
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            return self.seed()

    def seed(self):
        # Loading the fixture again would reset the reference counters to the fixture's 0: keep them.
        counters = dict(WorkProgramme.objects.values_list("year", "last_reference_number"))
        call_command("loaddata", FIXTURES / "werkprogramma-2024-reference.json", verbosity=0)
        for year, number in counters.items():
            WorkProgramme.objects.filter(year=year, last_reference_number__lt=number).update(
                last_reference_number=number
            )
        with transaction.atomic():
            users = self.create_accounts()
            created = self.load_commitments(users)
            next_programme = self.next_programme(users)
            if created:
                self.tell_the_year(users, next_programme)
        years = WorkProgramme.objects.order_by("year").values_list("year", flat=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-accounts: {', '.join(DEMO_ACCOUNTS)} (wachtwoord {DEMO_PASSWORD}); "
                f"{created} voornemens aangemaakt, {Commitment.objects.count()} in totaal; "
                f"werkprogramma's {', '.join(map(str, years))}."
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
            user.is_staff = permissions.BEHEERDER in roles  # the admin site is the beheerder's; the role gives the rest
            user.save()
            user.groups.add(*(groups[role] for role in roles))
            for slug in domains:
                Domain.objects.get(slug=slug).members.add(user)
            users[username] = user
        return users

    def load_commitments(self, users):
        """The commitments of the fixture, through the importer, in order, so that each keeps its reference.

        The register hands out references and an import sets no status, so the rows go in as new and planned,
        each with the demo owner of its domain; the dropped one is then decided through the workflow.
        """
        programme = WorkProgramme.objects.get(year=2024)
        if programme.commitments.exists():
            return 0
        owners = {
            domain: name
            for name, (_, _, _, domains) in DEMO_ACCOUNTS.items()
            if name.startswith("medewerker")
            for domain in domains
        }
        rows = imports.read_rows(FIXTURE.read_bytes(), FIXTURE.name)
        fixture = [dict(row.cells) for row in rows]
        for row in rows:
            row.cells.update(reference="", status="", owner=owners.get(row.cells["domain"], ""))
        plan = imports.plan_rows(rows, filename=FIXTURE.name, programme=programme.year)
        if not plan.is_valid:
            problems = plan.errors + [f"regel {row.line}: {' '.join(row.errors)}" for row in plan.rows if row.errors]
            raise CommandError("\n".join(problems))
        imports.apply_plan(plan, by=users["beheerder"])
        for planned, original in zip(plan.rows, fixture, strict=True):
            if planned.reference != original["reference"]:
                raise CommandError(f"{original['reference']} kreeg referentie {planned.reference}.")
            if original["status"] == Status.DROPPED:
                self.drop(Commitment.objects.get(reference=planned.reference), users)
        return len(plan.rows)

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
            drop_kind=DropKind.BY_PROGRAMME,
        )

    def next_programme(self, users):
        """The Werkprogramma 2025, open, with the goals of 2024: the year that 2024's delays continue in."""
        existing = WorkProgramme.objects.filter(year=2025).first()
        if existing:
            return existing
        return workflow.create_programme(
            by=users["beheerder"],
            year=2025,
            title="Werkprogramma 2025",
            goals=list(WorkProgramme.objects.get(year=2024).goals.all()),
        )

    def tell_the_year(self, users, next_programme):
        """Leave 2024 as it might stand in the spring of 2025: some in progress, some under review, some decided
        with evidence and Jaarbericht references, one delayed and carried over. Every step through the workflow."""
        commitments = Commitment.objects.select_related("domain", "owner").in_bulk(
            [*IN_PROGRESS, *UNDER_REVIEW, *DECIDED, DELAYED_AND_CARRIED_OVER], field_name="reference"
        )
        reviewer = users["reviewer"]
        for reference in IN_PROGRESS:
            commitment = commitments[reference]
            workflow.start(commitment, by=commitment.owner)
            workflow.add_note(commitment, by=commitment.owner, text=f"{DEMO} de uitvoering loopt volgens plan.")
        for reference in UNDER_REVIEW:
            self.submit(commitments[reference], Status.MET)
        for reference, (verdict, place) in DECIDED.items():
            commitment = commitments[reference]
            self.submit(commitment, verdict)
            workflow.review(commitment, by=reviewer, decision="approve", verdict=verdict, annual_report_reference=place)
        delayed = commitments[DELAYED_AND_CARRIED_OVER]
        self.submit(delayed, Status.DELAYED, expected_date=datetime.date(2025, 6, 30))
        workflow.review(
            delayed,
            by=reviewer,
            decision="approve",
            verdict=Status.DELAYED,
            annual_report_reference="Jaarbericht 2024, p. 13",
        )
        workflow.carry_over(delayed, by=delayed.owner, reason=f"{DEMO} het onderzoek loopt door in 2025.")

    def submit(self, commitment, verdict, expected_date=None):
        owner = commitment.owner
        workflow.start(commitment, by=owner)
        if verdict in (Status.MET, Status.PARTLY_MET):
            workflow.add_evidence(
                commitment,
                by=owner,
                url=DEMO_EVIDENCE_URL,
                title=f"{DEMO} publicatie bij {commitment.reference}",
                kind="report",
                published_on=datetime.date(2024, 10, 1),
            )
        workflow.submit(
            commitment,
            by=owner,
            proposed_verdict=verdict,
            explanation=f"{DEMO} zie het bewijs.",
            expected_date=expected_date,
        )
