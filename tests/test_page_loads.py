"""Issue 17, "done when": a reviewer's decision of five in a row takes fewer page loads than it did. The walk does
what a reviewer does, following only the links the pages offer: from the start page to the first commitment they
may decide, decide it, and where the decision leads them is not the next review form, back to the queue for the
next one. Every GET and POST counts, and so does every page a redirect leads to.

Before (the flow at fd1a844, measured with this walk): 20 page loads: the start page, then for each decision the
review form, the POST and the commitment's page it led to, and the queue again before each of the next four."""

import re

from commitments.models import Status
from tests.overview_data import advance, create

REVIEW_LINK = re.compile(r'href="(/commitments/[^"/]+/review/[^"]*)"')
HIDDEN = re.compile(r'name="(version|evidence_version)" value="(\d+)"')
BEFORE, AFTER = 20, 12


class Walk:
    """A browser that counts its page loads, redirects followed."""

    def __init__(self, client):
        self.client = client
        self.loads = 0

    def load(self, path, data=None):
        method = self.client.post if data is not None else self.client.get
        response = method(path, data, follow=True)
        assert response.status_code == 200, (path, response.status_code)
        self.loads += 1 + len(response.redirect_chain)
        return response

    def decide_in_a_row(self, count, decision):
        page = self.load("/")
        decided = []
        for _ in range(count):
            if not page.request["PATH_INFO"].endswith("/review/"):
                link = REVIEW_LINK.search(page.content.decode()) or REVIEW_LINK.search(
                    (page := self.load("/reviews/")).content.decode()
                )
                page = self.load(link.group(1).replace("&amp;", "&"))
            address = page.request["PATH_INFO"] + (
                f"?{page.request['QUERY_STRING']}" if page.request["QUERY_STRING"] else ""
            )
            decided.append(page.request["PATH_INFO"].split("/")[2])
            page = self.load(address, {**dict(HIDDEN.findall(page.content.decode())), **decision})
        return decided


def test_a_reviewer_decides_five_in_a_row_in_fewer_page_loads_than_before(client_for, programme, politie, alice, bob):
    waiting = [
        advance(create(programme, politie, alice, f"Wacht {number}"), Status.UNDER_REVIEW, staff=alice, reviewer=bob)
        for number in range(5)
    ]
    walk = Walk(client_for(bob))

    decided = walk.decide_in_a_row(
        5, {"decision": "approve", "verdict": "met", "annual_report_reference": "Jaarbericht 2024, p. 14"}
    )

    assert decided == [commitment.reference for commitment in waiting]  # the longest waiting first, each once
    for commitment in waiting:
        commitment.refresh_from_db()
        assert commitment.status == Status.MET
    assert walk.loads == AFTER < BEFORE
