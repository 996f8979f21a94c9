"""Test data built the way people would make it, through commitments.workflow: a commitment, its evidence, and
the steps that bring it to any status. Every test module builds with these."""

import datetime

from commitments import permissions, workflow
from commitments.models import Status, Verdict
from tests.conftest import make_user

EXPECTED_DATE = datetime.date(2025, 6, 30)


def make_reviewer_in(domain, username, **extra):
    """A reviewer who is also staff of `domain`: the four-eyes rule binds such people too."""
    return make_user(username, [permissions.REVIEWER, permissions.STAFF], [domain], **extra)


def add_evidence(commitment, by, published_on=datetime.date(2024, 6, 1)):
    return workflow.add_evidence(
        commitment,
        by=by,
        url="https://www.inspectie-jenv.nl/publicaties/rapporten/2024/po21",
        title="Rapport PO21",
        kind="report",
        published_on=published_on,
    )


def submit(commitment, by, proposed_verdict=Verdict.MET, **extra):
    if proposed_verdict == Verdict.DELAYED:
        extra.setdefault("expected_date", EXPECTED_DATE)
    extra.setdefault("explanation", "Zie het bewijs en de toelichting.")
    return workflow.submit(commitment, by=by, proposed_verdict=proposed_verdict, **extra)


def approve(commitment, by, verdict=Verdict.MET, **extra):
    extra.setdefault("annual_report_reference", "Jaarbericht 2024, p. 14")
    if verdict == Verdict.DROPPED:
        extra.setdefault("drop_kind", "during_year")
    return workflow.review(commitment, by=by, decision="approve", verdict=verdict, **extra)


def bring_to(commitment, status, *, staff, submitter=None, decider=None):
    """Move a planned `commitment` to `status`: with evidence, started by `staff`, submitted by `submitter`
    (proposing the status itself when it is a verdict), decided by `decider`."""
    add_evidence(commitment, staff)
    if status != Status.PLANNED:
        workflow.start(commitment, by=staff)
    if status in (Status.UNDER_REVIEW, *Verdict.values):
        submit(commitment, submitter or staff, status if status in Verdict.values else Verdict.MET)
    if status in Verdict.values:
        approve(commitment, decider, status)
    commitment.refresh_from_db()
    assert commitment.status == status
    return commitment


def new_commitment(programme, domain, by, owner=None, **fields):
    fields.setdefault("title", "Publicatie onderzoek PO21")
    return workflow.create_commitment(
        by=by,
        programme=programme,
        statement="Het onderzoek naar de basispolitieopleiding PO21 wordt in 2024 gepubliceerd.",
        kind="publication",
        domain=domain,
        owner=owner,
        **fields,
    )


def advance(commitment, status, *, staff, reviewer, rationale="", explanation="", evidence=1):
    """Take a planned commitment to `status` as bring_to does, with `evidence` links of its own and texts that
    name it: data for the pages and files that list many commitments."""
    if status == Status.PLANNED:
        return commitment
    workflow.start(commitment, by=staff)
    if status == Status.IN_PROGRESS:
        return commitment
    for number in range(evidence):
        workflow.add_evidence(
            commitment,
            by=staff,
            url=f"https://www.example.org/{commitment.reference}/{number}",
            title=f"Rapport {number + 1} bij {commitment.reference}",
            kind="report",
            published_on=datetime.date(2024, 6, 1 + number),
        )
    verdict = Verdict.MET if status == Status.UNDER_REVIEW else status
    explanation = explanation or f"Uitleg van de medewerker bij {commitment.reference}."
    submit(commitment, staff, verdict, explanation=explanation)
    if status == Status.UNDER_REVIEW:
        return commitment
    approve(
        commitment,
        reviewer,
        verdict,
        rationale=rationale,
        annual_report_reference=f"Jaarbericht 2024, p. {commitment.sequence}",
        **({"expected_date": EXPECTED_DATE} if verdict == Verdict.DELAYED else {}),
    )
    return commitment
