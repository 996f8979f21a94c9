"""Characters that no text of the register may hold (issue 18): control characters (NUL among them: PostgreSQL
refuses it, a spreadsheet hides it), and in a web address also the invisible and direction-changing characters
that make a link read as another than it is (zero-width spaces, bidi overrides, soft hyphens)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters and DEL, but tab, line feed and carriage return: multi-line texts keep them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Unicode's format (Cf: zero-width, bidi embeddings, overrides and isolates, soft hyphen, BOM), separators other than
# the space, private use, surrogates and unassigned code points: none belongs in an address someone reads.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp", "Zs"})


def first_control_character(text):
    """The first control character of `text` (tab and line breaks allowed), or None."""
    match = CONTROL.search(text)
    return match.group(0) if match else None


def _code(character):
    return f"U+{ord(character):04X}"


@deconstructible
class NoControlCharacters:
    """Refuses a text with a control character such as NUL, naming it by its code."""

    message = _("Deze tekst bevat een onzichtbaar stuurteken (%(code)s); haal het weg.")
    code = "control_character"

    def __call__(self, value):
        character = first_control_character(str(value))
        if character is not None:
            raise ValidationError(self.message, code=self.code, params={"code": _code(character)})

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters)


@deconstructible
class NoInvisibleCharacters:
    """Refuses a web address with a character that is invisible or changes the direction of the text."""

    message = _(
        "Dit webadres bevat een onzichtbaar of richtingveranderend teken (%(code)s), waardoor de link anders leest "
        "dan hij is. Typ of plak het adres opnieuw."
    )
    code = "invisible_character"

    def __call__(self, value):
        for character in str(value):
            if unicodedata.category(character) in INVISIBLE_CATEGORIES:
                raise ValidationError(self.message, code=self.code, params={"code": _code(character)})

    def __eq__(self, other):
        return isinstance(other, NoInvisibleCharacters)


no_control_characters = NoControlCharacters()
no_invisible_characters = NoInvisibleCharacters()
