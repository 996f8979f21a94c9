"""A year whose every commitment is decided, with every kind of verdict (both kinds of dropped, a delay carried over
into the next programme), so that it can be closed: shared by the tests of the draft and final marks and of the
Jaarbericht chapter."""

import datetime

from commitments import workflow
from commitments.models import Domain, Status, WorkProgramme
from tests.builders import advance
from tests.conftest import persona
from tests.overview_data import create

MET_RATIONALE = "Het rapport is verschenen en aan de Kamer gestuurd."
DELAY_REASON = "De capaciteit ging naar een incident."
BY_PROGRAMME_REASON = "Het werkprogramma zelf beëindigde dit voornemen."


def decided_year(programme, *, domain, staff, reviewer):
    """Five commitments, each decided: met, partly met, delayed (carried over into 2025), dropped by the programme,
    dropped during the year. Returns them in that order, the delayed one's successor last."""
    met = advance(
        create(programme, domain, staff, "Rapport ketens", ["ketens"]),
        Status.MET,
        staff=staff,
        reviewer=reviewer,
        rationale=MET_RATIONALE,
    )
    partly = advance(
        create(programme, domain, staff, "Toezicht veerkracht", ["veerkracht"]),
        Status.PARTLY_MET,
        staff=staff,
        reviewer=reviewer,
    )
    delayed = advance(
        create(programme, domain, staff, "Onderzoek vertraagd", ["ketens"]),
        Status.DELAYED,
        staff=staff,
        reviewer=reviewer,
        rationale=DELAY_REASON,
    )
    ended = create(programme, domain, staff, "Oekraïense ontheemden", [])
    workflow.start(ended, by=staff)
    workflow.submit(ended, by=staff, proposed_verdict=Status.DROPPED, explanation="Niet meer nodig.")
    workflow.review(
        ended,
        by=reviewer,
        decision="approve",
        verdict=Status.DROPPED,
        rationale=BY_PROGRAMME_REASON,
        annual_report_reference="Jaarbericht 2024, §4",
        drop_kind="by_programme",
    )
    lapsed = advance(
        create(programme, domain, staff, "Vervallen in het jaar", []), Status.DROPPED, staff=staff, reviewer=reviewer
    )
    WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025", published_on=datetime.date(2024, 9, 1))
    successor = workflow.carry_over(delayed, by=staff, reason="Loopt door in 2025.")
    return [met, partly, delayed, ended, lapsed, successor]


def closed_year_of_decisions():
    """`decided_year` of the Werkprogramma 2024 with the personas (alice in politie, bob reviewing), closed by carol."""
    programme = WorkProgramme.objects.get(year=2024)
    made = decided_year(
        programme, domain=Domain.objects.get(slug="politie"), staff=persona("alice"), reviewer=persona("bob")
    )
    workflow.close_programme(programme, by=persona("carol"))
    return made
