"""English next to the Dutch default: every interface text is marked for translation, the English catalogue is
complete and compiled, the user (language switch) or the browser (Accept-Language) chooses, and an English page
shows no Dutch: none of the catalogue's Dutch texts, no Dutch dates or numbers."""

import gettext
import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader

from tests.e2e.world import build_world, data_texts, pages_for

TEMPLATES = Path(settings.BASE_DIR) / "templates"
LOCALE = Path(settings.LOCALE_PATHS[0])
CATALOGUE = "LC_MESSAGES/django"

# Words that are the same in both languages, or names: they need no translation.
PROPER_NAMES = {"wpsite", "CSV", "XLSX", "PDF", "JSON", "Excel", "JJJJ", "MM", "DD"}
# The language switch names each language in that language itself.
AUTONYMS = {"Nederlands", "English"}
# Dutch that reaches a page from outside our catalogue: Django's own translations (dates, timesince, form errors).
DUTCH_FROM_ELSEWHERE = [
    *("januari", "februari", "maart", "mei", "juni", "juli", "augustus", "oktober"),
    *("minuten", "minuut", "uur", "dagen", "weken", "maanden", "jaren"),
    *("Dit veld is verplicht", "Voer een", "Selecteer een geldige keuze", "geleden"),
]


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """LocaleMiddleware activates a request's language in the test's own thread, and nothing resets it: after a
    request in English, the tests that follow would read English messages."""
    yield
    translation.deactivate()


# --- the templates: no text outside {% translate %} and {% blocktranslate %} -------------------------------


def without_template_code(source):
    """The template with its comments, translated texts, tags and variables taken out: what remains is text that
    the template writes as it is."""
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{#.*?#}", " ", source, flags=re.S)
    source = re.sub(r"{%\s*blocktrans(late)?\b.*?{%\s*endblocktrans(late)?\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{%.*?%}|{{.*?}}", " ", source, flags=re.S)
    return source


class VisibleText(HTMLParser):
    """The text of an HTML document that people read or hear: text nodes and the attributes that carry text.
    Leaves out <style>, <script> and <code> (names of columns and codes, not words), and elements in another
    language (`lang` other than `language`) when a language is given."""

    TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
    SKIPPED = {"style", "script", "code"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, language=None):
        super().__init__(convert_charrefs=True)
        self.language, self.chunks, self.skipping = language, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.VOID:
            if not self.skipping:
                self._attributes(tag, attrs)
            return
        other_language = self.language and attrs.get("lang") not in (None, self.language)
        if self.skipping or tag in self.SKIPPED or other_language:
            self.skipping.append(tag)
            return
        self._attributes(tag, attrs)

    def _attributes(self, tag, attrs):
        self.chunks += [value for name, value in attrs.items() if name in self.TEXT_ATTRIBUTES and value]
        if tag == "meta" and attrs.get("name") in ("description", "author"):
            self.chunks.append(attrs.get("content") or "")
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.chunks.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.chunks.append(data)

    @classmethod
    def of(cls, document, language=None):
        parser = cls(language)
        parser.feed(document)
        parser.close()
        return "\n".join(chunk.strip() for chunk in parser.chunks if chunk.strip())


def untranslated_words(template):
    text = without_template_code(template.read_text())
    if template.suffix == ".html":
        text = VisibleText.of(text)
    words = re.findall(r"[^\W\d_]{2,}", html.unescape(text))
    return [word for word in words if word not in PROPER_NAMES | AUTONYMS]


BASE = Path(settings.BASE_DIR)
# The project's templates and those of its own apps (commitments/templates/...).
TEMPLATE_FILES = sorted(
    path
    for folder in [
        TEMPLATES,
        *(BASE / app / "templates" for app in ("commitments", "wpsite", "sso", "intake", "public", "api")),
    ]
    for path in folder.rglob("*")
    if path.suffix in (".html", ".txt") and "django/forms" not in path.as_posix()  # widget attributes, no text
)


@pytest.mark.parametrize("template", TEMPLATE_FILES, ids=lambda path: str(path.relative_to(BASE)))
def test_every_text_of_the_templates_is_marked_for_translation(template):
    assert untranslated_words(template) == []


def test_the_template_check_finds_untranslated_text(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(
        '{% load i18n %}<h1>{% translate "Voornemens" %}</h1><p title="Alle jaren">{{ count }} voornemens</p>'
        "{% blocktranslate %}Tekst {{ x }}{% endblocktranslate %}<code>due_date</code>{# opmerking #}"
    )

    assert untranslated_words(template) == ["Alle", "jaren", "voornemens"]


# --- the catalogues: complete and compiled ------------------------------------------------------------------


def po_entries(path):
    """(msgid, msgid_plural, [msgstr...], fuzzy) of a .po file, without its header."""
    entries, entry, field = [], None, None

    def finish():
        if entry and entry["msgid"]:
            entries.append(entry)

    for line in path.read_text().splitlines() + [""]:
        if not line.strip():
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"msgid": "", "plural": "", "msgstr": {}, "fuzzy": False}
        if line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif line.startswith("#"):
            continue
        elif match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) "(.*)"$', line):
            keyword, index, value = match.groups()
            field = {"msgid_plural": "plural"}.get(keyword, keyword.split("[")[0])
            field = (field, int(index or 0))
            _append(entry, field, value)
        elif line.startswith('"'):
            _append(entry, field, line[1:-1])
    return entries


