"""Sessions and logins (issue 6 point 2): what a login starts, how long it lasts, how it ends, and how guessing
passwords is stopped. Logins go through the login page, as a browser does, so that django-axes sees them."""

import datetime
import logging
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD
from wpsite.security import LAST_SEEN, LOGIN_AT

LOGIN = "/accounts/login/"


def log_in(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def session_key(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def sent_to_login(response):
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def set_session(client, **values):
    session = client.session
    session.update(values)
    session.save()


# --- login and logout ---------------------------------------------------------------------------------------------


def test_login_takes_the_user_to_the_dashboard(client, alice):
    response = log_in(client, "alice")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_the_session_key_is_rotated_at_login(client, alice):
    set_session(client, before_login=True)  # a session that someone may have planted before the login
    planted = session_key(client)
    log_in(client, "alice")
    assert session_key(client) != planted
    assert not Session.objects.filter(session_key=planted).exists()


def test_logout_is_a_post_and_ends_the_session(client, alice):
    log_in(client, "alice")
    key = session_key(client)
    assert client.get("/accounts/logout/").status_code == 405  # a link or an image cannot log anyone out
    assert client.get("/").status_code == 200
    response = client.post("/accounts/logout/")
    assert sent_to_login(response)
    assert not Session.objects.filter(session_key=key).exists()
    assert sent_to_login(client.get("/"))


def test_the_old_session_cookie_is_worthless_after_logout(client, alice):
    log_in(client, "alice")
    key = session_key(client)
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert sent_to_login(replay.get("/"))


def test_a_deactivated_user_is_out_at_the_next_request(client, alice):
    log_in(client, "alice")
    assert client.get("/commitments/").status_code == 200
    alice.is_active = False
    alice.save()
    assert sent_to_login(client.get("/commitments/"))


def test_a_deactivated_user_cannot_log_in(client, alice):
    alice.is_active = False
    alice.save()
    response = log_in(client, "alice")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# --- idle timeout and absolute lifetime ---------------------------------------------------------------------------


def test_a_session_expires_after_30_minutes_in_the_cookie_and_the_database(client, alice):
    response = log_in(client, "alice")
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60
    expires = Session.objects.get(session_key=session_key(client)).expire_date
    assert abs(expires - (timezone.now() + datetime.timedelta(minutes=30))) < datetime.timedelta(minutes=1)


def test_a_session_idle_for_more_than_30_minutes_is_ended(client, alice):
    log_in(client, "alice")
    set_session(client, **{LAST_SEEN: time.time() - 31 * 60})
    assert sent_to_login(client.get("/commitments/"))
    assert "_auth_user_id" not in client.session


def test_an_active_session_is_renewed(client, alice):
    log_in(client, "alice")
    set_session(client, **{LAST_SEEN: time.time() - 25 * 60})
    Session.objects.filter(session_key=session_key(client)).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=5)
    )
    assert client.get("/commitments/").status_code == 200
    assert client.session[LAST_SEEN] > time.time() - 60
    expires = Session.objects.get(session_key=session_key(client)).expire_date
    assert expires > timezone.now() + datetime.timedelta(minutes=29)


def test_a_session_the_database_has_expired_is_ended(client, alice):
    log_in(client, "alice")
    Session.objects.filter(session_key=session_key(client)).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert sent_to_login(client.get("/commitments/"))


def test_a_session_ends_12_hours_after_login_however_active(client, alice):
    log_in(client, "alice")
    set_session(client, **{LOGIN_AT: time.time() - 11 * 3600 - 59 * 60})
    assert client.get("/commitments/").status_code == 200
    set_session(client, **{LOGIN_AT: time.time() - 12 * 3600 - 60, LAST_SEEN: time.time()})
    assert sent_to_login(client.get("/commitments/"))
    assert "_auth_user_id" not in client.session


def test_a_session_without_a_login_time_is_not_trusted(client, alice):
    log_in(client, "alice")
    session = client.session
    del session[LOGIN_AT]
    session.save()
    assert sent_to_login(client.get("/commitments/"))


# --- passwords ----------------------------------------------------------------------------------------------------


def test_a_long_uncommon_password_is_accepted(alice):
    validate_password("Tulpen-bloeien-in-april", user=alice)


@pytest.mark.parametrize(
    "password, reason",
    [
        ("Tulp-ijs-7a", "password_too_short"),  # 11 characters
        ("qwertyqwerty", "password_too_common"),  # 12 characters, on the list of common passwords
        ("839204857261", "password_entirely_numeric"),
        ("alice@example", "password_too_similar"),  # alice@example.org
    ],
)
def test_a_weak_password_is_refused(password, reason, alice):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=alice)
    assert reason in [error.code for error in refused.value.error_list]


