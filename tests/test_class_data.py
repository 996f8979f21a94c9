"""class_data (conftest.py): data a class of tests shares is made once, and what one test writes is undone before the
next, as for any test of its own."""

import pytest

from commitments.models import Commitment, Domain, WorkProgramme
from tests.conftest import bulk_commitments

times_made = []


@pytest.fixture(scope="class")
def shared(class_data):
    times_made.append(1)
    programme = WorkProgramme.objects.get(year=2024)
    return bulk_commitments(3, programme=programme, domain=Domain.objects.get(slug="politie"))


@pytest.mark.django_db
class TestTheSharedData:
    def test_a_test_that_removes_the_shared_commitments(self, shared):
        Commitment.objects.filter(pk__in=[commitment.pk for commitment in shared]).delete()
        assert not Commitment.objects.exists()

    def test_the_next_test_finds_them_again_made_once(self, shared):
        assert Commitment.objects.count() == 3
        assert len(times_made) == 1


def test_after_the_class_they_are_gone(db):
    assert not Commitment.objects.exists()