def _append(entry, field, value):
    name, index = field
    value = value.encode().decode("unicode_escape").encode("latin-1").decode()  # the \" and \n of .po strings
    if name == "msgstr":
        entry["msgstr"][index] = entry["msgstr"].get(index, "") + value
    elif name in ("msgid", "plural"):
        entry[name] += value


def test_the_english_catalogue_translates_every_text():
    missing = [
        entry["msgid"]
        for entry in po_entries(LOCALE / "en" / f"{CATALOGUE}.po")
        if entry["fuzzy"] or not all(entry["msgstr"].values())
    ]
    assert missing == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_compiled_catalogue_matches_its_source(language):
    """The .mo files are committed (not every machine has gettext): they must say what the .po says."""
    with open(LOCALE / language / f"{CATALOGUE}.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for entry in po_entries(LOCALE / language / f"{CATALOGUE}.po"):
        if entry["fuzzy"] or not entry["msgstr"].get(0):
            continue
        if entry["plural"]:
            assert catalogue.ngettext(entry["msgid"], entry["plural"], 1) == entry["msgstr"][0]
        else:
            assert catalogue.gettext(entry["msgid"]) == entry["msgstr"][0]


def test_every_text_marked_in_the_code_is_in_the_catalogue():
    """makemessages was run after the last text was added: the Dutch catalogue holds every msgid of the English."""
    english = {entry["msgid"] for entry in po_entries(LOCALE / "en" / f"{CATALOGUE}.po")}
    dutch = {entry["msgid"] for entry in po_entries(LOCALE / "nl" / f"{CATALOGUE}.po")}
    assert english == dutch
    assert "Voornemens" in dutch


# --- the language people see --------------------------------------------------------------------------------


@pytest.fixture
def world(programme, politie, migratie, alice, bob, carol, dave, erin):
    """Made by people who work in Dutch: what the application stores in their words shows as they wrote it."""
    with translation.override("nl"):
        return build_world(
            programme=programme,
            politie=politie,
            migratie=migratie,
            alice=alice,
            bob=bob,
            carol=carol,
            dave=dave,
            erin=erin,
        )


def test_the_browser_language_chooses_english(client, reference_data):
    response = client.get("/accounts/login/", headers={"accept-language": "en-GB,en;q=0.9,nl;q=0.5"})

    assert '<html lang="en">' in response.text
    assert "Log in" in response.text


def test_without_a_choice_the_pages_are_in_dutch(client, reference_data):
    response = client.get("/accounts/login/")

    assert '<html lang="nl">' in response.text
    assert "Inloggen" in response.text


def test_the_language_switch_sets_english_and_back(client_for, alice):
    client = client_for(alice)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/commitments/"}, follow=True)

    assert response.redirect_chain[-1][0] == "/commitments/"
    assert '<html lang="en">' in response.text
    assert "Commitments" in response.text
    assert '<button type="submit" name="language" value="nl"' in response.text

    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/commitments/"}, follow=True)
    assert '<html lang="nl">' in response.text


def test_the_language_switch_works_before_logging_in(client, reference_data):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"}, follow=True)

    assert "Log in" in response.text


def test_dates_and_numbers_follow_the_language(client_for, world):
    client = client_for(world.manager)
    pages = [f"/commitments/{world['in_progress'].reference}/", f"/overview/{world.programme.year}/", "/commitments/"]

    dutch_detail, dutch_overview, dutch_register = (client.get(page).text for page in pages)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_detail, english_overview, english_register = (client.get(page).text for page in pages)

    assert "1 juni 2024" in dutch_detail and "1 June 2024" in english_detail
    assert "25,0%" in dutch_overview and "25.0%" in english_overview
    # Short dates: day first in both, as read in Europe (wpsite/formats/en).
    # One date style per language everywhere (issue 17), the register too.
    assert "31 december 2024" in dutch_register and "31 December 2024" in english_register


# --- no Dutch on an English page ----------------------------------------------------------------------------


class FormValues(HTMLParser):
    """The values a browser would send with the form of <main>: what the page filled in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values, self.in_main, self.in_form, self.select, self.textarea = {}, False, False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        elif tag == "form" and self.in_main and attrs.get("method") == "post":
            self.in_form = True
        if not self.in_form or not attrs.get("name"):
            if tag == "option" and self.select and "selected" in attrs:
                self.values[self.select] = attrs.get("value", "")
            return
        name = attrs["name"]
        if tag == "input" and attrs.get("type") in ("checkbox", "radio"):
            if "checked" in attrs:
                self.values.setdefault(name, []).append(attrs.get("value", "on"))
        elif tag == "input" and attrs.get("type") not in ("file", "submit"):
            self.values[name] = attrs.get("value", "")
        elif tag == "select":
            self.select = name
        elif tag == "textarea":
            self.textarea, self.values[name] = name, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data.removeprefix("\n") if not self.values[self.textarea] else data


def show(client, target):
    """The page as the test client gets it; with `target.form`, after sending the form of <main> filled in."""
    response = client.get(target.path)
    if target.form is None:
        return response
    parser = FormValues()
    parser.feed(response.text)
    data = parser.values
    for name, value in target.form.items():
        data[name] = SimpleUploadedFile(value[0], value[1]) if isinstance(value, tuple) else value
    return client.post(target.path, data)


def dutch_patterns():
    """A pattern per Dutch text of the catalogue (singular and plural) that English says differently; its
    placeholders match anything."""
    texts = []
    for entry in po_entries(LOCALE / "en" / f"{CATALOGUE}.po"):
        sources = [entry["msgid"], entry["plural"]] if entry["plural"] else [entry["msgid"]]
        texts += [text for index, text in enumerate(sources) if text != entry["msgstr"].get(index)]
    patterns = {}
    for text in texts:
        literal = re.split(r"%(?:\([^)]+\))?[sd]", text)
        patterns[text] = re.compile(r"(?<!\w)" + r".+?".join(re.escape(part) for part in literal) + r"(?!\w)")
    for text in DUTCH_FROM_ELSEWHERE:
        patterns[text] = re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")
    return patterns


def dutch_in(text, patterns):
    return sorted(msgid for msgid, pattern in patterns.items() if pattern.search(text))


def english_text(document, data):
    """The text of an English page with the data set aside: what is left is the interface."""
    text = VisibleText.of(document, language="en")
    for value in data:
        text = text.replace(value, "\n")
    return text


@pytest.mark.parametrize("role", ["anonymous", "staff", "reviewer", "manager", "beheerder"])
def test_an_english_page_shows_no_dutch(client, world, role):
    user = {"staff": world.staff, "reviewer": world.reviewer, "manager": world.manager, "beheerder": world.beheerder}
    if role in user:
        client.force_login(user[role])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    patterns, data = dutch_patterns(), data_texts(world)

    found = {}
    for target in pages_for(world)[role]:
        response = show(client, target)
        assert response.status_code == target.status, target
        assert '<html lang="en">' in response.text, target
        if dutch := dutch_in(english_text(response.text, data), patterns):
            found[f"{target.name} ({target.path})"] = dutch

    assert found == {}


def test_the_pages_without_the_application_are_english_too(rf, reference_data):
    patterns = dutch_patterns()
    locked_out = {"failure_limit": 5, "cooloff_minutes": 15}
    with translation.override("en"):
        for name, context in (("400.html", {}), ("500.html", {}), ("registration/locked_out.html", locked_out)):
            document = render_to_string(name, context, request=rf.get("/accounts/login/"))
            assert '<html lang="en">' in document
            assert dutch_in(VisibleText.of(document, language="en"), patterns) == []


def test_the_year_end_files_are_in_english_too(client_for, world):
    """The PDF report and the XLSX overview speak the language of the person who downloads them."""
    client = client_for(world.manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    patterns, data = dutch_patterns(), data_texts(world)
    year = world.programme.year

    pdf = b"".join(client.get(f"/overview/{year}/export.pdf"))
    report = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    xlsx = b"".join(client.get(f"/overview/{year}/export.xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    cells = "\n".join(
        str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell
    )

    for text in (report, cells):
        for value in data:
            text = text.replace(value, "\n")
        assert dutch_in(text, patterns) == []
    assert "Accounting for Work programme 2024" in report


def test_the_dutch_check_finds_dutch(world):
    patterns = dutch_patterns()

    found = dutch_in("Commitments\nOver de deadline\n3 voornemens wachten op een oordeel.", patterns)

    assert {"Over de deadline", "%(counter)s voornemens wachten op een oordeel."} <= set(found)
    assert dutch_in("Commitments\nOverdue\n1 June 2024", patterns) == []
