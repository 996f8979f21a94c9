"""A closed year and an open one, made through the workflow, for the tests of the public pages and the API."""

from dataclasses import dataclass

from commitments import workflow
from commitments.models import Domain, Goal, Status, Verdict, WorkProgramme
from tests.builders import approve, bring_to, new_commitment, submit
from tests.conftest import persona

SECRET_NOTE = "Interne notitie: niet voor buiten"
INTERNAL_EVIDENCE = "Intern memo over PO21"


@dataclass
class Years:
    closed: WorkProgramme
    open: WorkProgramme
    met: object
    dropped: object
    delayed: object
    planned: object  # of the open year


def the_public_years():
    """make_years of the Werkprogramma 2024 and the personas: for a class of tests that only read them."""
    programme = WorkProgramme.objects.get(year=2024)
    politie, migratie = Domain.objects.get(slug="politie"), Domain.objects.get(slug="migratie")
    return make_years(programme, politie, migratie, *map(persona, ("alice", "dave", "bob", "carol")))


def make_years(programme, politie, migratie, alice, dave, bob, carol):
    met = new_commitment(programme, politie, alice, owner=alice, title="Publicatie onderzoek PO21")
    met.goals.set([Goal.objects.get(code="lerend-vermogen")])
    workflow.add_evidence(
        met, by=alice, url="https://intranet.example.org/memo", title=INTERNAL_EVIDENCE, kind="internal"
    )
    bring_to(met, Status.MET, staff=alice, decider=bob)
    workflow.add_note(met, by=bob, text=SECRET_NOTE)

    dropped = new_commitment(programme, migratie, dave, owner=dave, title="Toezicht opvang Oekraïners")
    workflow.start(dropped, by=dave)
    workflow.submit(dropped, by=dave, proposed_verdict=Verdict.DROPPED, explanation="Het programma eindigde.")
    approve(dropped, bob, Verdict.DROPPED, drop_kind="by_programme")

    delayed = new_commitment(programme, politie, alice, owner=alice, title="Onderzoek noodhulp")
    workflow.start(delayed, by=alice)
    submit(delayed, alice, Verdict.DELAYED)
    approve(delayed, bob, Verdict.DELAYED, rationale="Vertraagd door capaciteit; verwacht medio 2025.")

    workflow.close_programme(programme, by=carol)
    programme.refresh_from_db()

    next_year = WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    planned = new_commitment(next_year, politie, alice, owner=alice, title="Nieuw voornemen 2025")
    for item in (met, dropped, delayed):
        item.refresh_from_db()
    return Years(closed=programme, open=next_year, met=met, dropped=dropped, delayed=delayed, planned=planned)
