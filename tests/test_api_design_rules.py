"""The OpenAPI document that /api/v1/openapi.json serves meets the NL API Design Rules: Logius' own linter (Spectral
with their ruleset, docs/adr/linter.yaml) reports no error. Spectral comes from package.json (`npm ci`, run by
`make test` and .ci/run); without npm or node_modules the test is skipped, saying so."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
RULESET = ROOT / "docs" / "adr" / "linter.yaml"
SHARED_RULESET = ROOT.parent / "shared" / "adr" / "linter.yaml"
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"


def spectral_or_skip():
    if not SPECTRAL.exists():
        reason = "npm is not installed" if shutil.which("npm") is None else "run `npm ci` (make test does)"
        pytest.skip(f"Spectral is not installed: {reason}")
    return str(SPECTRAL)


def lint(document, tmp_path):
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    result = subprocess.run(
        [spectral_or_skip(), "lint", "-r", str(RULESET), "-f", "json", "--quiet", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return json.loads(result.stdout or "[]")


def test_the_ruleset_is_logius_own():
    if SHARED_RULESET.exists():
        assert RULESET.read_text() == SHARED_RULESET.read_text()


def test_the_served_openapi_document_has_no_adr_error(client, db, tmp_path):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    problems = lint(json.loads(response.content), tmp_path)

    errors = [f"{p['code']} at {'.'.join(map(str, p['path']))}: {p['message']}" for p in problems if p["severity"] == 0]
    assert errors == []


def test_the_linter_finds_what_it_should(client, db, tmp_path):
    """The check is real: a document without a contact, and an error without problem+json, are errors."""
    document = json.loads(client.get("/api/v1/openapi.json").content)
    del document["info"]["contact"]
    first = document["paths"]["/commitments/{reference}"]["get"]["responses"]
    first["404"]["content"] = {"application/json": first["404"]["content"]["application/problem+json"]}

    codes = {p["code"] for p in lint(document, tmp_path) if p["severity"] == 0}

    assert {"info-contact", "nlgov:use-problem-schema"} <= codes
