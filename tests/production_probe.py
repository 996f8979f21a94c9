"""Run as a script with wpsite.settings and a production environment (tests/test_deploy_settings.py starts it):
prints, as JSON, what a browser gets from the application configured as in production."""

import json
import os
import sys

import django


def cookie(response, name):
    morsel = response.cookies[name]
    return {key: morsel[key] for key in ("secure", "httponly", "samesite", "path", "domain")}


def probe(host, full):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    result = {
        "DEBUG": settings.DEBUG,
        "SESSION_COOKIE_NAME": settings.SESSION_COOKIE_NAME,
        "CSRF_COOKIE_NAME": settings.CSRF_COOKIE_NAME,
        "SECURE_PROXY_SSL_HEADER": getattr(settings, "SECURE_PROXY_SSL_HEADER", None),
    }
    client = Client(HTTP_HOST=host)
    plain = client.get("/healthz")
    result["plain_http"] = [plain.status_code, plain.get("Location")]
    result["forwarded_https"] = client.get("/healthz", headers={"X-Forwarded-Proto": "https"}).status_code
    evil = Client(HTTP_HOST="evil.example").get("/healthz", secure=True)
    result["bad_host"] = [evil.status_code, evil.content.decode()]
    if not full:
        return result

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", "--ignore", "admin", verbosity=0)
    get_user_model().objects.create_user("probe", password="a-long-enough-probe-password")
    result["headers"] = dict(client.get("/healthz", secure=True).headers)
    login_page = client.get("/accounts/login/", secure=True)
    result["login_page"] = login_page.status_code
    result["csrf_cookie"] = cookie(login_page, settings.CSRF_COOKIE_NAME)
    login = client.post(
        "/accounts/login/",
        {"username": "probe", "password": "a-long-enough-probe-password"},
        secure=True,
        headers={"Origin": f"https://{host}", "Referer": f"https://{host}/accounts/login/"},
    )
    result["login"] = [login.status_code, login.get("Location")]
    result["session_cookie"] = cookie(login, settings.SESSION_COOKIE_NAME)
    result["missing_page"] = client.get("/no-such-page/", secure=True).status_code
    result["LANGUAGE_COOKIE_NAME"] = settings.LANGUAGE_COOKIE_NAME
    language = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/"},
        secure=True,
        headers={"Origin": f"https://{host}", "Referer": f"https://{host}/"},
    )
    result["language_cookie"] = cookie(language, settings.LANGUAGE_COOKIE_NAME)
    return result


if __name__ == "__main__":
    django.setup()
    print(json.dumps(probe(os.environ["PROBE_HOST"], full="--full" in sys.argv)))
