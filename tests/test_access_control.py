"""Access control (issue 6 point 3): every address of the application, asked by every role, gets exactly the answer
that DESIGN.md §4 gives that role. The addresses are read from the URL resolver, so a new one without an expected
answer here fails the walk. Besides: fields a form does not offer change nothing, and no state-changing request is
taken without its CSRF token."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from commitments import workflow
from commitments.models import Commitment, EvidenceLink, Note, Review, Status, Verdict, WorkProgramme
from tests.conftest import edit_form_data, make_commitments, persona


def walk(patterns, namespace=None, prefix=""):
    """(name, route) of every address the resolver knows, the admin's included; a pattern without a name is
    named by its route."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, pattern.namespace or namespace, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = pattern.name or route
            yield (f"{namespace}:{name}" if namespace else name), route


ADDRESSES = sorted(set(walk(get_resolver().url_patterns)))

ROLES = ("anonymous", "staff", "other staff", "reviewer", "manager", "beheerder", "no role")
LOGIN = "login"  # 302 to a login page: the site's, or for a logged-in user without access the admin's


def answers(default=403, *, anonymous=LOGIN, **by_role):
    """The expected answer of each role: `default` unless named (other_staff, no_role with underscores)."""
    expected = {role: default for role in ROLES}
    expected["anonymous"] = anonymous
    expected.update({role.replace("_", " "): answer for role, answer in by_role.items()})
    return expected


EVERY_ROLE = answers(200, no_role=403)
STAFF_OF_THE_DOMAIN = answers(staff=200, beheerder=200)
REVIEWERS = answers(reviewer=200, beheerder=200)
MANAGERS = answers(manager=200, beheerder=200)
POST_ONLY = answers(405)

# name: (the state of the commitment in the address, the answers to GET). The commitment is of the domain of
# "staff" and owned by them; "other staff" works in another domain. Where a step is possible in that state.
EXPECTED = {
    "login": (None, answers(200, anonymous=200)),
    "logout": (None, answers(405)),
    "password_change": (None, answers(200)),
    "password_change_done": (None, answers(200)),
    "set_language": (None, answers(302, anonymous=302)),  # a GET changes nothing and goes back
    "healthz": (None, answers(200, anonymous=200)),
    # Single sign-on (sso/): without a provider configured, as here, there is nothing at these addresses.
    # tests/sso/test_oidc_access_control.py walks every address again with a provider and its users.
    "oidc_authentication_init": (None, answers(404, anonymous=404)),
    "oidc_authentication_callback": (None, answers(404, anonymous=404)),
    "dashboard": (None, EVERY_ROLE),
    "register": (None, EVERY_ROLE),
    "commitment-create": (None, answers(staff=200, other_staff=200, beheerder=200)),
    "commitment-detail": (Status.PLANNED, EVERY_ROLE),
    "commitment-edit": (Status.PLANNED, STAFF_OF_THE_DOMAIN),
    "evidence-create": (Status.PLANNED, STAFF_OF_THE_DOMAIN),
    "evidence-delete": (Status.PLANNED, STAFF_OF_THE_DOMAIN),  # GET asks to confirm
    "note-create": (Status.PLANNED, POST_ONLY),
    "state-of-affairs-update": (Status.PLANNED, POST_ONLY),
    "register-bulk": (None, POST_ONLY),
    "commitment-start": (Status.PLANNED, STAFF_OF_THE_DOMAIN),
    "commitment-submit": (Status.IN_PROGRESS, STAFF_OF_THE_DOMAIN),
    "commitment-review": (Status.UNDER_REVIEW, REVIEWERS),
    "commitment-reopen": (Status.MET, REVIEWERS),
    "commitment-carry-over": (Status.DELAYED, answers(staff=200, reviewer=200, beheerder=200)),
    "review-queue": (None, REVIEWERS),
    "overview-current": (None, answers(302, no_role=403)),  # to this year's overview
    "overview": (None, EVERY_ROLE),
    "overview-export-csv": (None, MANAGERS),
    "overview-export-excel-csv": (None, MANAGERS),
    "overview-export-xlsx": (None, MANAGERS),
    "overview-export-pdf": (None, MANAGERS),
    "overview-export-docx": (None, MANAGERS),
    # A large selection's file made in the background is its owner's alone (here: nobody owns file 1): a 404.
    "year-file": (None, answers(manager=404, beheerder=404)),
    "year-file-request-pdf": (None, answers(manager=302, beheerder=302)),  # queued, and to its page
    "year-file-request-docx": (None, answers(manager=302, beheerder=302)),
    "year-file-download": (None, answers(manager=404, beheerder=404)),
    "import": (None, answers(beheerder=200)),
    "programme-list": (None, EVERY_ROLE),
    "programme-detail": (None, EVERY_ROLE),
    "programme-create": (None, answers(beheerder=200)),
    "programme-edit": (None, answers(beheerder=200)),
    "programme-close": (None, MANAGERS),  # the open year: what is still undecided
    "programme-reopen": (None, answers(beheerder=302)),  # the year is open: back to it, saying so
    # A programme document is its owner's alone: for anyone else (here: nobody owns document 1) it is a 404.
    "intake-upload": (None, answers(staff=200, other_staff=200, beheerder=200)),
    "intake-document": (None, answers(staff=404, other_staff=404, beheerder=404)),
    "intake-status": (None, answers(staff=404, other_staff=404, beheerder=404)),
    "intake-restart": (None, POST_ONLY),
    "intake-discard": (None, POST_ONLY),
    "intake-import": (None, POST_ONLY),
    # Public (DESIGN.md §9): the walk's year is open, so its public pages are not there, for anyone.
    "public-index": (None, answers(200, anonymous=200)),
    "public-year": (None, answers(404, anonymous=404)),
    "public-commitment": (None, answers(404, anonymous=404)),
    "public-export-csv": (None, answers(404, anonymous=404)),
    "public-export-json": (None, answers(404, anonymous=404)),
    "api-tokens": (None, EVERY_ROLE),
    "api-token-revoke": (None, POST_ONLY),
}
# The API takes no session (tokens only, tests/test_api.py): every role asks it as an anonymous client does, and
# sees the public data: the walk's open year is not there.
EXPECTED |= {
    name: (None, answers(answer, anonymous=answer))
    for name, answer in {
        "api-root": 200,
        "api-openapi": 200,
        "api-programmes": 200,
        "api-programme": 404,
        "api-domains": 200,
        "api-domain": 404,
        "api-goals": 200,
        "api-goal": 404,
        "api-commitments": 200,
        "api-commitment": 404,
        "api-commitment-evidence": 404,
        "api-commitment-reviews": 401,
        "api-commitment-history": 401,
        "api-commitment-notes": 401,
        "api-commitment-start": 405,
        "api-commitment-submit": 405,
        "api-commitment-review": 405,
        "api-not-found": 404,
    }.items()
}
# The admin is the beheerder's (DESIGN.md §4): every other role is sent to a login page. What the beheerder may do
# inside it is the admin's own permission system: there the walk asks that she is let in, gets no server error, and
# is not sent to a login page.
ADMIN = answers(LOGIN, beheerder="let in")
ADMIN_EXCEPTIONS = {
    "admin:login": answers(200, anonymous=200, beheerder=302),  # the form; a beheerder goes on to the index
    "admin:logout": answers(302, beheerder=405),  # POST only; without access, to the admin's index (and its login)
}


