"""Two application servers, one database (issue 6 point 6): the servers keep no state of their own. A test starts
two gunicorn processes, configured as production behind a TLS proxy, on two loopback ports against the PostgreSQL
test database; a person logs in on one, goes on on the other, and two edits of one commitment through the two
servers end in one saved edit and one conflict message, with nothing lost."""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.sessions.models import Session
from django.db import connection

from commitments.models import Commitment
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)  # the servers must see what the test writes

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
CONFLICT = "Iemand anders heeft dit voornemen intussen gewijzigd"


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            f"needs PostgreSQL: two server processes share one database server (this run uses {connection.vendor}, "
            "an in-memory database that another process cannot open); run with DATABASE_URL=postgres://..."
        )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url_of_this_test():
    """The URL of the database this test runs on (the test database, not the one DATABASE_URL names)."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    if db["HOST"].startswith("/"):  # a Unix socket folder
        return f"postgres://{credentials}@/{db['NAME']}?host={db['HOST']}"
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def production_environment(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "TEST_DATABASE_NAME"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="wpsite.settings",
        DATABASE_URL=database_url_of_this_test(),
        SECRET_KEY=secrets.token_urlsafe(50),  # one key for both: either server reads the other's sessions
        ALLOWED_HOSTS="127.0.0.1",
        TRUST_X_FORWARDED_PROTO="1",  # behind the load balancer that terminates TLS
        STATIC_ROOT=str(tmp_path / "static"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--ignore", "admin", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )
    return environment


def wait_until_healthy(process, port, log):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, f"gunicorn on {port} stopped:\n{log.read_text()}"
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
            if probe.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"gunicorn on {port} did not become healthy in 30 s:\n{log.read_text()}")


@pytest.fixture
def two_servers(production_environment, tmp_path):
    processes, ports = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = tmp_path / f"gunicorn-{name}.log"
            process = subprocess.Popen(
                [str(GUNICORN), "wpsite.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                cwd=ROOT,
                env=production_environment,
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
            processes.append(process)
            wait_until_healthy(process, port, log)
            ports.append(port)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


class Browser:
    """One person's browser in front of the load balancer: one cookie jar, whichever server answers."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, method, path, form=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{port}",
            "Referer": f"https://127.0.0.1:{port}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        server = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            server.request(method, path, body=body, headers=headers)
            response = server.getresponse()
            content = response.read().decode()
        finally:
            server.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if "expires=Thu, 01 Jan 1970" in value or cookie_value in ('""', ""):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie_value
        return response.status, response.getheader("Location"), content


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def edit_form(page, commitment, title):
    return {
        "csrfmiddlewaretoken": csrf_token(page),
        "version": re.search(r'name="version" value="(\d+)"', page).group(1),
        "title": title,
        "statement": commitment.statement,
        "source_location": commitment.source_location,
        "kind": commitment.kind,
        "domain": commitment.domain_id,
        "goals": [goal.pk for goal in commitment.goals.all()],
        "owner": commitment.owner_id,
        "due_date": commitment.due_date.isoformat(),
        "expected_date": "",
    }


def test_a_session_and_an_edit_conflict_hold_across_two_servers(two_servers, commitment, alice):
    server_a, server_b = two_servers
    # The suite hashes passwords with MD5 for speed; production knows only its own hashers.
    alice.password = PBKDF2PasswordHasher().encode(PASSWORD, "a-test-salt", iterations=1000)
    alice.save()
    browser = Browser()

    status, _, login_page = browser.request(server_a, "GET", "/accounts/login/")
    assert status == 200
    credentials = {"csrfmiddlewaretoken": csrf_token(login_page), "username": "alice", "password": PASSWORD}
    assert browser.request(server_a, "POST", "/accounts/login/", credentials)[:2] == (302, "/")

    # Logged in on A, known on B: the session lives in the database, not in a server.
    edit = f"/commitments/{commitment.reference}/edit/"
    status, _, page_on_a = browser.request(server_a, "GET", edit)
    assert status == 200
    status, _, page_on_b = browser.request(server_b, "GET", edit)
    assert status == 200
    version = commitment.version
    assert f'name="version" value="{version}"' in page_on_a and f'name="version" value="{version}"' in page_on_b

    # Both screens show the same version; A saves first, B's save is refused with the conflict message.
    status, location, _ = browser.request(server_a, "POST", edit, edit_form(page_on_a, commitment, "Via server A"))
    assert (status, location) == (302, commitment.get_absolute_url())
    status, _, refused = browser.request(server_b, "POST", edit, edit_form(page_on_b, commitment, "Via server B"))
    assert status == 409
    assert CONFLICT in refused
    assert "Via server B" in refused  # what B typed is still on the screen, to apply again

    stored = Commitment.objects.get(pk=commitment.pk)
    assert (stored.title, stored.version) == ("Via server A", version + 1)

    # Logging out on B ends the session on A too.
    status, _, _ = browser.request(server_b, "POST", "/accounts/logout/", {"csrfmiddlewaretoken": csrf_token(refused)})
    assert status == 302
    assert not Session.objects.exists()
    status, location, _ = browser.request(server_a, "GET", edit)
    assert status == 302 and location.startswith("/accounts/login/")
