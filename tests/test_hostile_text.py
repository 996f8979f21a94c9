"""Text that deceives or breaks (issue 18 point 6 and break 10; point 3's control characters): evidence URLs with
invisible or direction-changing characters are refused on the model field, so the form, the workflow and the admin
all refuse them; control characters such as NUL are refused in every text of a commitment, its evidence and notes."""

import pytest
from django.core.exceptions import ValidationError

from commitments import workflow
from commitments.models import EvidenceLink, Note

SPOOFS = {
    "zero-width space": "https://www.inspectie-jenv.nl/\u200brapport",
    "zero-width joiner": "https://inspectie\u200d-jenv.nl/rapport",
    "right-to-left override": "https://evil.example/\u202efdp.tropper",
    "left-to-right isolate": "https://www.inspectie-jenv.nl/\u2066x\u2069",
    "byte order mark": "https://\ufeffwww.inspectie-jenv.nl/",
    "soft hyphen": "https://www.inspec\u00adtie-jenv.nl/",
    "word joiner": "https://www.inspectie-jenv.nl/\u2060",
    "arabic letter mark": "https://www.inspectie-jenv.nl/\u061c",
    "no-break space": "https://www.inspectie-jenv.nl/a\u00a0b",
    "ideographic space": "https://www.inspectie-jenv.nl/a\u3000b",
    "line separator": "https://www.inspectie-jenv.nl/a\u2028b",
    "private use": "https://www.inspectie-jenv.nl/\ue000",
}


@pytest.mark.parametrize("url", SPOOFS.values(), ids=SPOOFS.keys())
def test_the_evidence_form_refuses_an_invisible_or_direction_changing_character(client_for, alice, commitment, url):
    response = client_for(alice).post(
        commitment.get_absolute_url() + "evidence/new/", {"url": url, "title": "Rapport", "kind": "report"}
    )
    assert response.status_code == 200
    assert "onzichtbaar of richtingveranderend teken" in str(response.context["form"].errors["url"])
    assert not EvidenceLink.objects.exists()


@pytest.mark.parametrize("url", SPOOFS.values(), ids=SPOOFS.keys())
def test_the_workflow_refuses_it_too(alice, commitment, url):
    # Some of these Django's URLValidator refuses as well; its message may come first.
    with pytest.raises(workflow.WorkflowError, match="richtingveranderend|geldige URL"):
        workflow.add_evidence(commitment, by=alice, url=url, title="Rapport", kind="report")


def test_an_address_with_letters_of_other_scripts_is_still_welcome(alice, commitment):
    evidence = workflow.add_evidence(
        commitment, by=alice, url="https://www.inspectie-jenv.nl/één-rapport/ĳs", title="Rapport", kind="report"
    )
    assert evidence.pk


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f", "\x85", "\x0b"])
def test_control_characters_are_refused_in_every_text(alice, commitment, character):
    with pytest.raises(workflow.WorkflowError, match="stuurteken"):
        workflow.update_commitment(
            commitment, by=alice, version=commitment.version, changes={"title": f"Titel{character}"}
        )
    with pytest.raises(workflow.WorkflowError, match="stuurteken"):
        workflow.add_evidence(
            commitment, by=alice, url="https://example.org/", title=f"Rapport{character}", kind="report"
        )
    note = Note(commitment=commitment, author=alice, text=f"Notitie{character}")
    with pytest.raises(ValidationError, match="stuurteken"):
        note.full_clean()


def test_the_edit_form_shows_the_refusal_on_its_field(client_for, alice, commitment):
    from tests.conftest import edit_form_data

    response = client_for(alice).post(
        commitment.get_absolute_url() + "edit/", edit_form_data(commitment, statement="Tekst\x1bmet escape")
    )
    assert "U+001B" in str(response.context["form"].errors["statement"])
    commitment.refresh_from_db()
    assert "\x1b" not in commitment.statement