def expected_for(name):
    if name in EXPECTED:
        return EXPECTED[name]
    if name.startswith("admin:"):
        return None, ADMIN_EXCEPTIONS.get(name, ADMIN)
    raise AssertionError(f"{name} has no expected answers: add it to EXPECTED in {__name__}")


def commitment_in(status, *, programme, politie, alice, bob):
    """A commitment of alice's domain, owned by her, brought to `status` through the workflow."""
    (commitment,) = make_commitments(1, programme=programme, domain=politie, by=alice)
    workflow.update_commitment(commitment, by=alice, version=commitment.version, changes={"owner": alice})
    if status == Status.PLANNED:
        return commitment
    workflow.start(commitment, by=alice)
    workflow.add_evidence(commitment, by=alice, url="https://www.example.org/rapport", title="Rapport")
    if status == Status.IN_PROGRESS:
        return commitment
    expected_date = None
    if status == Status.DELAYED:
        expected_date = datetime.date(2025, 6, 30)
        next_programme()  # to carry it over into
    verdict = Verdict.MET if status == Status.UNDER_REVIEW else status
    workflow.submit(commitment, by=alice, proposed_verdict=verdict, explanation="Klaar.", expected_date=expected_date)
    if status == Status.UNDER_REVIEW:
        return commitment
    workflow.review(
        commitment,
        by=bob,
        decision="approve",
        verdict=verdict,
        rationale="Akkoord.",
        annual_report_reference="Jaarbericht 2024, p. 14",
    )
    return commitment


def address(route, commitment, programme):
    """The route with its parameters filled in: the commitment's reference and evidence, the programme's year, and
    for the admin an object, a content type, its app and a page it does not have."""
    values = {
        "reference": commitment.reference,
        "pk": str(evidence.pk) if (evidence := commitment.evidence.first()) else "1",
        "year": str(programme.year),
        "object_id": "1",
        "id": "1",
        "content_type_id": "1",
        "app_label": "commitments",
        "url": "no-such-page/",
        "slug": "no-such-slug",
        "code": "no-such-code",
        "rest": "no-such-resource",
    }
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda match: values[match.group(1)], route)  # a regular expression
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: values[match.group(1)], path)
    return "/" + path.replace("^", "").replace("$", "")


