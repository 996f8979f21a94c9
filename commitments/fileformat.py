"""The commitment file format (DESIGN.md §5), declared once: its columns, the fields a person or a file may change,
and the formula guard that export and import share.

Every place that reads or writes the format (the register's and the overview's exports, the import, the extraction,
the commands, the benchmark) takes its columns and guard from here.

The guard: an export writes a ' before every place where a spreadsheet could see a cell start with = + - or @: the
start of a text, and after each list separator (, or ;), tab and line break in it, since a spreadsheet that splits
on another separator than the file's starts a cell there (issue 18: `Zie;=cmd|' /C calc'!A0;` in Dutch Excel). A '
already standing there is doubled, so that the import, which takes exactly one ' off again, gives back every value
exactly.

A message about a file (the import's) quotes its values `shortened`, so that a hostile value is never echoed at length.
"""

import re

from django.utils.translation import gettext as _

from commitments.validators import first_control_character

# The columns of a commitment file, in order.
COLUMNS = (
    "reference",
    "programme",
    "title",
    "statement",
    "source_location",
    "kind",
    "domain",
    "goals",
    "owner",
    "due_date",
    "expected_date",
    "status",
)
# What a person (the edit page) or a file (the import) may change, in the order of the file. The status, the
# reference and the links between commitments belong to the workflow; the programme to the reference.
EDITABLE_FIELDS = tuple(name for name in COLUMNS if name not in ("reference", "programme", "status"))
# The same without the goals: the fields of the commitment's own row.
EDITABLE_ROW_FIELDS = tuple(name for name in EDITABLE_FIELDS if name != "goals")
GOAL_SEPARATOR = ";"

FORMULA_STARTS = ("=", "+", "-", "@")
# What the guard escapes with a ', and after what: a ' itself too, so that the import's rule is one-to-one.
GUARDED_STARTS = (*FORMULA_STARTS, "'")
SEPARATORS = (",", ";", "\t", "\n", "\r")
_GUARD_CHARACTERS = frozenset(GUARDED_STARTS)
_SEPARATOR = re.compile("[" + re.escape("".join(SEPARATORS)) + "]")
_NEEDS_GUARD = re.compile(
    "(^|[" + re.escape("".join(SEPARATORS)) + "])(?=[" + re.escape("".join(GUARDED_STARTS)) + "])"
)
# A guarded character right after a separator: in a row's values joined by line breaks, also at the start of a value.
_GUARD_IN_ROW = re.compile("[" + re.escape("".join(SEPARATORS)) + "][" + re.escape("".join(GUARDED_STARTS)) + "]")
_GUARDED = re.compile("(^|[" + re.escape("".join(SEPARATORS)) + "])'(?=[" + re.escape("".join(GUARDED_STARTS)) + "])")


def spreadsheet_safe(value):
    """Text a spreadsheet shows as text: a ' before = + - @ or ' at the start and after each separator. Anything
    else as it is. Called for every cell of a sheet: the expression runs only for a text that starts with a guarded
    character, or holds both a separator and a guarded character (a hyphen in a word alone is no reason)."""
    if isinstance(value, str) and (
        value.startswith(GUARDED_STARTS) or (_SEPARATOR.search(value) and not _GUARD_CHARACTERS.isdisjoint(value))
    ):
        return _NEEDS_GUARD.sub(r"\1'", value)
    return value


def spreadsheet_safe_row(row):
    """spreadsheet_safe() of every value of a row. An export's rows rarely need it: one search of the row's values
    joined by line breaks tells (every text stands in it whole; a number or date can only give a false alarm), so
    that the check per value runs only for a row that may need it."""
    if _GUARD_IN_ROW.search("\n" + "\n".join(map(str, row))) is None:
        return row
    return [spreadsheet_safe(value) for value in row]


def unspreadsheet(text):
    """Undo spreadsheet_safe: exactly one ' before = + - @ or ', at the start of the text and after each separator.
    Any other ' stays, so a hand-written 's-Gravenhage is kept."""
    if "'" not in text:
        return text
    return _GUARDED.sub(r"\1", text)


def goal_codes(codes):
    """The goals column: codes sorted and joined, as every file writes them."""
    return GOAL_SEPARATOR.join(sorted(codes))


SHOWN_AT_MOST = 40  # characters of a file's value repeated in a message


def shortened(value):
    """A value of the file as a message may repeat it: at most SHOWN_AT_MOST characters, control and invisible
    characters written as their code (U+0000), so that a hostile value is never echoed at length."""
    value = str(value)
    cut = value[:SHOWN_AT_MOST]
    shown = "".join(f"U+{ord(char):04X}" if first_control_character(char) is not None else char for char in cut)
    return shown + "…" if len(value) > SHOWN_AT_MOST else shown


def listed(values, at_most=5):
    """The first few values, shortened, and how many more there are."""
    shown = ", ".join(shortened(value) for value in values[:at_most])
    if len(values) > at_most:
        shown += " " + _("en %(count)d andere") % {"count": len(values) - at_most}
    return shown
