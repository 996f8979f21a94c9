"""The production settings (DESIGN.md §6, issue 6 point 1), tested as production runs them: wpsite.settings in a
fresh process, DEBUG unset, with a real SECRET_KEY and ALLOWED_HOSTS. The rest of the suite runs in DEBUG."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import path

ROOT = Path(__file__).resolve().parent.parent
HOST = "wpsite.example.nl"


def production_environment(tmp_path, **overrides):
    """The environment of production (DESIGN.md §6), with a scratch in-memory database and static folder."""
    environment = {
        key: value for key, value in os.environ.items() if key not in {"DEBUG", "DATABASE_URL", "TEST_DATABASE_NAME"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="wpsite.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL="sqlite://:memory:",
        STATIC_ROOT=str(tmp_path / "static"),
        PROBE_HOST=HOST,
    )
    environment.pop("SECURE_SSL_REDIRECT", None)
    environment.pop("TRUST_X_FORWARDED_PROTO", None)
    environment.update(overrides)
    return environment


def run_probe(tmp_path, *args, **overrides):
    completed = subprocess.run(
        [sys.executable, "-m", "tests.production_probe", *args],
        cwd=ROOT,
        env=production_environment(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    return run_probe(tmp_path_factory.mktemp("production"), "--full")


def test_check_deploy_is_clean_at_warning_level(tmp_path):
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_it_refuses_to_start_without_a_secret_key(tmp_path):
    environment = production_environment(tmp_path)
    del environment["SECRET_KEY"]
    completed = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode != 0
    assert "SECRET_KEY is required" in completed.stderr


def test_debug_is_off_unless_asked_for(production):
    assert production["DEBUG"] is False


def test_every_response_carries_hsts_for_a_year_with_subdomains(production):
    assert production["headers"]["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_every_response_carries_a_strict_content_security_policy(production):
    policy = production["headers"]["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives == {
        "default-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
    }
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_every_response_forbids_sniffing_framing_and_leaking_the_referrer(production):
    headers = production["headers"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_the_language_cookie_is_host_only_secure_httponly_in_production(production):
    assert production["LANGUAGE_COOKIE_NAME"] == "__Host-django_language"
    assert production["language_cookie"] == {
        "secure": True,
        "httponly": True,
        "samesite": "Lax",
        "path": "/",
        "domain": "",
    }


def test_the_cookies_are_host_only_secure_httponly_and_samesite_lax(production):
    assert production["login_page"] == 200
    assert production["login"] == [302, "/"]
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    # __Host- cookies need Secure, Path=/ and no Domain, or the browser drops them.
    expected = {"secure": True, "httponly": True, "samesite": "Lax", "path": "/", "domain": ""}
    assert production["session_cookie"] == expected
    assert production["csrf_cookie"] == expected


def test_plain_http_is_redirected_to_https(production):
    assert production["plain_http"] == [301, f"https://{HOST}/healthz"]
    assert production["SECURE_PROXY_SSL_HEADER"] is None
    # Without TRUST_X_FORWARDED_PROTO a client cannot claim https with a header.
    assert production["forwarded_https"] == 301


def test_behind_a_tls_proxy_the_forwarded_proto_is_trusted_when_configured(tmp_path):
    behind_proxy = run_probe(tmp_path, TRUST_X_FORWARDED_PROTO="1")
    assert behind_proxy["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert behind_proxy["forwarded_https"] == 200
    assert behind_proxy["plain_http"][0] == 301


def test_the_https_redirect_can_be_switched_off_for_a_redirecting_proxy(tmp_path):
    assert run_probe(tmp_path, SECURE_SSL_REDIRECT="0")["plain_http"] == [200, None]


def test_a_bad_host_header_gets_400_without_details(production):
    status, body = production["bad_host"]
    assert status == 400
    assert "evil.example" not in body and "ALLOWED_HOSTS" not in body
    assert "Ongeldig verzoek" in body


def test_a_missing_page_gets_404_in_production(production):
    assert production["missing_page"] == 404


def test_pages_for_a_logged_in_user_are_never_cached(client_for, alice, commitment):
    response = client_for(alice).get(commitment.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_page_carries_the_content_security_policy_in_development_too(client_for, alice, commitment):
    policy = client_for(alice).get("/commitments/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy


def crash(request):
    raise RuntimeError("secret detail: database password is hunter2")


urlpatterns = [path("crash/", crash)]


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_an_error_shows_a_generic_page_without_a_traceback(db):
    response = Client(raise_request_exception=False).get("/crash/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body
    assert "hunter2" not in body and "Traceback" not in body and "RuntimeError" not in body


# Pages that no browser receives under the policy: e-mails go to a mail client, the PDF template to WeasyPrint.
NOT_SERVED_TO_BROWSERS = ("emails/", "_pdf.html", "_pdf.css", ".txt")
# What the Content Security Policy would block: inline script, inline event handlers, inline style, javascript: URLs.
BLOCKED_BY_CSP = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+\s*=|\sstyle\s*=|<style|javascript:", re.IGNORECASE)


def browser_templates():
    directories = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]] + [ROOT / "commitments" / "templates"]
    for directory in directories:
        for template in sorted(directory.rglob("*")):
            name = template.relative_to(directory).as_posix()
            if template.is_file() and not any(part in name for part in NOT_SERVED_TO_BROWSERS):
                yield name, template


def test_no_template_has_inline_script_or_style_that_the_policy_would_block():
    offending = [
        f"{name}: {match.group(0)!r}"
        for name, template in browser_templates()
        for match in BLOCKED_BY_CSP.finditer(template.read_text(encoding="utf-8"))
    ]
    assert offending == []
