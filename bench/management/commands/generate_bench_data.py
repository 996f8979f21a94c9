"""Synthetic commitments in bulk for the benchmark (`make bench`, issue 7): years of work programmes with their
owners, goals, evidence, workflow steps and field history, as the workflow would have left them.

Rows are written as plain tuples, a batch at a time (COPY on PostgreSQL, one executemany on SQLite), with their
ids taken beforehand so that rows can point at each other without reading anything back; not step by step through
the workflow: 20,000 commitments take seconds instead of an hour. What the workflow guarantees is kept by
construction: a decided commitment points at its approving step, a delayed one has an expected date, every step
is a Review row from the status it left to the status it reached, and each step, evidence link and goal has the
history row auditlog writes.
"""

import csv
import datetime
import functools
import itertools
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from commitments import permissions
from commitments.models import (
    Action,
    Commitment,
    Domain,
    DropKind,
    EvidenceKind,
    EvidenceLink,
    Goal,
    Kind,
    Review,
    Status,
    WorkProgramme,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
REFERENCE_FIXTURE = FIXTURES / "werkprogramma-2024-reference.json"
STATEMENTS_FIXTURE = FIXTURES / "werkprogramma-2024.csv"

EVIDENCE_PER_COMMITMENT = 3
# The accounts the benchmark logs in as (all others are staff of a domain).
BEHEERDER_USERNAME = "f.mulder"
MANAGER_USERNAME = "c.smit"
REVIEWERS = (
    ("b.jansen", "Bram", "Jansen"),
    ("e.visser", "Eva", "Visser"),
    ("h.dekker", "Hanneke", "Dekker"),
    ("l.bos", "Lars", "Bos"),
    ("m.peters", "Merel", "Peters"),
    ("s.hendriks", "Stijn", "Hendriks"),
)
STAFF_PER_DOMAIN = 4

FIRST_NAMES = (
    "Anna", "Daan", "Sanne", "Lars", "Fleur", "Thijs", "Iris", "Ruben", "Lotte", "Jesse", "Noor", "Bas", "Eline",
    "Sem", "Maud", "Joris", "Femke", "Koen", "Roos", "Tim", "Esther", "Wouter", "Marloes", "Pieter", "Hanneke",
    "Niels", "Ilse", "Gijs", "Merel", "Stijn", "Yara", "Mohamed", "Fatima", "Youssef", "Aylin", "Priya",
)  # fmt: skip
LAST_NAMES = (
    "de Vries", "Bakker", "van Dijk", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
    "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Berg", "Schouten", "El Amrani", "Yilmaz", "Kaya",
)  # fmt: skip

# Shares of each status by the age of the programme: this year's mostly under way, last year's being accounted for
# in the annual report, older ones decided.
STATUS_SHARES_BY_AGE = (
    {
        Status.PLANNED: 25,
        Status.IN_PROGRESS: 40,
        Status.UNDER_REVIEW: 10,
        Status.MET: 15,
        Status.PARTLY_MET: 4,
        Status.DELAYED: 4,
        Status.DROPPED: 2,
    },
    {
        Status.IN_PROGRESS: 2,
        Status.UNDER_REVIEW: 6,
        Status.MET: 56,
        Status.PARTLY_MET: 15,
        Status.DELAYED: 13,
        Status.DROPPED: 8,
    },
    {Status.MET: 60, Status.PARTLY_MET: 16, Status.DELAYED: 14, Status.DROPPED: 10},
)
DOMAIN_WEIGHTS = {
    "politie": 22,
    "migratie": 14,
    "jeugd": 14,
    "sanctietoepassing": 16,
    "crisisbeheersing": 8,
    "cannabis": 3,
    "incasso": 3,
    "strafrechtketen": 12,
    "organisatie": 8,
}
KIND_WEIGHTS = {
    Kind.PUBLICATION: 35,
    Kind.SUPERVISION: 35,
    Kind.FOLLOW_UP: 15,
    Kind.ORGANISATIONAL: 10,
    Kind.OTHER: 5,
}
EVIDENCE_KINDS = list(EvidenceKind.values)
# For random.choices, which would otherwise add the weights up again for every draw (the same draws).
DOMAIN_SLUGS, DOMAIN_CUM_WEIGHTS = list(DOMAIN_WEIGHTS), list(itertools.accumulate(DOMAIN_WEIGHTS.values()))
KINDS, KIND_CUM_WEIGHTS = list(KIND_WEIGHTS), list(itertools.accumulate(KIND_WEIGHTS.values()))
CARRIED_OVER_SHARE = 0.5  # of the delayed commitments of a year, continued in the next
SENT_BACK_SHARE = 0.15  # of the submitted commitments, sent back once before the verdict
LOGGED_FIELDS = (
    "id",
    "reference",
    "programme",
    "sequence",
    "title",
    "statement",
    "source_location",
    "kind",
    "domain",
    "owner",
    "due_date",
    "expected_date",
    "status",
    "decision",
    "predecessor",
)


def at(day, hour=10, minute=0):
    """A moment on `day` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# Plain records, not model instances: building 80,000 Commitment and Review objects (and Django's per-field work
# to insert them) took a third of the run. They carry what the rows need, their ids given before writing.


@dataclass(slots=True)
class Step:
    """One Review row to write."""

    action: str
    from_status: str
    to_status: str
    actor: object
    created_at: datetime.datetime
    proposed_verdict: str = ""
    verdict: str = ""
    text: str = ""
    annual_report_reference: str = ""
    expected_date: datetime.date | None = None
    pk: int | None = None

    @property
    def drop_kind(self):
        return DropKind.DURING_YEAR if self.action == Action.APPROVE and self.verdict == Status.DROPPED else ""


@dataclass(slots=True)
class Evidence:
    """One evidence link to write."""

    url: str
    title: str
    kind: str
    published_on: datetime.date
    note: str
    added_by: object
    added_at: datetime.datetime
    pk: int | None = None


@dataclass(slots=True)
class Planned:
    """One commitment to write, and what happens to it."""

    title: str
    statement: str
    source_location: str
    kind: str
    domain: Domain
    owner: object
    due_date: datetime.date
    final_status: str
    expected_date: datetime.date | None = None
    predecessor: "Planned | None" = None
    goals: list = field(default_factory=list)
    steps: list = field(default_factory=list)  # Steps, in order
    decision: Step | None = None
    evidence: list = field(default_factory=list)
    pk: int | None = None
    sequence: int | None = None
    reference: str = ""


class Command(BaseCommand):
    help = (
        "Maakt synthetische voornemens voor de benchmark: werkprogramma's, medewerkers, bewijs, workflowstappen "
        "en historie. Voegt toe aan de database; alleen met DEBUG=1, of met --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--commitments", type=int, default=20_000, help="aantal voornemens (standaard 20000)")
        parser.add_argument("--years", type=int, default=10, help="aantal werkprogramma's, tot en met dit jaar")
        parser.add_argument("--seed", type=int, default=2024, help="startwaarde van het toeval (herhaalbaar)")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help="voornemens per schrijfbeurt, met hun stappen, bewijs en historie",
        )
        parser.add_argument("--force", action="store_true", help="ook zonder DEBUG (bijv. de benchmarkdatabase)")

    def handle(self, *args, commitments, years, seed, batch_size, force, verbosity, **options):
        if commitments < 0 or years < 1 or batch_size < 1:
            raise CommandError("--commitments moet ten minste 0 zijn, --years en --batch-size ten minste 1.")
        if not settings.DEBUG and not force:
            raise CommandError(
                "generate_bench_data schrijft verzonnen gegevens en accounts: alleen met DEBUG=1, of met --force "
                "voor een database die daarvoor bedoeld is."
            )
        self.verbosity = verbosity
        self.random = random.Random(seed)
        self.batch_size = batch_size
        database = connection.settings_dict
        self.say(
            f"{commitments} voornemens over {years} werkprogramma's toevoegen aan {connection.vendor} "
            f"database {database['NAME']} (seed {seed})."
        )
        started = time.perf_counter()
        if not Domain.objects.exists() or not Goal.objects.exists():
            call_command("loaddata", REFERENCE_FIXTURE, verbosity=0)
        self.goals = list(Goal.objects.order_by("id"))
        self.goal_names = {goal: str(goal) for goal in self.goals}
        # Once, not per link: each str() of a lazy label is a translation lookup.
        self.evidence_labels = {kind: str(label) for kind, label in EvidenceKind.choices}
        self.today = timezone.localdate()
        self.at = functools.lru_cache(maxsize=None)(at)  # the same days and hours recur thousands of times
        self.domains = {domain.slug: domain for domain in Domain.objects.all()}
        self.texts = self.read_texts()
        self.commitment_type = ContentType.objects.get_for_model(Commitment)
        self.evidence_type = ContentType.objects.get_for_model(EvidenceLink)
        with transaction.atomic():
            self.create_accounts()
        this_year = timezone.localdate().year
        year_list = list(range(this_year - years + 1, this_year + 1))
        per_year = [commitments // years + (1 if i < commitments % years else 0) for i in range(years)]
        delayed_before = []
        totals = Counter()
        for year, count in zip(year_list, per_year, strict=True):
            with transaction.atomic():
                programme = self.programme(year)
                delayed_before, counts = self.generate_year(programme, count, delayed_before)
            totals.update(counts)
            self.say(f"  {year}: {count} voornemens ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})")
        self.analyse()
        self.say(
            f"Klaar in {time.perf_counter() - started:.1f} s: {sum(totals.values())} voornemens, "
            f"{Commitment.objects.count()} in totaal in de database."
        )

    def analyse(self):
        """PostgreSQL: statistics of every table, as autovacuum would gather them within a minute or so after such a
        load in production; without them the benchmark's first queries would be planned for empty tables. SQLite
        gathers none by itself (only ANALYZE or PRAGMA optimize, which the site does not run): none here either."""
        if connection.vendor != "postgresql":
            return
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.say(f"  statistieken bijgewerkt (ANALYZE) in {time.perf_counter() - started:.1f} s")

    def say(self, text):
        if self.verbosity:
            self.stdout.write(text)

    # --- reference data and people --------------------------------------------------------------

    def read_texts(self):
        """(title, statement, source location) of the real Werkprogramma 2024, to vary from."""
        with STATEMENTS_FIXTURE.open(encoding="utf-8") as handle:
            return [(row["title"], row["statement"], row["source_location"]) for row in csv.DictReader(handle)]

    def create_accounts(self):
        """Staff in every domain, reviewers (one of them also staff), a manager and a beheerder; no passwords."""
        User = get_user_model()
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in permissions.ROLES}
        names = [(first, last) for last in LAST_NAMES for first in FIRST_NAMES]
        self.random.shuffle(names)
        wanted = {
            BEHEERDER_USERNAME: ("Frank", "Mulder", [permissions.BEHEERDER], []),
            MANAGER_USERNAME: ("Carla", "Smit", [permissions.MANAGER], []),
        }
        for username, first, last in REVIEWERS:
            wanted[username] = (first, last, [permissions.REVIEWER], [])
        # A reviewer who is also staff of a domain: the four-eyes rule binds people, not roles.
        wanted["e.visser"] = ("Eva", "Visser", [permissions.REVIEWER, permissions.STAFF], ["politie"])
        pool = iter(names)
        for slug in DOMAIN_WEIGHTS:
            for _ in range(STAFF_PER_DOMAIN):
                first, last = next(pool)
                username = f"{first[0]}.{last.replace(' ', '')}".lower()
                while username in wanted:
                    username += "2"
                wanted[username] = (first, last, [permissions.STAFF], [slug])
        # A few people work in two domains.
        staff = [name for name, spec in wanted.items() if spec[2] == [permissions.STAFF]]
        for username in self.random.sample(staff, 4):
            slugs = wanted[username][3]
            slugs.append(self.random.choice([slug for slug in DOMAIN_WEIGHTS if slug not in slugs]))

        existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
        unusable = make_password(None)
        User.objects.bulk_create(
            User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                password=unusable,
                is_staff=permissions.BEHEERDER in roles,
                is_superuser=permissions.BEHEERDER in roles,
            )
            for username, (first, last, roles, _) in wanted.items()
            if username not in existing
        )
        users = {user.username: user for user in User.objects.filter(username__in=wanted)}
        memberships, domain_members = [], Domain.members.through
        for username, (_, _, roles, slugs) in wanted.items():
            users[username].groups.add(*(groups[role] for role in roles))
            memberships += [
                domain_members(domain_id=self.domains[slug].pk, user_id=users[username].pk) for slug in slugs
            ]
        domain_members.objects.bulk_create(memberships, ignore_conflicts=True)

        self.staff_by_domain = {slug: [] for slug in self.domains}
        for username, (_, _, _, slugs) in wanted.items():
            for slug in slugs:
                self.staff_by_domain[slug].append(users[username])
        self.reviewers = [users[username] for username, _, _ in REVIEWERS]
        self.beheerder = users[BEHEERDER_USERNAME]

    def programme(self, year):
        programme, _ = WorkProgramme.objects.get_or_create(
            year=year,
            defaults={
                "title": f"Werkprogramma {year}",
                "published_on": datetime.date(year - 1, 9, 15),
                "source_url": f"https://www.inspectie-jenv.nl/publicaties/werkprogramma-{year}",
            },
        )
        if year < timezone.localdate().year and not programme.annual_report_published_on:
            programme.annual_report_title = f"Jaarbericht {year}"
            programme.annual_report_url = f"https://www.inspectie-jenv.nl/publicaties/jaarbericht-{year}"
            programme.annual_report_published_on = datetime.date(year + 1, 5, 15)
            programme.save()
        programme.goals.add(*self.goals)
        return programme

    # --- one programme ----------------------------------------------------------------------------

    def generate_year(self, programme, count, delayed_before):
        """Write `count` commitments of `programme`; returns the delayed ones (to carry over) and the counts."""
        age = max(0, timezone.localdate().year - programme.year)
        shares = STATUS_SHARES_BY_AGE[min(age, len(STATUS_SHARES_BY_AGE) - 1)]
        statuses = self.random.choices(list(shares), weights=list(shares.values()), k=count)
        carried = [c for c in delayed_before if self.random.random() < CARRIED_OVER_SHARE][:count]
        predecessors = carried + [None] * (count - len(carried))
        plans = [self.plan(programme, status, before) for status, before in zip(statuses, predecessors, strict=True)]

        start = programme.last_reference_number
        for number, plan in enumerate(plans, start=start + 1):
            plan.sequence = number
            plan.reference = f"WP{programme.year}-{number:03d}"
        for chunk in self.chunks(plans):
            self.write(programme, chunk)
        programme.last_reference_number = start + count
        programme.save(update_fields=["last_reference_number"])
        # The carry-over steps on last year's delayed commitments, now that their successors have references.
        self.write_carry_overs(plans[: len(carried)], carried)
        delayed = [p for p in plans if p.final_status == Status.DELAYED]
        return delayed, Counter(p.final_status for p in plans)

    def chunks(self, items):
        for start in range(0, len(items), self.batch_size):
            yield items[start : start + self.batch_size]

    def plan(self, programme, final_status, predecessor=None):
        """One commitment of the year with its goals, evidence and steps, not yet written."""
        rng = self.random
        year = programme.year
        slug = rng.choices(DOMAIN_SLUGS, cum_weights=DOMAIN_CUM_WEIGHTS)[0]
        domain = self.domains[slug]
        title, statement, location = rng.choice(self.texts)
        due_date = datetime.date(year, 12, 31) if rng.random() < 0.7 else datetime.date(year, rng.randint(3, 12), 1)
        plan = Planned(
            title=title if rng.random() < 0.6 else f"{title} ({domain.name.lower()})"[:200],
            statement=statement.replace("2024", str(year)),
            source_location=location,
            kind=rng.choices(KINDS, cum_weights=KIND_CUM_WEIGHTS)[0],
            domain=domain,
            owner=rng.choice(self.staff_by_domain[slug]) if rng.random() < 0.9 else None,
            due_date=due_date,
            final_status=final_status,
        )
        if predecessor is not None:
            self.continue_from(plan, predecessor)
        plan.goals = rng.sample(self.goals, rng.choice((0, 1, 1, 1, 2, 2)))
        self.plan_steps(plan, year)
        self.plan_evidence(plan, year)
        return plan

    def continue_from(self, plan, predecessor):
        """A delayed commitment of last year, carried over: same text, domain and owner, planned again."""
        plan.predecessor = predecessor
        plan.title = predecessor.title
        plan.statement = predecessor.statement
        plan.domain = predecessor.domain
        plan.owner = predecessor.owner
        plan.kind = predecessor.kind

    def plan_steps(self, plan, year):
        """The Review rows that lead to the final status, with moments spread over the year."""
        rng, status = self.random, plan.final_status
        if status == Status.PLANNED:
            return
        staff = plan.owner or rng.choice(self.staff_by_domain[plan.domain.slug])
        moment = self.at(datetime.date(year, rng.randint(1, 4), rng.randint(1, 28)), rng.randint(8, 17))

        def step(action, from_status, to_status, actor, **fields):
            nonlocal moment
            moment += datetime.timedelta(days=rng.randint(3, 60), minutes=rng.randint(0, 600))
            review = Step(action, from_status, to_status, actor, moment, **fields)
            plan.steps.append(review)
            return review

        step(Action.START, Status.PLANNED, Status.IN_PROGRESS, staff)
        if status == Status.IN_PROGRESS:
            return
        verdict = status if status in (Status.MET, Status.PARTLY_MET, Status.DELAYED, Status.DROPPED) else None
        proposed = verdict or rng.choice((Status.MET, Status.MET, Status.PARTLY_MET, Status.DELAYED))
        expected = datetime.date(year + 1, rng.randint(1, 12), 1)
        if verdict == Status.DELAYED or proposed == Status.DELAYED:
            plan.expected_date = expected
        owner_id = plan.owner.pk if plan.owner else None
        reviewer = rng.choice([r for r in self.reviewers if r.pk not in (staff.pk, owner_id)])
        if rng.random() < SENT_BACK_SHARE:
            step(Action.SUBMIT, Status.IN_PROGRESS, Status.UNDER_REVIEW, staff, proposed_verdict=proposed,
                 text="Eerste aanbieding; zie bewijs.")  # fmt: skip
            step(Action.SEND_BACK, Status.UNDER_REVIEW, Status.IN_PROGRESS, reviewer,
                 text="Het bewijs laat nog niet zien dat het voornemen is gerealiseerd; vul aan.")  # fmt: skip
        step(
            Action.SUBMIT,
            Status.IN_PROGRESS,
            Status.UNDER_REVIEW,
            staff,
            proposed_verdict=proposed,
            text=self.explanation(proposed),
            expected_date=expected if proposed == Status.DELAYED else None,
        )
        if verdict is None:
            return
        plan.decision = step(
            Action.APPROVE,
            Status.UNDER_REVIEW,
            verdict,
            reviewer,
            verdict=verdict,
            proposed_verdict=proposed,
            text="" if verdict == proposed else "Het bewijs rechtvaardigt een ander oordeel.",
            annual_report_reference=f"Jaarbericht {year}, p. {rng.randint(4, 60)}",
            expected_date=plan.expected_date if verdict == Status.DELAYED else None,
        )

    def explanation(self, verdict):
        return {
            Status.MET: "Het rapport is gepubliceerd en aan de Tweede Kamer gestuurd.",
            Status.PARTLY_MET: "Het onderzoek is afgerond; de publicatie volgt voor een deel in het volgende jaar.",
            Status.DELAYED: "Door capaciteitsgebrek bij de onder toezicht gestelde loopt het onderzoek vertraging op.",
            Status.DROPPED: "Op verzoek van de minister is het onderzoek vervangen door een breder onderzoek.",
        }[verdict]

    def plan_evidence(self, plan, year):
        rng, today = self.random, self.today
        added_by = plan.owner or self.beheerder
        for number in range(1, EVIDENCE_PER_COMMITMENT + 1):
            kind = rng.choice(EVIDENCE_KINDS)
            # Now and then dated after the due date: the reviewer's warning case.
            if rng.random() < 0.95:
                published_on = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            else:
                published_on = datetime.date(year + 1, rng.randint(1, 3), 1)
            plan.evidence.append(
                Evidence(
                    url=f"https://www.inspectie-jenv.nl/publicaties/{year}/{kind}-{rng.randint(1000, 999999)}",
                    title=f"{self.evidence_labels[kind]} {number}: {plan.title}"[:300],
                    kind=kind,
                    published_on=published_on,
                    note="" if rng.random() < 0.7 else "Zie de samenvatting op p. 3.",
                    added_by=added_by,
                    added_at=self.at(min(published_on, today), 16),
                )
            )

    # --- writing ------------------------------------------------------------------------------------

    def write(self, programme, plans):
        """One batch: commitments, their goals, steps, evidence and history, as plain rows with ids given
        beforehand, so that nothing has to be read back. A decided commitment is written with its decision at
        once: the foreign keys are checked at commit, the check constraints per row."""
        steps = [step for plan in plans for step in plan.steps]
        evidence = [link for plan in plans for link in plan.evidence]
        for plan, pk in zip(plans, allocate_ids(Commitment, len(plans)), strict=True):
            plan.pk = pk
        for step, pk in zip(steps, allocate_ids(Review, len(steps)), strict=True):
            step.pk = pk
        for link, pk in zip(evidence, allocate_ids(EvidenceLink, len(evidence)), strict=True):
            link.pk = pk
        created = self.created_on(programme)
        insert_rows(
            Commitment,
            COMMITMENT_FIELDS,
            [
                (p.pk, p.reference, programme.pk, p.sequence, p.title, p.statement, p.source_location, p.kind,
                 p.domain.pk, p.owner.pk if p.owner else None, p.due_date, p.expected_date, p.final_status,
                 p.decision.pk if p.decision else None, p.predecessor.pk if p.predecessor else None,
                 1 + len(p.steps), 1 + len(p.evidence), created, created)
                for p in plans
            ],
        )  # fmt: skip
        insert_rows(Commitment.goals.through, ("commitment", "goal"), [(p.pk, g.pk) for p in plans for g in p.goals])
        insert_rows(Review, REVIEW_FIELDS, [self.review_row(plan.pk, step) for plan in plans for step in plan.steps])
        insert_rows(
            EvidenceLink,
            ("id", "commitment", "url", "title", "kind", "published_on", "note", "added_by", "added_at"),
            [
                (e.pk, p.pk, e.url, e.title, e.kind, e.published_on, e.note, e.added_by.pk, e.added_at)
                for p in plans
                for e in p.evidence
            ],
        )
        insert_rows(LogEntry, HISTORY_FIELDS, list(self.history(programme, plans)))

    def created_on(self, programme):
        return self.at(programme.published_on or datetime.date(programme.year - 1, 9, 15))

    @staticmethod
    def review_row(commitment_pk, step):
        return (step.pk, commitment_pk, step.action, step.from_status, step.to_status, step.actor.pk,
                step.proposed_verdict, step.verdict, step.text, step.annual_report_reference, step.expected_date,
                step.drop_kind, "[]", step.created_at)  # fmt: skip

    def history(self, programme, plans):
        """The rows auditlog writes (HISTORY_FIELDS): creation, goals added, each evidence link, each step.
        The changes as JSON text, written once here rather than by the field per row."""
        dumps = json.dumps
        created = self.created_on(programme)
        commitment_type, evidence_type = self.commitment_type.pk, self.evidence_type.pk
        for plan in plans:
            pk, text_pk = plan.pk, str(plan.pk)
            representation = f"{plan.reference} {plan.title}"[:200]
            actor = (plan.owner or self.beheerder).pk
            creation = dumps(self.creation_changes(programme, plan))
            yield (commitment_type, text_pk, pk, representation, CREATE, creation, "", actor, created, None)
            if plan.goals:
                changes = {
                    "goals": {"type": "m2m", "operation": "add", "objects": [self.goal_names[g] for g in plan.goals]}
                }
                yield (commitment_type, text_pk, pk, representation, UPDATE, dumps(changes), "", actor, created, None)
            additional = dumps({"commitment_id": pk})
            for link in plan.evidence:
                changes = {
                    "url": ["None", link.url],
                    "title": ["None", link.title],
                    "kind": ["None", link.kind],
                    "published_on": ["None", str(link.published_on)],
                    "commitment": ["None", text_pk],
                }
                yield (evidence_type, str(link.pk), link.pk, link.title[:200], CREATE, dumps(changes), "",
                       link.added_by.pk, link.added_at, additional)  # fmt: skip
            for step in plan.steps:
                changes = {"status": [step.from_status, step.to_status]}
                if step.action == Action.APPROVE:
                    changes["decision"] = ["None", str(step.pk)]
                yield (commitment_type, text_pk, pk, representation, UPDATE, dumps(changes), "", step.actor.pk,
                       step.created_at, None)  # fmt: skip

    def creation_changes(self, programme, plan):
        """LOGGED_FIELDS as they were when the commitment was made: planned, without a decision."""
        values = (
            plan.pk, plan.reference, programme.pk, plan.sequence, plan.title, plan.statement, plan.source_location,
            plan.kind, plan.domain.pk, plan.owner.pk if plan.owner else None, plan.due_date, plan.expected_date,
            Status.PLANNED, None, plan.predecessor.pk if plan.predecessor else None,
        )  # fmt: skip
        return {name: ["None", str(value)] for name, value in zip(LOGGED_FIELDS, values, strict=True)}

    def write_carry_overs(self, successors, predecessors):
        steps = []
        for plan, predecessor in zip(successors, predecessors, strict=True):
            steps.append(
                Step(
                    Action.CARRY_OVER,
                    Status.DELAYED,
                    Status.DELAYED,
                    self.random.choice(self.reviewers),
                    predecessor.decision.created_at + datetime.timedelta(days=1),
                    text=f"Loopt door in het volgende werkprogramma (voortgezet als {plan.reference})",
                )
            )
        for step, pk in zip(steps, allocate_ids(Review, len(steps)), strict=True):
            step.pk = pk
        insert_rows(
            Review,
            REVIEW_FIELDS,
            [self.review_row(predecessor.pk, step) for predecessor, step in zip(predecessors, steps, strict=True)],
        )


CREATE, UPDATE = LogEntry.Action.CREATE, LogEntry.Action.UPDATE
# The columns of the rows Command.write() makes, in order.
COMMITMENT_FIELDS = (
    *LOGGED_FIELDS,
    "version",
    "evidence_version",
    "created_at",
    "updated_at",
)
REVIEW_FIELDS = (
    "id",
    "commitment",
    "action",
    "from_status",
    "to_status",
    "actor",
    "proposed_verdict",
    "verdict",
    "text",
    "annual_report_reference",
    "expected_date",
    "drop_kind",
    "submitted_evidence",
    "created_at",
)
HISTORY_FIELDS = (
    "content_type",
    "object_pk",
    "object_id",
    "object_repr",
    "action",
    "changes",
    "changes_text",
    "actor",
    "timestamp",
    "additional_data",
)


def allocate_ids(model, count):
    """`count` new primary keys of `model`'s table, taken now, so that rows can point at each other before they
    are written. PostgreSQL: from the table's sequence (as an INSERT would take them). SQLite: after the highest
    ever given (AUTOINCREMENT keeps it in sqlite_sequence, which an INSERT with a higher id moves on); safe in the
    transaction of a database made for the benchmark, not against another writer."""
    if not count:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [pk for (pk,) in cursor.fetchall()]
        if connection.vendor == "sqlite":
            quote = connection.ops.quote_name
            cursor.execute(
                f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "  # noqa: S608  # nosec B608
                f"coalesce((SELECT max({quote(column)}) FROM {quote(table)}), 0))",
                [table],
            )
            last = cursor.fetchone()[0]
            return list(range(last + 1, last + 1 + count))
    raise CommandError(f"generate_bench_data kent alleen SQLite en PostgreSQL, niet {connection.vendor}.")


def insert_rows(model, field_names, rows):
    """Write plain tuples into `model`'s table: for the hundreds of thousands of rows, the ORM's work per object
    (a model instance, expressions resolved per value) would take most of the minute. PostgreSQL: one COPY, which
    the server reads far faster than as many INSERTs. SQLite: one executemany of a prepared INSERT, with dates and
    times in the form Django stores them (JSON comes as text already)."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model_field.column) for model_field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Names from the model's metadata; the values go through psycopg's COPY protocol.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # Dates and times as Django stores them (the backend's own adapters, without the field's checks per value).
        adapters = {
            "DateTimeField": connection.ops.adapt_datetimefield_value,
            "DateField": connection.ops.adapt_datefield_value,
        }
        prepared = [
            (index, adapters[model_field.get_internal_type()])
            for index, model_field in enumerate(fields)
            if model_field.get_internal_type() in adapters
        ]
        if prepared:
            rows = [list(row) for row in rows]
            known = {}  # the same few thousand moments recur tens of thousands of times
            for row in rows:
                for index, adapt in prepared:
                    value = row[index]
                    try:
                        row[index] = known[value]
                    except KeyError:
                        row[index] = known[value] = adapt(value)
        placeholders = ", ".join(["%s"] * len(fields))
        # Names from the model's metadata, values as parameters: nothing from outside goes into the text.
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608  # nosec B608
