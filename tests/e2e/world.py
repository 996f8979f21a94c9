"""A register with a commitment in every state, and every page of the application for each role that sees it.

The browser tests (accessibility, screenshots) and the translation tests walk the same pages. The data is in
English, so that a page in English that still shows Dutch shows interface text, not data; `data_texts()` lists
what is data all the same (the domains and goals of the reference fixture, people's names) for those tests to set
aside.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from commitments import workflow
from commitments.models import Commitment, Domain, EvidenceLink, Goal, Note, Review, Verdict, WorkProgramme

TODAY = timezone.localdate


def _commitment(programme, domain, by, title, *, owner=None, goals=("lerend-vermogen",), **fields):
    fields.setdefault("statement", f"{title}: the text of the work programme, as published.")
    fields.setdefault("kind", "publication")
    return workflow.create_commitment(
        by=by,
        programme=programme,
        domain=domain,
        owner=owner,
        title=title,
        source_location="p. 8",
        goals=Goal.objects.filter(code__in=goals),
        **fields,
    )


def _evidence(commitment, by, title, published_on):
    return workflow.add_evidence(
        commitment,
        by=by,
        url="https://www.inspectie-jenv.nl/publicaties/rapporten/2024/example",
        title=title,
        kind="report",
        published_on=published_on,
        note="Published on the Inspectorate's website.",
    )


@dataclass
class World:
    programme: WorkProgramme
    next_programme: WorkProgramme
    staff: object
    reviewer: object
    manager: object
    beheerder: object
    commitments: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.commitments[name]


def build_world(*, programme, politie, migratie, alice, bob, carol, dave, erin):
    """Commitments of the Werkprogramma 2024 in every status, a 2025 programme to carry over into, and the
    people of tests/conftest.py: alice (staff, politie), bob (reviewer), carol (manager), dave (staff,
    migratie), erin (beheerder)."""
    today = TODAY()
    programme.annual_report_title = "Annual report 2024"
    programme.annual_report_url = "https://www.inspectie-jenv.nl/publicaties/jaarverslagen/2025/jaarbericht-2024"
    programme.annual_report_published_on = datetime.date(2025, 5, 15)
    programme.save()
    next_programme = WorkProgramme.objects.create(year=2025, title="Work programme 2025 (test)")
    world = World(programme, next_programme, staff=alice, reviewer=bob, manager=carol, beheerder=erin)
    add = world.commitments.__setitem__
    due_soon = today + datetime.timedelta(days=20)

    add("planned", _commitment(programme, politie, alice, "Inspect police emergency response", owner=alice))

    working = _commitment(
        programme,
        politie,
        alice,
        "Publish the PO21 police training report",
        owner=alice,
        goals=("lerend-vermogen", "ketens"),
    )
    workflow.start(working, by=alice)
    _evidence(working, alice, "Report: police training PO21", datetime.date(2024, 6, 1))
    _evidence(working, alice, "Letter to parliament on PO21", datetime.date(2025, 2, 3))
    workflow.add_note(working, by=alice, text="Draft report sent to the police for comments.")
    working.refresh_from_db()
    workflow.update_commitment(
        working,
        by=alice,
        version=working.version,
        changes={"due_date": due_soon, "source_location": "p. 9"},
        due_date_reason="The police asked for more time to comment.",
    )
    add("in_progress", working)

    waiting = _commitment(programme, politie, alice, "Follow up recommendations on police custody", owner=alice)
    workflow.start(waiting, by=alice)
    _evidence(waiting, alice, "Follow-up letter on police custody", datetime.date(2024, 11, 1))
    workflow.submit(waiting, by=alice, proposed_verdict=Verdict.MET, explanation="The letter shows the follow-up.")
    add("under_review", waiting)

    sent_back = _commitment(programme, politie, alice, "Supervise police cooperation in the region", owner=alice)
    workflow.start(sent_back, by=alice)
    workflow.submit(
        sent_back,
        by=alice,
        proposed_verdict=Verdict.DELAYED,
        explanation="The fieldwork took longer.",
        expected_date=datetime.date(2025, 3, 31),
    )
    workflow.review(sent_back, by=bob, decision="send_back", rationale="Please name the new date in the text.")
    add("sent_back", sent_back)

    met = _commitment(programme, politie, alice, "Publish the annual police supervision letter", owner=alice)
    workflow.start(met, by=alice)
    _evidence(met, alice, "Annual supervision letter", datetime.date(2024, 10, 10))
    workflow.submit(met, by=alice, proposed_verdict=Verdict.MET, explanation="Published in October.")
    workflow.review(met, by=bob, decision="approve", verdict=Verdict.MET, annual_report_reference="p. 14")
    add("met", met)

    partly = _commitment(programme, politie, alice, "Inspect police handling of domestic violence", owner=alice)
    workflow.start(partly, by=alice)
    _evidence(partly, alice, "Interim findings on domestic violence", datetime.date(2024, 9, 1))
    workflow.submit(partly, by=alice, proposed_verdict=Verdict.MET, explanation="Interim findings published.")
    workflow.review(
        partly,
        by=bob,
        decision="approve",
        verdict=Verdict.PARTLY_MET,
        rationale="Only the interim findings appeared in 2024.",
        annual_report_reference="p. 15",
    )
    add("partly_met", partly)

    delayed = _commitment(programme, politie, alice, "Study police body cameras", owner=alice)
    workflow.start(delayed, by=alice)
    workflow.submit(
        delayed,
        by=alice,
        proposed_verdict=Verdict.DELAYED,
        explanation="The fieldwork moved to 2025.",
        expected_date=datetime.date(2025, 6, 30),
    )
    workflow.review(delayed, by=bob, decision="approve", verdict=Verdict.DELAYED, annual_report_reference="p. 16")
    add("delayed", delayed)

    carried = _commitment(programme, politie, alice, "Inspect police wiretaps", owner=alice)
    workflow.start(carried, by=alice)
    workflow.submit(
        carried,
        by=alice,
        proposed_verdict=Verdict.DELAYED,
        explanation="Waiting for the minister's answer.",
        expected_date=datetime.date(2025, 9, 30),
    )
    workflow.review(
        carried, by=bob, decision="approve", verdict=Verdict.DELAYED, annual_report_reference="Jaarbericht 2024, p. 14"
    )
    add("carried_over", carried)
    add("successor", workflow.carry_over(carried, by=alice, reason="The answer comes in 2025."))

    dropped = _commitment(programme, migratie, dave, "Inspect the reception of displaced persons", owner=dave)
    workflow.start(dropped, by=dave)
    workflow.submit(dropped, by=dave, proposed_verdict=Verdict.DROPPED, explanation="The reception ended in spring.")
    workflow.review(
        dropped,
        by=bob,
        decision="approve",
        verdict=Verdict.DROPPED,
        annual_report_reference="Jaarbericht 2024, p. 14",
        drop_kind="during_year",
    )
    add("dropped", dropped)

    add("next_year", _commitment(next_programme, politie, alice, "Inspect police training 2025", owner=alice))
    for item in world.commitments.values():
        item.refresh_from_db()
    return world


@dataclass(frozen=True)
class Page:
    """One page as a role sees it. `form` fills the form of <main> with these values (a name and its value; a
    file field takes (filename, bytes)) and sends it: the page as it is after the form was sent."""

    name: str
    path: str
    form: dict | None = None
    status: int = 200


IMPORT_COLUMNS = [
    "reference", "programme", "title", "statement", "source_location", "kind",
    "domain", "goals", "owner", "due_date", "expected_date", "status",
]  # fmt: skip


def import_file(*rows):
    """A commitment file (DESIGN.md §5) with these rows, given as dicts of its columns."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=IMPORT_COLUMNS, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def pages_for(world):
    """Every page, per role (anonymous, staff, reviewer, manager, beheerder), in each state worth seeing."""
    c = world.commitments
    detail, edit = f"/commitments/{c['in_progress'].reference}/", f"/commitments/{c['in_progress'].reference}/edit/"
    planned = c["planned"]
    valid_import = import_file(
        {
            "programme": "2024",
            "title": "Inspect youth care placements",
            "statement": "Youth care placements are inspected in 2024.",
            "kind": "supervision",
            "domain": "jeugd",
            "goals": "ketens",
        },
        {
            "reference": planned.reference,
            "programme": "2024",
            "title": "Inspect police emergency response (new title)",
            "statement": planned.statement,
            "source_location": planned.source_location,
            "kind": planned.kind,
            "domain": "politie",
            "goals": "lerend-vermogen",
            "owner": "alice",
            "due_date": planned.due_date.isoformat(),
            "status": "planned",
        },
    )
    faulty_import = import_file(
        {
            "programme": "2024",
            "title": "Nowhere",
            "statement": "No such domain.",
            "domain": "nowhere",
            "due_date": "2024-13-45",
        }
    )
    return {
        "anonymous": [
            Page("login", "/accounts/login/"),
            Page("login-error", "/accounts/login/", {"username": "alice", "password": "wrong"}),
        ],
        "staff": [
            Page("dashboard", "/"),
            Page("register", "/commitments/"),
            Page("register-filtered", "/commitments/?domain=politie&status=in_progress&sort=-due_date"),
            Page("register-mine", "/commitments/?owner=me&status=planned&status=in_progress"),
            Page("register-empty", "/commitments/?q=nothing+matches+this"),
            Page("detail", detail),
            Page("detail-decided", f"/commitments/{c['met'].reference}/"),
            Page("create", "/commitments/new/"),
            Page("create-errors", "/commitments/new/", {"title": ""}, status=200),
            Page("edit", edit),
            Page("edit-errors", edit, {"title": "", "due_date": "2031-01-01"}),
            Page("edit-conflict", edit, {"version": "1", "title": "A title typed meanwhile"}, status=409),
            Page("evidence", f"{detail}evidence/new/"),
            Page("evidence-errors", f"{detail}evidence/new/", {"url": "ftp://example.org/report", "title": ""}),
            Page("start", f"/commitments/{planned.reference}/start/"),
            Page("submit", f"{detail}submit/"),
            Page("submit-errors", f"{detail}submit/", {"proposed_verdict": "delayed"}, status=400),
            Page("carry-over", f"/commitments/{c['delayed'].reference}/carry-over/"),
            Page("evidence-delete", f"{detail}evidence/{c['in_progress'].evidence.first().pk}/delete/"),
            Page("overview", f"/overview/{world.programme.year}/"),
            Page("password-change", "/accounts/password_change/"),
            Page("password-change-errors", "/accounts/password_change/", {"old_password": "not-it"}),
            Page("password-change-done", "/accounts/password_change/done/"),
            Page("forbidden", "/reviews/", status=403),
            Page("not-found", "/commitments/WP2024-999/", status=404),
        ],
        "reviewer": [
            Page("dashboard", "/"),
            Page("review-queue", "/reviews/"),
            Page("review-queue-filtered", "/reviews/?domain=politie&sort=due_date"),
            Page("review", f"/commitments/{c['under_review'].reference}/review/"),
            Page("review-errors", f"/commitments/{c['under_review'].reference}/review/", {}, status=400),
            Page("reopen", f"/commitments/{c['met'].reference}/reopen/"),
            Page("reopen-errors", f"/commitments/{c['met'].reference}/reopen/", {}, status=400),
            Page("carry-over-errors", f"/commitments/{c['delayed'].reference}/carry-over/", {}, status=400),
            Page("detail-under-review", f"/commitments/{c['under_review'].reference}/"),
            Page("register", "/commitments/"),
        ],
        "manager": [
            Page("dashboard", "/"),
            Page("overview", f"/overview/{world.programme.year}/"),
            Page("overview-filtered", f"/overview/{world.programme.year}/?domain=politie&goal=lerend-vermogen"),
            Page("overview-unknown-filter", f"/overview/{world.programme.year}/?domain=nowhere"),
            Page("overview-next-year", f"/overview/{world.next_programme.year}/"),
            Page("detail-delayed", f"/commitments/{c['delayed'].reference}/"),
            Page("detail-carried-over", f"/commitments/{c['carried_over'].reference}/"),
            Page("detail-successor", f"/commitments/{c['successor'].reference}/"),
            Page("programmes", "/programmes/"),
            Page("programme", f"/programmes/{world.programme.year}/"),
            Page("programme-close-refused", f"/programmes/{world.programme.year}/close/"),
            Page("forbidden", "/commitments/new/", status=403),
        ],
        "beheerder": [
            Page("dashboard", "/"),
            Page("import", "/import/"),
            Page("import-errors", "/import/", {}, status=400),
            Page("import-dry-run", "/import/", {"file": ("commitments.csv", valid_import)}),
            Page("import-dry-run-errors", "/import/", {"file": ("commitments.csv", faulty_import)}, status=400),
            Page("programme-new", "/programmes/new/"),
            Page("programme-new-errors", "/programmes/new/", {"year": str(world.programme.year)}),
            Page("programme-edit", f"/programmes/{world.next_programme.year}/edit/"),
        ],
    }


def data_texts(world):
    """What pages show that is data, not interface: names of domains, goals, programmes and people, and every
    text the world stored. Longest first, so that a text is set aside before a part of it."""
    texts = set()
    texts.update(Domain.objects.values_list("name", flat=True))
    texts.update(Goal.objects.values_list("name", flat=True))
    texts.update(WorkProgramme.objects.values_list("title", flat=True))
    texts.update(WorkProgramme.objects.values_list("annual_report_title", flat=True))
    for user in get_user_model().objects.all():
        texts.update([user.username, user.get_full_name()])
    texts.update(Commitment.objects.values_list("title", flat=True))
    texts.update(Commitment.objects.values_list("statement", flat=True))
    texts.update(EvidenceLink.objects.values_list("title", flat=True))
    texts.update(EvidenceLink.objects.values_list("note", flat=True))
    texts.update(Note.objects.values_list("text", flat=True))
    texts.update(Review.objects.values_list("annual_report_reference", flat=True))
    return sorted((text for text in texts if text), key=len, reverse=True)
