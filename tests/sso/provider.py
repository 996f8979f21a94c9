"""The test OpenID Provider (tests/sso/provider/provider.mjs, node's `oidc-provider`) in a process of its own on
127.0.0.1, and a plain HTTP client that goes through the login as a browser without JavaScript would."""

import json
import re
import secrets
import shutil
import subprocess
import tempfile
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

HERE = Path(__file__).resolve().parent / "provider"
CLIENT_ID = "wpsite"
CLIENT_SECRET = "wpsite-test-client-secret-" + "x" * 20
PASSWORD = "provider-wachtwoord"

# The people at the provider, and their groups (the mapping of tests/sso/conftest.py turns them into roles).
ACCOUNTS = {
    "anna": {"name": "Anna de Boer", "given_name": "Anna", "family_name": "de Boer", "groups": ["wpsite-politie"]},
    "ruben": {"name": "Ruben Smit", "given_name": "Ruben", "family_name": "Smit", "groups": ["wpsite-reviewers"]},
    "mila": {"name": "Mila Visser", "given_name": "Mila", "family_name": "Visser", "groups": ["wpsite-managers"]},
    "bea": {"name": "Bea Mulder", "given_name": "Bea", "family_name": "Mulder", "groups": ["wpsite-beheer"]},
    "sven": {
        "name": "Sven Bakker",
        "given_name": "Sven",
        "family_name": "Bakker",
        "groups": ["wpsite-reviewers", "wpsite-politie", "wpsite-jeugd", "iedereen"],
    },
    "noor": {"name": "Noor Jansen", "given_name": "Noor", "family_name": "Jansen", "groups": ["iedereen"]},
}


def baseline_accounts():
    return {
        username: {**account, "password": PASSWORD, "email": f"{username}@inspectie.example", "disabled": False}
        for username, account in ACCOUNTS.items()
    }


def why_not_available():
    """None when the provider can run here, else the reason the tests are skipped."""
    if shutil.which("node") is None:
        return "node is not installed: the single sign-on tests need Node.js 20 or later (apt-get install nodejs npm)"
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        if shutil.which("npm") is None:
            return "npm is not installed, so the test provider's packages cannot be installed (tests/sso/provider)"
        completed = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=HERE,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if completed.returncode != 0:
            return f"npm ci in tests/sso/provider failed: {completed.stderr.strip()[-500:]}"
    return None


class Provider:
    """The running provider: its issuer, and the test's hand on its accounts and its next token response."""

    def __init__(self, app_url):
        self.control_token = secrets.token_urlsafe(16)
        self.accounts = baseline_accounts()
        app_url = app_url.rstrip("/")
        config = {
            "clients": [
                {
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "redirect_uris": [f"{app_url}/accounts/oidc/callback/"],
                    "post_logout_redirect_uris": [f"{app_url}/accounts/login/"],
                }
            ],
            "accounts": self.accounts,
            "control_token": self.control_token,
        }
        # Its warnings and errors go to a file (a pipe nobody reads would fill up and stop it): see log().
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(
            ["node", "provider.mjs"],
            cwd=HERE,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
        )
        self.process.stdin.write(json.dumps(config))
        self.process.stdin.close()
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(timeout=10)
            raise RuntimeError(f"the test provider did not start: {self.log()}")
        self.issuer = json.loads(line)["issuer"]
        self.discovery_url = f"{self.issuer}/.well-known/openid-configuration"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process.stdout.close()
        self.stderr.close()

    def log(self):
        """What the provider wrote to its standard error so far."""
        self.stderr.seek(0)
        return self.stderr.read()

    def _control(self, method, path, body=None):
        response = requests.request(
            method,
            f"{self.issuer}/_test/{path}",
            json=body,
            headers={"x-control-token": self.control_token},
            timeout=10,
        )
        response.raise_for_status()

    def set_account(self, username, **changes):
        """Change an account at the provider: groups=[...], disabled=True, ..."""
        self._control("PUT", f"account/{username}", changes)

    def delete_account(self, username):
        self._control("DELETE", f"account/{username}")

    def reset(self):
        for username, account in baseline_accounts().items():
            self._control("PUT", f"account/{username}", account)
        self.tamper(None)

    def tamper(self, mode):
        """The next token response's id_token: "nonce", "audience", "expired", "issuer", "other_key", or None."""
        self._control("POST", "tamper", {"mode": mode})


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')
INPUT = re.compile(r"<input\b([^>]*)>")


def forms(html):
    """(action, {name: value}) of each form of a page."""
    found = []
    for attributes, body in FORM.findall(html):
        attrs = dict(ATTRIBUTE.findall(attributes))
        values = {}
        for field in INPUT.findall(body):
            field_attrs = dict(ATTRIBUTE.findall(field))
            if "name" in field_attrs:
                values[field_attrs["name"]] = unescape(field_attrs.get("value", ""))
        found.append((unescape(attrs.get("action", "")), values, unescape(attrs.get("id", ""))))
    return found


class Visitor:
    """A plain HTTP client (requests) that follows redirects one by one, as a browser does, keeping the cookies of
    each host: the application's (live_server) and the provider's."""

    def __init__(self, app_url):
        self.app_url = app_url.rstrip("/")
        self.http = requests.Session()
        self.visited = []

    def url(self, path):
        return urljoin(self.app_url + "/", path)

    def request(self, method, url, *, follow=True, stop_at=None, **kwargs):
        """The response at the end of the redirects (or the redirect whose target starts with `stop_at`)."""
        response = self.http.request(method, self.url(url), allow_redirects=False, timeout=15, **kwargs)
        self.visited.append(response.url)
        while follow and response.is_redirect:
            target = urljoin(response.url, response.headers["Location"])
            if stop_at and target.startswith(stop_at):
                return response
            response = self.http.get(target, allow_redirects=False, timeout=15)
            self.visited.append(response.url)
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post_app(self, path, data=None, **kwargs):
        """A POST to the application, with its CSRF token."""
        self.get("/accounts/login/", follow=False)  # sets the CSRF cookie if there is none yet
        token = self.cookie("csrftoken")
        return self.request("POST", path, data=data or {}, headers={"X-CSRFToken": token}, **kwargs)

    def start_login(self, next_path=None):
        """From "Inloggen met ..." to the provider's login form: that page."""
        query = f"?next={next_path}" if next_path else ""
        return self.get(f"/accounts/oidc/authenticate/{query}")

    def sign_in_at_provider(self, page, username, password=PASSWORD, **kwargs):
        """Fill in the provider's login form on `page` and go on."""
        action, values, _ = next(form for form in forms(page.text) if form[0].endswith("/login"))
        values.update(username=username, password=password)
        return self.request("POST", urljoin(page.url, action), data=values, **kwargs)

    def log_in(self, username, password=PASSWORD, next_path=None, **kwargs):
        """The whole login; the last response (the page after the callback, or where `stop_at` said)."""
        page = self.start_login(next_path)
        assert "/interaction/" in page.url, (page.status_code, page.url, page.text[:500])
        return self.sign_in_at_provider(page, username, password, **kwargs)

    def confirm_provider_logout(self, page):
        """The provider asks whether to log out there too: yes."""
        action, values, _ = next(form for form in forms(page.text) if form[2] == "op.logoutForm")
        values["logout"] = "yes"
        return self.request("POST", urljoin(page.url, action), data=values)

    def is_logged_in(self):
        response = self.get("/", follow=False)
        return response.status_code == 200

    def cookie(self, name):
        # The application's cookies and the provider's have different names (and hosts: localhost, 127.0.0.1).
        return self.http.cookies.get(name)


def query_of(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