def test_changing_ones_password_to_a_common_one_is_refused(client_for, alice):
    response = client_for(alice).post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "qwertyqwerty", "new_password2": "qwertyqwerty"},
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_a_user_changes_their_password_from_the_user_menu_and_stays_logged_in(client, alice):
    log_in(client, "alice")
    page = client.get("/").content.decode()
    assert 'href="/accounts/password_change/"' in page

    form = client.get("/accounts/password_change/")
    assert form.status_code == 200
    assert [template.name for template in form.templates][:2] == ["registration/password_change_form.html", "base.html"]
    new_password = "lantaarnpaal-Wadden-1987"
    done = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
        follow=True,
    )

    assert done.redirect_chain == [("/accounts/password_change/done/", 302)]
    assert "Wachtwoord gewijzigd" in done.content.decode()
    assert client.get("/").status_code == 200  # the session survives the change
    assert log_in(Client(), "alice").status_code == 200  # the old password no longer logs in: the form again
    assert log_in(Client(), "alice", new_password).status_code == 302


def test_a_wrong_current_password_is_said_at_that_field_and_changes_nothing(client_for, alice):
    response = client_for(alice).post(
        "/accounts/password_change/",
        {
            "old_password": "not-it",
            "new_password1": "lantaarnpaal-Wadden-1987",
            "new_password2": "lantaarnpaal-Wadden-1987",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    assert 'id="id_old_password_error"' in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


# --- throttling ---------------------------------------------------------------------------------------------------


def fail(client, username="alice", times=1, address="10.0.0.1"):
    return [log_in(client, username, "wrong-password-guess", address).status_code for _ in range(times)]


def test_four_failures_leave_the_login_open(client, alice):
    assert fail(client, times=4) == [200] * 4
    assert log_in(client, "alice").status_code == 302


def test_five_failures_lock_that_user_from_that_address_with_429(client, alice):
    assert fail(client, times=5) == [200, 200, 200, 200, 429]
    response = log_in(client, "alice")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    body = response.content.decode()
    assert "Tijdelijk geblokkeerd" in body
    assert "15 minuten" in body


def test_the_lockout_binds_the_pair_of_user_and_address_only(client, alice, dave):
    fail(client, times=5)
    assert log_in(Client(), "alice", address="10.0.0.2").status_code == 302
    assert log_in(Client(), "dave", address="10.0.0.1").status_code == 302


def test_the_lockout_ends_after_15_minutes(client, alice):
    fail(client, times=5)
    assert log_in(client, "alice").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=14))
    assert log_in(Client(), "alice").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert log_in(Client(), "alice").status_code == 302


def test_a_username_longer_than_the_record_of_attempts_is_a_failed_login_not_an_error(client, alice):
    assert fail(client, username="a" * 300, times=5) == [200, 200, 200, 200, 429]
    assert [len(username) for username in AccessAttempt.objects.values_list("username", flat=True)] == [255]


def test_a_successful_login_resets_the_count(client, alice):
    fail(client, times=4)
    log_in(client, "alice")
    client.post("/accounts/logout/")
    assert fail(client, times=4) == [200] * 4


# --- the log ------------------------------------------------------------------------------------------------------


def test_logins_and_failures_are_logged_with_user_and_address(client, alice, caplog):
    caplog.set_level(logging.INFO, logger="wpsite.security")
    fail(client, address="192.0.2.7")
    log_in(client, "alice", address="192.0.2.8")
    lines = [record.getMessage() for record in caplog.records if record.name == "wpsite.security"]
    assert "login failed: user='alice' address=192.0.2.7" in lines
    assert "login succeeded: user='alice' address=192.0.2.8" in lines


def test_a_lockout_is_logged(client, alice, caplog):
    caplog.set_level(logging.INFO, logger="wpsite.security")
    fail(client, times=5, address="192.0.2.9")
    assert any(
        record.getMessage() == "login locked out: user='alice' address=192.0.2.9"
        for record in caplog.records
        if record.name == "wpsite.security"
    )


def test_a_username_with_line_breaks_cannot_forge_log_lines(client, caplog, db):
    caplog.set_level(logging.INFO, logger="wpsite.security")
    log_in(client, "mallory\nlogin succeeded: user='erin'", "x")
    messages = [record.getMessage() for record in caplog.records if record.name == "wpsite.security"]
    assert messages and all("\n" not in message for message in messages)
