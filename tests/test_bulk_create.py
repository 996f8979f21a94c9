"""Creating a year's commitments at once: the rules of one, the history of one, in a fixed number of queries."""

import pytest
from auditlog.models import LogEntry

from commitments import workflow
from commitments.models import Commitment, Goal
from tests.conftest import count_queries


def rows(n, domain, **extra):
    return [
        {"title": f"Voornemen {i}", "statement": f"Tekst {i}.", "kind": "supervision", "domain": domain, **extra}
        for i in range(n)
    ]


def test_they_are_numbered_in_order_and_recorded_with_the_actor_and_goals(programme, politie, alice):
    ketens = Goal.objects.get(code="ketens")
    created = workflow.create_commitments(
        by=alice, programme=programme, rows=rows(3, politie, owner=alice, goals=[ketens])
    )
    assert [c.reference for c in created] == ["WP2024-001", "WP2024-002", "WP2024-003"]
    assert list(Commitment.objects.filter(goals=ketens).values_list("reference", flat=True)) == [
        "WP2024-001",
        "WP2024-002",
        "WP2024-003",
    ]
    creation = LogEntry.objects.get_for_object(created[0]).get(action=LogEntry.Action.CREATE)
    assert creation.actor == alice
    assert creation.changes_dict["title"] == ["None", "Voornemen 0"]
    assert creation.changes_dict["owner"] == ["None", str(alice.pk)]
    goals = LogEntry.objects.get_for_object(created[0]).get(action=LogEntry.Action.UPDATE)
    assert goals.changes_dict["goals"]["objects"] == [str(ketens)]


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ({"title": ""}, "Dit veld kan niet leeg zijn"),
        ({"title": "x" * 201}, "niet meer dan 200 tekens"),
        ({"kind": "wish"}, "geen geldige keuze"),
    ],
)
def test_one_bad_row_refuses_all_and_says_which(programme, politie, alice, bad_row, message):
    batch = rows(3, politie)
    batch[1].update(bad_row)
    with pytest.raises(workflow.WorkflowError, match=message) as refusal:
        workflow.create_commitments(by=alice, programme=programme, rows=batch)
    assert refusal.value.row_index == 1
    assert not Commitment.objects.exists()
    programme.refresh_from_db()
    assert programme.last_reference_number == 0


def test_an_owner_outside_the_domain_is_refused(programme, politie, alice, dave):
    with pytest.raises(workflow.WorkflowError, match="lid zijn van het toezichtgebied"):
        workflow.create_commitments(by=alice, programme=programme, rows=rows(2, politie, owner=dave))
    assert not Commitment.objects.exists()


def test_staff_cannot_create_in_another_domain(programme, migratie, alice):
    with pytest.raises(workflow.WorkflowError, match="eigen toezichtgebieden"):
        workflow.create_commitments(by=alice, programme=programme, rows=rows(1, migratie))


def test_the_queries_grow_by_batch_not_by_row(programme, politie, alice):
    ketens = Goal.objects.get(code="ketens")
    workflow.create_commitments(by=alice, programme=programme, rows=rows(1, politie))  # content types now cached

    def create(n):
        return lambda: workflow.create_commitments(by=alice, programme=programme, rows=rows(n, politie, goals=[ketens]))

    few, many = count_queries(create(5)), count_queries(create(300))
    # SQLite splits an insert into batches of at most 999 parameters: 295 rows more cost some batches (about 15),
    # where saving them one by one would cost thousands of queries.
    assert many - few < 30