def answer(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("login") + "?next="):
            return LOGIN
        if location.startswith(reverse("admin:login") + "?next="):
            return LOGIN
    return response.status_code


def commitments_of_the_walk(*, staff, reviewer):
    """{state: a commitment of the staff member's domain in it} for each state an address is asked in, and a planned one
    with evidence for the addresses of an evidence link."""
    programme = WorkProgramme.objects.get(year=2024)
    politie = staff.domains.get(slug="politie")
    states = {state or Status.PLANNED for state, _ in EXPECTED.values()}
    made = {
        state: commitment_in(state, programme=programme, politie=politie, alice=staff, bob=reviewer) for state in states
    }
    made["planned with evidence"] = commitment_in(
        Status.PLANNED, programme=programme, politie=politie, alice=staff, bob=reviewer
    )
    workflow.add_evidence(made["planned with evidence"], by=staff, url="https://www.example.org/bewijs", title="Bewijs")
    return made


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheWalk:
    """Every address, asked by every role. The people are logged in once, and the commitments made once, for all
    addresses: each request is made with a client of its own on the session of its person's login."""

    @staticmethod
    def people():
        erin = persona("erin")
        erin.is_superuser = True  # the beheerder as seed_demo makes her: the admin site is hers
        erin.save()
        return {
            "anonymous": None,
            "staff": persona("alice"),
            "other staff": persona("dave"),
            "reviewer": persona("bob"),
            "manager": persona("carol"),
            "beheerder": erin,
            "no role": persona("nobody"),
        }

    def make_walk(self):
        """({role: session key or None}, {state: commitment})"""
        people = self.people()
        sessions = {}
        for role, person in people.items():
            if person is not None:
                client = Client()
                client.force_login(person)
                sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
            else:
                sessions[role] = None
        return sessions, commitments_of_the_walk(staff=people["staff"], reviewer=people["reviewer"])

    @pytest.fixture(scope="class")
    def walk(self, class_data):
        return self.make_walk()

    @pytest.mark.parametrize("name, route", ADDRESSES, ids=[name for name, _ in ADDRESSES])
    def test_every_role_gets_the_expected_answer_at_every_address(self, name, route, walk, pdf_not_laid_out):
        """Who gets a PDF is asked here, not its layout (tests/test_overview_exports.py)."""
        sessions, commitments = walk
        state, expected = expected_for(name)
        state = state or Status.PLANNED
        if state == Status.PLANNED and "<int:pk>" in route:
            state = "planned with evidence"
        commitment = commitments[state]
        url = address(route, commitment, commitment.programme)

        got = {}
        for role, session_key in sessions.items():
            client = Client()
            if session_key:
                client.cookies[settings.SESSION_COOKIE_NAME] = session_key
            got[role] = answer(client.get(url))
        if expected["beheerder"] == "let in":
            let_in = got["beheerder"] != LOGIN and got["beheerder"] < 500
            got["beheerder"] = "let in" if let_in else got["beheerder"]
        assert got == expected, f"GET {url}"


def test_an_unknown_commitment_is_404_for_a_reader_and_403_without_a_role(client_for, alice, nobody, db):
    assert client_for(alice).get("/commitments/WP2024-999/").status_code == 404
    assert client_for(nobody).get("/commitments/WP2024-999/").status_code == 403
    assert client_for(alice).get("/overview/1999/").status_code == 404


# --- fields a form does not offer ---------------------------------------------------------------------------------


def smuggled(other_commitment, intruder):
    """Fields that are the workflow's or the system's, never the form's."""
    return {
        "status": Status.MET,
        "reference": "WP2024-999",
        "sequence": 999,
        "decision": Review.objects.first().pk if Review.objects.exists() else 1,
        "predecessor": other_commitment.pk,
        "created_at": "2000-01-01T00:00:00Z",
        "commitment": other_commitment.pk,
        "added_by": intruder.pk,
        "author": intruder.pk,
        "actor": intruder.pk,
    }


def next_programme():
    return WorkProgramme.objects.get_or_create(year=2025, defaults={"title": "Werkprogramma 2025"})[0]


@pytest.fixture
def other_commitment(programme, migratie, dave):
    return make_commitments(1, programme=programme, domain=migratie, by=dave)[0]


