"""The API at /api/v1/ (issue 13): anonymous clients read the public account, a token acts as its user through the
workflow, and every error is problem+json."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from api.models import ApiToken
from commitments.models import Commitment, EvidenceLink, Note, Review, Status
from tests.public_data import INTERNAL_EVIDENCE, SECRET_NOTE, the_public_years

PROBLEM = "application/problem+json"


@pytest.fixture(scope="class")
def years(class_data):
    return the_public_years()


def token_for(user, scope="write", days=30):
    return ApiToken.issue(
        user=user, name="test", scope=scope, expires_at=timezone.now() + datetime.timedelta(days=days)
    )[1]


def auth(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def assert_problem(response, status, name=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"] and "detail" in body
    if name:
        assert name in [item["name"] for item in body["invalidParams"]], body
    return body


def workflow_note(commitment, author, index):
    Note.objects.create(commitment=commitment, author=author, text=f"Notitie {index}")


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheApiOfTheYears:
    """The tests that read a closed year and an open one (tests/public_data.py), made once for the class."""

    def test_every_answer_has_the_api_version(self, client, years):
        for path in ("/api/v1/", "/api/v1/commitments", "/api/v1/nowhere", "/api/v1/openapi.json"):
            assert client.get(path)["API-Version"] == "1.0.0", path

    def test_anonymous_clients_see_the_closed_years_only(self, client, years):
        programmes = client.get("/api/v1/programmes").json()
        commitments = client.get("/api/v1/commitments?pageSize=100").json()

        assert [item["year"] for item in programmes["items"]] == [2024]
        references = {item["reference"] for item in commitments["items"]}
        assert references == {years.met.reference, years.dropped.reference, years.delayed.reference}
        assert_problem(client.get("/api/v1/programmes/2025"), 404)
        assert_problem(client.get(f"/api/v1/commitments/{years.planned.reference}"), 404)
        assert_problem(client.get("/api/v1/commitments?programme=2025"), 400, "programme")

    def test_anonymous_clients_see_public_fields_only(self, client, years):
        item = client.get(f"/api/v1/commitments/{years.met.reference}").json()
        evidence = client.get(f"/api/v1/commitments/{years.met.reference}/evidence").json()

        assert item["verdict"] == "met" and item["annualReportReference"] == "Jaarbericht 2024, p. 14"
        assert "owner" not in item and "version" not in item
        assert [link["title"] for link in evidence["items"]] == ["Rapport PO21"]
        assert "addedBy" not in evidence["items"][0]
        for path in ("reviews", "history", "notes"):
            assert_problem(client.get(f"/api/v1/commitments/{years.met.reference}/{path}"), 401)
        everything = b"".join(
            client.get(path).content
            for path in ("/api/v1/commitments", f"/api/v1/commitments/{years.met.reference}/evidence")
        ).decode()
        assert INTERNAL_EVIDENCE not in everything and SECRET_NOTE not in everything and "alice" not in everything

    def test_a_token_sees_what_its_user_may_see(self, client, years, alice):
        headers = auth(token_for(alice, "read"))
        item = client.get(f"/api/v1/commitments/{years.planned.reference}", **headers).json()
        evidence = client.get(f"/api/v1/commitments/{years.met.reference}/evidence", **headers).json()
        notes = client.get(f"/api/v1/commitments/{years.met.reference}/notes", **headers).json()
        history = client.get(f"/api/v1/commitments/{years.met.reference}/history", **headers).json()
        reviews = client.get(f"/api/v1/commitments/{years.met.reference}/reviews", **headers).json()

        assert item["owner"] == "alice" and item["status"] == "planned"
        assert INTERNAL_EVIDENCE in [link["title"] for link in evidence["items"]]
        assert [note["text"] for note in notes["items"]] == [SECRET_NOTE]
        assert history["totalItems"] > 0
        assert [step["action"] for step in reviews["items"]] == ["start", "submit", "approve"]

    def test_filters_like_the_registers(self, client, years, alice):
        headers = auth(token_for(alice, "read"))

        def references(query):
            return {item["reference"] for item in client.get(f"/api/v1/commitments?{query}", **headers).json()["items"]}

        assert references("programme=2025") == {years.planned.reference}
        assert references("domain=migratie") == {years.dropped.reference}
        assert references("goal=lerend-vermogen") == {years.met.reference}
        assert references("status=delayed") == {years.delayed.reference}
        assert references("owner=dave") == {years.dropped.reference}
        assert references("q=noodhulp") == {years.delayed.reference}

    @pytest.mark.parametrize(
        "query, name",
        [
            ("colour=red", "colour"),
            ("programme=abc", "programme"),
            ("status=done", "status"),
            ("domain=nowhere", "domain"),
            ("page=0", "page"),
            ("pageSize=1000", "pageSize"),
            ("page=99", "page"),
            ("status=met&status=dropped", "status"),
            ("owner=alice", "owner"),  # anonymous: names of staff are not public
        ],
    )
    def test_bad_parameters_are_a_400_naming_them(self, client, years, query, name):
        assert_problem(client.get(f"/api/v1/commitments?{query}"), 400, name)

    def test_pages_link_to_each_other(self, client, years):
        first = client.get("/api/v1/commitments?pageSize=2").json()
        second = client.get(first["links"]["next"]["href"]).json()

        assert first["totalItems"] == 3 and first["totalPages"] == 2 and first["links"]["prev"] is None
        assert len(first["items"]) == 2 and len(second["items"]) == 1 and second["links"]["next"] is None
        assert first["items"][0]["links"]["programme"]["href"].endswith("/api/v1/programmes/2024")

    def test_a_token_user_takes_the_workflow_steps_attributed_to_them(self, client, years, alice, bob):
        staff, reviewer = auth(token_for(alice)), auth(token_for(bob))
        reference = years.planned.reference
        base = f"/api/v1/commitments/{reference}"

        assert client.post(f"{base}/_start", **staff).json()["status"] == "in_progress"
        response = client.post(
            f"{base}/evidence",
            {
                "url": "https://www.example.org/rapport",
                "title": "Rapport",
                "kind": "report",
                "publishedOn": "2025-03-01",
            },
            content_type="application/json",
            **staff,
        )
        assert response.status_code == 201 and response.json()["publishedOn"] == "2025-03-01"
        assert (
            client.post(f"{base}/notes", {"text": "Via de API"}, content_type="application/json", **staff).status_code
            == 201
        )
        response = client.post(
            f"{base}/_submit",
            {"proposedVerdict": "met", "explanation": "Gepubliceerd."},
            content_type="application/json",
            **staff,
        )
        assert response.json()["status"] == "under_review"
        response = client.post(
            f"{base}/_review",
            {"decision": "approve", "verdict": "met", "annualReportReference": "Jaarbericht 2025, p. 3"},
            content_type="application/json",
            **reviewer,
        )
        assert response.status_code == 200 and response.json()["status"] == "met"

        commitment = Commitment.objects.get(reference=reference)
        assert [(r.action, r.actor.username) for r in commitment.reviews.all()] == [
            ("start", "alice"),
            ("submit", "alice"),
            ("approve", "bob"),
        ]
        evidence = EvidenceLink.objects.get(commitment=commitment)
        assert LogEntry.objects.get_for_object(evidence).get().actor == alice
        assert Note.objects.get(text="Via de API").author == alice

    def test_four_eyes_and_the_freeze_hold_as_on_the_pages(self, client, years, alice, bob, politie):
        from tests.builders import make_reviewer_in

        both = make_reviewer_in(politie, "reviewer-and-staff")
        base = f"/api/v1/commitments/{years.planned.reference}"
        client.post(f"{base}/_start", **auth(token_for(both)))
        client.post(
            f"{base}/evidence",
            {"url": "https://www.example.org/r", "title": "R"},
            content_type="application/json",
            **auth(token_for(alice)),
        )
        client.post(
            f"{base}/_submit",
            {"proposedVerdict": "met", "explanation": "Klaar."},
            content_type="application/json",
            **auth(token_for(both)),
        )
        before = Review.objects.count()

        frozen = client.post(
            f"{base}/evidence",
            {"url": "https://www.example.org/x", "title": "X"},
            content_type="application/json",
            **auth(token_for(alice)),
        )
        own = client.post(
            f"{base}/_review",
            {"decision": "approve", "verdict": "met", "annualReportReference": "p. 1"},
            content_type="application/json",
            **auth(token_for(both)),
        )

        assert "ter beoordeling" in assert_problem(frozen, 409)["detail"]
        assert "Vier ogen" in assert_problem(own, 409)["detail"]
        assert Review.objects.count() == before

    def test_a_refused_field_is_a_422_naming_it(self, client, years, alice, bob):
        base = f"/api/v1/commitments/{years.planned.reference}"
        client.post(f"{base}/_start", **auth(token_for(alice)))

        response = client.post(
            f"{base}/_submit",
            {"proposedVerdict": "met", "explanation": "Klaar."},
            content_type="application/json",
            **auth(token_for(alice)),
        )

        assert "bewijs" in assert_problem(response, 422, "proposedVerdict")["invalidParams"][0]["reason"]
        assert Commitment.objects.get(pk=years.planned.pk).status == Status.IN_PROGRESS

    def test_a_closed_year_refuses_every_write(self, client, years, alice):
        response = client.post(
            f"/api/v1/commitments/{years.met.reference}/notes",
            {"text": "Nog iets"},
            content_type="application/json",
            **auth(token_for(alice)),
        )

        assert "vastgesteld" in assert_problem(response, 409)["detail"]

    def test_writes_need_a_write_token_of_someone_who_may(self, client, years, alice, dave):
        path = f"/api/v1/commitments/{years.planned.reference}/_start"

        assert_problem(client.post(path), 401)
        assert_problem(client.post(path, **auth(token_for(alice, "read"))), 403)
        assert_problem(client.post(path, **auth(token_for(dave))), 403)  # another domain
        assert Commitment.objects.get(pk=years.planned.pk).status == Status.PLANNED

    def test_an_expired_revoked_or_unknown_token_is_a_401_logged(self, client, years, alice, caplog):
        expired = token_for(alice, days=-1)
        revoked = token_for(alice)
        ApiToken.objects.get(hint=revoked[:8]).revoke(by=alice)

        for secret in (expired, revoked, "wps_made-up"):
            response = client.get("/api/v1/commitments", **auth(secret))
            assert_problem(response, 401)
            assert response["WWW-Authenticate"].startswith("Bearer")
        assert [r.name for r in caplog.records if "api token refused" in r.getMessage()] == ["wpsite.security"] * 3

    def test_failed_tokens_are_throttled_like_logins(self, client, years, alice, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            assert client.get("/api/v1/commitments", **auth("wps_guess")).status_code == 401

        locked = client.get("/api/v1/commitments", **auth(token_for(alice)))
        other_address = client.get("/api/v1/commitments", REMOTE_ADDR="10.0.0.9", **auth(token_for(alice)))

        assert_problem(locked, 429)
        assert locked["Retry-After"]
        assert other_address.status_code == 200

    def test_a_session_does_not_act_on_the_api(self, client_for, years, alice):
        """Only a token acts: a browser's cookies are never taken, so no CSRF is possible."""
        client = client_for(alice)

        assert_problem(client.post(f"/api/v1/commitments/{years.planned.reference}/_start"), 401)
        assert_problem(client.get(f"/api/v1/commitments/{years.planned.reference}"), 404)

    def test_malformed_json_and_unknown_routes_are_problems(self, client, years, alice):
        response = client.post(
            f"/api/v1/commitments/{years.planned.reference}/notes",
            "{nope",
            content_type="application/json",
            **auth(token_for(alice)),
        )
        assert_problem(response, 400)
        assert_problem(client.get("/api/v1/commitments/"), 404)
        assert_problem(client.get("/api/v1/nothing-here"), 404)
        # an address with line breaks in it (found by the fuzzer): still the API's 404, not the site's HTML page
        response = client.get("/api/v1/domains/a%0Ab%0Dc%C2%85d%E2%80%A8e%0D%0A")
        assert_problem(response, 404)
        assert response["API-Version"]

    @pytest.mark.parametrize(
        "path",
        [
            "/api/v1/commitments",
            "/api/v1/programmes",
            "/api/v1/domains",
            "/api/v1/goals",
            "/api/v1/commitments/{ref}/evidence",
            "/api/v1/commitments/{ref}/reviews",
            "/api/v1/commitments/{ref}/history",
            "/api/v1/commitments/{ref}/notes",
        ],
    )
    def test_a_list_costs_the_same_queries_at_any_page_size(
        self, client, years, alice, path, django_assert_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        headers = auth(token_for(alice, "read"))
        for index in range(3):
            workflow_note(years.met, alice, index)
        url = path.replace("{ref}", years.met.reference)
        with CaptureQueriesContext(connection) as small:
            assert client.get(f"{url}?pageSize=1", **headers).status_code == 200
        with django_assert_num_queries(len(small)):
            assert client.get(f"{url}?pageSize=100", **headers).status_code == 200
