"""Issue 17, "done when": a staff member's weekly update of five commitments (find them, update the state of affairs,
add evidence, submit) takes fewer page loads than it did. A page load is every request the browser makes, a form's
POST included, and every redirect it follows.

Before (the code at fd1a844) there was no state of affairs: the edit form stood in for it, its own page. Walking the
flow there with this module's `walk_before` gave BEFORE; `walk_before` still runs on the pages of today, which load
as they did then, and must give the same."""

import pytest

from commitments import workflow
from tests.builders import new_commitment
from tests.conftest import edit_form_data

pytestmark = pytest.mark.django_db

FIVE = 5
BEFORE = 56  # 1 to find them, then 11 each: detail, edit (3), evidence (3), submit (3), back to the list
AFTER = 46  # 1 to find them, then 9 each: detail, state of affairs (2), evidence (2), submit (3), back to the list
FIND = "/commitments/?owner=alice&status=in_progress"


class Browser:
    """The test client, counting page loads as a browser makes them."""

    def __init__(self, client):
        self.client = client
        self.loads = 0

    def get(self, path):
        return self._count(self.client.get(path, follow=True))

    def post(self, path, data):
        return self._count(self.client.post(path, data, follow=True))

    def _count(self, response):
        assert response.status_code == 200, response.status_code
        self.loads += 1 + len(response.redirect_chain)
        return response.content.decode()


@pytest.fixture
def five(programme, politie, alice):
    commitments = [new_commitment(programme, politie, alice, owner=alice, title=f"Voornemen {n}") for n in range(FIVE)]
    for commitment in commitments:
        workflow.start(commitment, by=alice)
    return commitments


EVIDENCE = {
    "url": "https://www.inspectie-jenv.nl/publicaties/rapporten/2024/10/po21",
    "title": "Eindrapport",
    "kind": "report",
    "published_on": "2024-10-01",
    "note": "",
}
SUBMISSION = {"proposed_verdict": "met", "explanation": "Het eindrapport is in oktober verschenen."}


def walk_now(browser, commitments):
    """The state of affairs and the evidence are forms on the detail page: one POST each, back to the page."""
    register = browser.get(FIND)
    for commitment in commitments:
        assert commitment.get_absolute_url() in register
        base = f"/commitments/{commitment.reference}"
        detail = browser.get(commitment.get_absolute_url())
        assert f'action="{base}/state-of-affairs/"' in detail and f'action="{base}/evidence/new/"' in detail
        browser.post(f"{base}/state-of-affairs/", {"text": "Eindrapport verschenen; aanbieden."})
        browser.post(f"{base}/evidence/new/", EVIDENCE)
        browser.get(f"{base}/submit/")
        browser.post(f"{base}/submit/", SUBMISSION)
        register = browser.get(FIND)


def walk_before(browser, commitments):
    """As at fd1a844: the edit form (its own page) for the state of affairs, the evidence form on a page of its own."""
    register = browser.get(FIND)
    for commitment in commitments:
        assert commitment.get_absolute_url() in register
        base = f"/commitments/{commitment.reference}"
        browser.get(commitment.get_absolute_url())
        browser.get(f"{base}/edit/")
        commitment.refresh_from_db()
        browser.post(f"{base}/edit/", edit_form_data(commitment, statement=f"{commitment.statement} Stand: klaar."))
        browser.get(f"{base}/evidence/new/")
        browser.post(f"{base}/evidence/new/", EVIDENCE)
        browser.get(f"{base}/submit/")
        browser.post(f"{base}/submit/", SUBMISSION)
        register = browser.get(FIND)


def test_the_weekly_update_of_five_commitments_takes_fewer_page_loads_than_before(client_for, alice, five):
    browser = Browser(client_for(alice))

    walk_now(browser, five)

    assert browser.loads == AFTER < BEFORE
    for commitment in five:
        commitment.refresh_from_db()
        assert commitment.is_frozen
        assert commitment.state_of_affairs.text == "Eindrapport verschenen; aanbieden."
        assert commitment.evidence.get().title == "Eindrapport"


def test_the_flow_of_before_still_counts_what_it_did(client_for, alice, five):
    browser = Browser(client_for(alice))

    walk_before(browser, five)

    assert browser.loads == BEFORE
    assert all(commitment.reviews.filter(action="submit").exists() for commitment in five)
