"""A deployment's house style (THEME_DIR, issue 17): its theme.css is served and linked after our own tokens when
THEME_DIR is set, and nothing of it is linked otherwise."""

import os
import subprocess
import sys

from django.conf import settings

PAGE = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "wpsite.settings"
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
page = client.get("/accounts/login/").content.decode()
css = client.get("/static/theme/theme.css")
print(page.index("css/tokens.css") < page.index("theme/theme.css") < page.index("css/site.css"))
print(css.status_code, b"".join(css.streaming_content if css.streaming else [css.content]).decode().strip())
print("theme/logo.svg" in page)
"""


def run_page(**environment):
    env = {**{k: v for k, v in os.environ.items() if k != "THEME_DIR"}, "DEBUG": "1", **environment}
    result = subprocess.run(
        [sys.executable, "-c", PAGE], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )
    return result


def test_the_theme_of_theme_dir_is_served_and_linked_after_our_tokens(tmp_path):
    (tmp_path / "theme.css").write_text(":root { --utrecht-button-primary-action-background-color: #123456; }")
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')

    result = run_page(THEME_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
    order, served, logo = result.stdout.splitlines()
    assert order == "True"
    assert served == "200 :root { --utrecht-button-primary-action-background-color: #123456; }"
    assert logo == "True"


def test_without_theme_dir_no_theme_is_linked(client):
    page = client.get("/accounts/login/").content.decode()

    assert "css/tokens.css" in page and "vendor/rijkshuisstijl-community/components-css/index.css" in page
    assert "theme/" not in page


def test_no_restricted_rijkshuisstijl_files_are_in_the_repository():
    """Its design tokens, fonts and logo are under a licence that keeps them out of an open repository."""
    found = [
        path
        for path in (settings.BASE_DIR / "static").rglob("*")
        if "design-tokens" in str(path) or path.suffix in (".woff", ".woff2", ".ttf", ".otf")
    ]
    assert found == []