def test_creating_with_smuggled_fields_sets_none_of_them(client_for, alice, bob, programme, other_commitment):
    data = {
        "programme": programme.pk,
        "title": "Nieuw",
        "statement": "Een nieuw voornemen.",
        "kind": "other",
        "domain": alice.domains.get().pk,
        "version": 7,
        **smuggled(other_commitment, bob),
    }
    response = client_for(alice).post("/commitments/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Commitment.objects.get(title="Nieuw")
    assert created.status == Status.PLANNED and created.decision is None and created.predecessor is None
    assert created.version == 1
    assert created.reference != "WP2024-999" and created.reference.startswith("WP2024-")
    assert created.created_at.year != 2000


def test_editing_with_smuggled_fields_changes_only_what_the_form_offers(
    client_for, alice, bob, commitment, other_commitment
):
    before = Commitment.objects.get(pk=commitment.pk)
    response = client_for(alice).post(
        f"/commitments/{commitment.reference}/edit/",
        edit_form_data(
            commitment, title="Alleen de titel", programme=next_programme().pk, **smuggled(other_commitment, bob)
        ),
    )
    assert response.status_code == 302
    after = Commitment.objects.get(pk=commitment.pk)
    assert after.title == "Alleen de titel"
    assert (after.status, after.reference, after.programme_id, after.decision_id, after.predecessor_id) == (
        before.status,
        before.reference,
        before.programme_id,
        None,
        None,
    )
    assert after.version == before.version + 1


def test_an_owner_or_domain_outside_ones_own_is_refused(client_for, alice, dave, commitment, migratie):
    before = Commitment.objects.get(pk=commitment.pk)
    for extra in ({"owner": dave.pk}, {"domain": migratie.pk}):
        response = client_for(alice).post(
            f"/commitments/{commitment.reference}/edit/", edit_form_data(commitment, **extra)
        )
        assert response.status_code in (200, 400)
    after = Commitment.objects.get(pk=commitment.pk)
    assert (after.owner_id, after.domain_id, after.version) == (before.owner_id, before.domain_id, before.version)


def test_a_version_posted_from_the_future_is_a_conflict_not_a_save(client_for, alice, commitment):
    response = client_for(alice).post(
        f"/commitments/{commitment.reference}/edit/",
        edit_form_data(commitment, title="Later", version=commitment.version + 5),
    )
    assert response.status_code == 409
    assert Commitment.objects.get(pk=commitment.pk).title == commitment.title


def test_evidence_and_notes_belong_to_the_commitment_of_the_address_and_to_whoever_posts(
    client_for, alice, bob, commitment, other_commitment
):
    client = client_for(alice)
    extra = smuggled(other_commitment, bob)
    client.post(
        f"/commitments/{commitment.reference}/evidence/new/",
        {"url": "https://www.example.org/r", "title": "Rapport", "kind": "report", **extra},
    )
    client.post(f"/commitments/{commitment.reference}/notes/new/", {"text": "Notitie", **extra})
    evidence, note = EvidenceLink.objects.get(), Note.objects.get()
    assert (evidence.commitment_id, evidence.added_by_id) == (commitment.pk, alice.pk)
    assert (note.commitment_id, note.author_id) == (commitment.pk, alice.pk)
    assert not other_commitment.evidence.exists()


def test_a_step_sets_only_the_status_of_its_own_rule(client_for, alice, bob, programme, politie, other_commitment):
    commitment = commitment_in(Status.IN_PROGRESS, programme=programme, politie=politie, alice=alice, bob=bob)
    response = client_for(alice).post(
        f"/commitments/{commitment.reference}/submit/",
        {"proposed_verdict": Verdict.MET, "explanation": "Klaar.", **smuggled(other_commitment, bob)},
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Status.UNDER_REVIEW and commitment.decision is None
    assert commitment.reviews.order_by("-id").first().actor == alice


# --- CSRF ---------------------------------------------------------------------------------------------------------


def test_no_post_is_taken_without_its_csrf_token(erin, alice, bob, programme, politie):
    """At every address, logged in or not: a POST without the token is refused before any view runs."""
    erin.is_superuser = True
    erin.save()
    commitment = commitment_in(Status.PLANNED, programme=programme, politie=politie, alice=alice, bob=bob)
    workflow.add_evidence(commitment, by=alice, url="https://www.example.org/bewijs", title="Bewijs")
    logged_in = Client(enforce_csrf_checks=True)
    logged_in.force_login(erin)
    anonymous = Client(enforce_csrf_checks=True)
    data = {"title": "Zonder token", "reason": "x", "text": "x", "username": "erin", "password": "x"}
    before = (Commitment.objects.count(), Review.objects.count(), EvidenceLink.objects.count(), Note.objects.count())

    taken = [
        (who, url, response.status_code)
        # The API takes no cookies, only tokens (tests/test_api.py): there is nothing for a forged request to ride on.
        for url in (address(route, commitment, programme) for _, route in ADDRESSES if not route.startswith("api/v1/"))
        for who, client in (("beheerder", logged_in), ("anonymous", anonymous))
        if (response := client.post(url, data)).status_code != 403 or b"CSRF" not in response.content
    ]

    assert taken == []
    after = (Commitment.objects.count(), Review.objects.count(), EvidenceLink.objects.count(), Note.objects.count())
    assert after == before
