"""generate_bench_data: synthetic commitments in bulk that look as if the workflow had made them."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from bench.management.commands.generate_bench_data import (
    BEHEERDER_USERNAME,
    EVIDENCE_PER_COMMITMENT,
    at,
)
from commitments.models import (
    DECIDED_STATUSES,
    Action,
    Commitment,
    Domain,
    EvidenceLink,
    Review,
    Status,
    WorkProgramme,
)


def generate(commitments, years=3, **options):
    call_command("generate_bench_data", commitments=commitments, years=years, force=True, verbosity=0, **options)


@pytest.fixture
def generated(db):
    generate(300)
    return Commitment.objects.select_related("programme", "domain", "owner", "decision")


def test_it_makes_the_number_asked_for_spread_over_one_programme_a_year_up_to_this_one(db):
    generate(61, years=3)
    this_year = timezone.localdate().year
    per_year = dict(Commitment.objects.values_list("programme__year").annotate(n=Count("pk")))
    assert per_year == {this_year - 2: 21, this_year - 1: 20, this_year: 20}


def test_it_fills_every_status_domain_and_kind(generated):
    assert set(generated.values_list("status", flat=True)) == set(Status.values)
    assert set(generated.values_list("domain__slug", flat=True)) == set(Domain.objects.values_list("slug", flat=True))
    assert generated.filter(goals__isnull=True).exists() and generated.filter(goals__isnull=False).exists()


def test_a_decided_commitment_points_at_the_step_that_decided_it(generated):
    for commitment in generated.filter(status__in=DECIDED_STATUSES):
        decision = commitment.decision
        assert decision.commitment_id == commitment.pk
        assert decision.action == Action.APPROVE and decision.to_status == decision.verdict == commitment.status
        # Four eyes: not the one who submitted it, nor its owner.
        submission = commitment.reviews.filter(action=Action.SUBMIT).order_by("-created_at").first()
        assert decision.actor_id not in (submission.actor_id, commitment.owner_id)
    assert not generated.exclude(status__in=DECIDED_STATUSES).filter(decision__isnull=False).exists()
    assert not generated.filter(status=Status.DELAYED, expected_date__isnull=True).exists()


def test_the_steps_of_a_commitment_lead_from_planned_to_its_status(generated):
    for commitment in generated:
        steps = [r for r in commitment.reviews.order_by("created_at", "id") if r.action != Action.CARRY_OVER]
        status = Status.PLANNED
        for step in steps:
            assert step.from_status == status, (commitment.reference, step.action)
            status = step.to_status
        assert status == commitment.status
        assert commitment.version == 1 + len(steps)


def test_each_commitment_has_its_evidence_owner_from_its_domain_and_history(generated):
    assert EvidenceLink.objects.count() == EVIDENCE_PER_COMMITMENT * generated.count()
    for commitment in generated.filter(owner__isnull=False):
        assert commitment.domain.members.filter(pk=commitment.owner_id).exists()
    commitment_type = ContentType.objects.get_for_model(Commitment)
    evidence_type = ContentType.objects.get_for_model(EvidenceLink)
    decided = generated.filter(status=Status.MET).first()
    log = LogEntry.objects.filter(content_type=commitment_type, object_id=decided.pk)
    assert log.filter(action=LogEntry.Action.CREATE).count() == 1
    assert log.filter(action=LogEntry.Action.UPDATE, changes__has_key="status").count() == decided.reviews.count()
    evidence_log = LogEntry.objects.filter(content_type=evidence_type, additional_data__commitment_id=decided.pk)
    assert sorted(evidence_log.values_list("object_id", flat=True)) == sorted(
        decided.evidence.values_list("pk", flat=True)
    )


def test_commitments_are_made_when_their_programme_was_published_and_point_at_their_own_steps(generated):
    for programme in WorkProgramme.objects.filter(commitments__isnull=False).distinct():
        published = at(programme.published_on)
        assert set(programme.commitments.values_list("created_at", "updated_at").distinct()) == {(published, published)}
    commitment_type = ContentType.objects.get_for_model(Commitment)
    decided = generated.filter(status__in=DECIDED_STATUSES)
    assert decided.exists()
    for commitment in decided:
        # The history names the approving step by its id, as auditlog would have written it.
        approvals = LogEntry.objects.filter(
            content_type=commitment_type,
            object_id=commitment.pk,
            action=LogEntry.Action.UPDATE,
            changes__has_key="decision",
        ).values_list("changes", flat=True)
        assert [changes["decision"] for changes in approvals] == [["None", str(commitment.decision_id)]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statistics are gathered on PostgreSQL only")
def test_on_postgresql_the_tables_have_statistics_for_the_planner(generated):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)",
            [["commitments_commitment", "commitments_review", "auditlog_logentry"]],
        )
        estimates = dict(cursor.fetchall())
    assert estimates["commitments_commitment"] == generated.count()
    assert estimates["commitments_review"] == Review.objects.count()
    assert estimates["auditlog_logentry"] == LogEntry.objects.count()


def test_a_carried_over_commitment_continues_a_delayed_one_of_the_year_before(generated):
    successors = generated.filter(predecessor__isnull=False).select_related("predecessor__programme")
    assert successors.exists()
    for successor in successors:
        predecessor = successor.predecessor
        assert predecessor.status == Status.DELAYED
        assert predecessor.programme.year == successor.programme.year - 1
        assert predecessor.reviews.filter(action=Action.CARRY_OVER).exists()


def test_running_it_again_adds_commitments_with_new_references(db):
    generate(30, years=2)
    generate(30, years=2)
    assert Commitment.objects.count() == 60
    assert Commitment.objects.values("reference").distinct().count() == 60
    for programme in WorkProgramme.objects.all():
        assert programme.last_reference_number == programme.commitments.count()


def test_the_same_seed_gives_the_same_data(db):
    def generated_with_seed_7():
        with transaction.atomic():
            generate(40, years=2, seed=7)
            rows = list(
                Commitment.objects.order_by("reference").values_list("reference", "title", "status", "owner__username")
            )
            transaction.set_rollback(True)
        return rows

    assert generated_with_seed_7() == generated_with_seed_7()


def test_it_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_bench_data", commitments=5, years=1, verbosity=0)
    assert not Commitment.objects.exists()


def test_it_refuses_a_batch_size_below_one(db):
    with pytest.raises(CommandError, match="--batch-size"):
        generate(5, years=1, batch_size=0)
    assert not Commitment.objects.exists()


def test_the_generated_commitments_show_on_their_pages(client, generated):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=BEHEERDER_USERNAME))
    assert client.get("/commitments/?per_page=100").status_code == 200
    for status in Status.values:
        commitment = generated.filter(status=status).first()
        assert client.get(commitment.get_absolute_url()).status_code == 200, status
