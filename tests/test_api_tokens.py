"""API tokens on a page of the site (issue 13): made by their user, shown once, stored hashed, revoked by their user
or a beheerder."""

import datetime

from django.utils import timezone

from api.models import ApiToken, digest


def in_days(days):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_token_is_shown_once_and_stored_hashed(client_for, alice):
    client = client_for(alice)
    response = client.post("/api-tokens/", {"name": "rapportage", "scope": "read", "expires_on": in_days(30)})

    assert response.status_code == 200
    token = ApiToken.objects.get()
    secret = response.text.split('<code class="token-secret">')[1].split("<")[0]
    assert token.digest == digest(secret) and secret not in token.digest and token.user == alice
    assert secret not in client.get("/api-tokens/").text
    assert client.get("/api/v1/commitments", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_an_expiry_in_the_past_or_beyond_a_year_is_refused(client_for, alice):
    client = client_for(alice)
    for day in (0, 400):
        response = client.post("/api-tokens/", {"name": "x", "scope": "write", "expires_on": in_days(day)})
        assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_the_expiry_is_offered_in_the_form_a_date_box_takes(client_for, alice):
    """A date box (input type=date) shows only a value written YYYY-MM-DD; any other leaves it empty."""
    page = client_for(alice).get("/api-tokens/").content.decode()
    in_90_days = timezone.localdate() + datetime.timedelta(days=90)
    assert f'type="date" name="expires_on" value="{in_90_days.isoformat()}"' in page


def test_a_user_revokes_their_own_token_only(client_for, alice, dave):
    own = ApiToken.issue(user=alice, name="mine", scope="read", expires_at=timezone.now() + datetime.timedelta(days=1))
    other = ApiToken.issue(user=dave, name="his", scope="read", expires_at=timezone.now() + datetime.timedelta(days=1))
    client = client_for(alice)

    assert client.post(f"/api-tokens/{other[0].pk}/revoke/").status_code == 403
    assert client.post(f"/api-tokens/{own[0].pk}/revoke/").status_code == 302
    assert ApiToken.objects.get(pk=own[0].pk).revoked_at is not None
    assert ApiToken.objects.get(pk=other[0].pk).revoked_at is None
    assert client.get("/api/v1/commitments", HTTP_AUTHORIZATION=f"Bearer {own[1]}").status_code == 401


def test_a_beheerder_sees_and_revokes_anyones_token(client_for, alice, erin):
    token, _ = ApiToken.issue(
        user=alice, name="script", scope="write", expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    client = client_for(erin)

    assert "script" in client.get("/api-tokens/").text
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == erin


def test_without_a_role_there_is_no_token_page(client_for, nobody):
    assert client_for(nobody).get("/api-tokens/").status_code == 403
