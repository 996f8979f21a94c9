"""A corpus of hostile commitment files (issue 18 point 3), made here rather than shipped: each case of the attack
report, a zip bomb, billion laughs, XXE, a huge dimension, 80,000 columns and 20,000 rows with the same error.

Each maker returns the bytes of the file. The XLSX files are written part by part with zipfile, so that every
part can be as hostile as wanted; `workbook()` gives the parts of a minimal valid workbook to start from.
"""

import csv
import io
import struct
import zipfile
import zlib

from commitments import fileformat

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="voornemens" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# A row that the importer would refuse on its own (an unknown domain), so that every case ends in a refusal.
ROW = ["", "2024", "Titel", "Tekst van het voornemen.", "", "publication", "onbekend", "", "", "", "", ""]


def _column(number):
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _inline_row(number, values):
    cells = "".join(
        f'<c r="{_column(position)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for position, value in enumerate(values, start=1)
        if value != ""
    )
    return f'<row r="{number}">{cells}</row>'


def sheet_xml(rows=(fileformat.COLUMNS, ROW), dimension="A1:L2", prologue=""):
    body = "".join(_inline_row(number, values) for number, values in enumerate(rows, start=1))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prologue}<worksheet xmlns="{MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>'
    )


def shared_strings_xml(strings=(), prologue=""):
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?>{prologue}<sst xmlns="{MAIN}">{items}</sst>'


def workbook(**parts):
    """The parts of a minimal workbook with the header and ROW; keyword arguments replace or add parts."""
    names = {
        "content_types": "[Content_Types].xml",
        "rels": "_rels/.rels",
        "workbook": "xl/workbook.xml",
        "workbook_rels": "xl/_rels/workbook.xml.rels",
        "sheet": "xl/worksheets/sheet1.xml",
        "shared_strings": "xl/sharedStrings.xml",
    }
    contents = {
        "content_types": CONTENT_TYPES,
        "rels": ROOT_RELS,
        "workbook": WORKBOOK,
        "workbook_rels": WORKBOOK_RELS,
        "sheet": sheet_xml(),
        "shared_strings": shared_strings_xml(),
    }
    contents.update(parts)
    return {names[key]: value for key, value in contents.items()}


class Repeated:
    """A part too large to hold: `head`, then `chunk` `count` times, then `tail`. Deflated without ever being
    whole: after a full flush the compressor starts afresh, so each repeated chunk deflates to the same bytes."""

    def __init__(self, head, chunk, count, tail):
        self.head, self.chunk, self.count, self.tail = head, chunk, count, tail

    def deflated(self):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        head = compressor.compress(self.head) + compressor.flush(zlib.Z_FULL_FLUSH)
        chunk = compressor.compress(self.chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        tail = compressor.compress(self.tail) + compressor.flush()
        crc = zlib.crc32(self.head)
        for _ in range(self.count):
            crc = zlib.crc32(self.chunk, crc)
        crc = zlib.crc32(self.tail, crc)
        size = len(self.head) + len(self.chunk) * self.count + len(self.tail)
        return head + chunk * self.count + tail, crc, size


def zipped(parts):
    """A zip of `parts` (name: text, bytes or Repeated), every part deflated, written by hand."""
    entries, central, offset = [], [], 0
    for name, content in parts.items():
        encoded_name = name.encode()
        if isinstance(content, Repeated):
            data, crc, size = content.deflated()
        else:
            raw = content.encode() if isinstance(content, str) else content
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            data, crc, size = compressor.compress(raw) + compressor.flush(), zlib.crc32(raw), len(raw)
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), size)
        local = b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded_name), 0) + encoded_name
        entries.append(local + data)
        central.append(
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHHHI", len(encoded_name), 0, 0, 0, 0, 0)
            + struct.pack("<I", offset)
            + encoded_name
        )
        offset += len(local) + len(data)
    directory = b"".join(central)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(entries) + directory + end


def xlsx(**parts):
    return zipped(workbook(**parts))


# --- the cases -------------------------------------------------------------------------------------------------


def huge_shared_string(size=1024**3):
    """A small XLSX whose one shared string is `size` characters once uncompressed (the attack: 974 KB, 1 GB)."""
    strings = Repeated(
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"><si><t>'.encode(),
        b"A" * (1024 * 1024),
        size // (1024 * 1024),
        b"</t></si></sst>",
    )
    sheet = sheet_xml(rows=(fileformat.COLUMNS,)).replace(
        "</sheetData>", '<row r="2"><c r="C2" t="s"><v>0</v></c></row></sheetData>'
    )
    return xlsx(sheet=sheet, shared_strings=strings)


def long_cell(length=20_000):
    """A cell longer than any field may be, well within the size limits: refused naming its line and column."""
    return xlsx(sheet=sheet_xml(rows=(fileformat.COLUMNS, ["", "2024", "X" * length, "Tekst."])))


def huge_dimension():
    """1.9 KB declaring <dimension ref="A1:XFD1048576">: 16,384 columns by 1,048,576 rows (the attack: 30 s, 500)."""
    return xlsx(sheet=sheet_xml(dimension="A1:XFD1048576"))


def many_columns_csv(columns=80_000):
    """A header of 80,000 columns (the attack: 87 s in names.count() for each name)."""
    return (",".join(f"kolom{n}" for n in range(columns)) + "\n" + ",".join("x" * 1 for _ in range(12)) + "\n").encode()


def many_columns_xlsx(columns=16_384):
    """A header row as wide as Excel allows (XFD): no XLSX can have 80,000 columns."""
    cells = "".join(f'<c r="{_column(n)}1" t="inlineStr"><is><t>k{n}</t></is></c>' for n in range(1, columns + 1))
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
        f'<row r="1">{cells}</row></sheetData></worksheet>'
    )
    return xlsx(sheet=sheet)


def rows_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(fileformat.COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def same_error_rows(count=20_000):
    """`count` new rows with an empty statement (the attack: duplicate messages growing with the square, 1.56 GB)."""
    row = ["", "2024", "Titel", "", "", "publication", "politie", "", "", "", "", ""]
    return rows_csv([*row[:2], f"Titel {n}", *row[3:]] for n in range(count))


def nul_in(column):
    row = dict(zip(fileformat.COLUMNS, ROW, strict=True)) | {"domain": "politie", column: "alice\x00"}
    if column == "title":
        row["title"] = "Titel\x00met NUL"
    return rows_csv([[row[name] for name in fileformat.COLUMNS]])


def malformed_content_types():
    return xlsx(content_types='<?xml version="1.0"?><Types><Default Extension="xml"')


def malformed_workbook():
    return xlsx(workbook="<workbook><sheets><sheet name=")


def zip_bomb(size=1024**3):
    """A sheet of `size` bytes of spaces once uncompressed, about 1 MB zipped."""
    head, tail = sheet_xml(rows=(fileformat.COLUMNS,)).split("<sheetData>")
    sheet = Repeated((head + "<sheetData>").encode(), b" " * (1024 * 1024), size // (1024 * 1024), tail.encode())
    return xlsx(sheet=sheet)


def understated_zip_bomb(size=200 * 1024 * 1024):
    """A sheet that uncompresses to `size` bytes but whose zip says it holds 300: the check before reading believes
    the zip's sizes, so this shows that reading, too, stops at the declared size (and the checksum then fails)."""
    head, tail = sheet_xml().split("<sheetData>")
    sheet = Repeated((head + "<sheetData>").encode(), b" " * (1024 * 1024), size // (1024 * 1024), tail.encode())
    data = bytearray(xlsx(sheet=sheet))
    name = b"xl/worksheets/sheet1.xml"
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name.decode())
    struct.pack_into("<I", data, info.header_offset + 22, 300)  # the local header's uncompressed size

    end = data.rfind(b"PK\x05\x06")
    position = struct.unpack("<I", data[end + 16 : end + 20])[0]
    while data[position : position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack("<HHH", data[position + 28 : position + 34])
        if bytes(data[position + 46 : position + 46 + name_length]) == name:
            struct.pack_into("<I", data, position + 24, 300)  # the central directory's uncompressed size
        position += 46 + name_length + extra_length + comment_length
    return bytes(data)


def many_members(count=5_000):
    parts = workbook()
    for n in range(count):
        parts[f"xl/media/image{n}.png"] = b""
    return zipped(parts)


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]>"
)


def billion_laughs():
    strings = shared_strings_xml(["&lol9;"], prologue=BILLION_LAUGHS)
    sheet = sheet_xml(rows=(fileformat.COLUMNS,)).replace(
        "</sheetData>", '<row r="2"><c r="C2" t="s"><v>0</v></c></row></sheetData>'
    )
    return xlsx(sheet=sheet, shared_strings=strings)


def xxe(target="file:///etc/passwd"):
    strings = shared_strings_xml(["&xxe;"], prologue=f'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "{target}">]>')
    sheet = sheet_xml(rows=(fileformat.COLUMNS,)).replace(
        "</sheetData>", '<row r="2"><c r="C2" t="s"><v>0</v></c></row></sheetData>'
    )
    return xlsx(sheet=sheet, shared_strings=strings)


# name: (maker, file name, a text the refusal must contain)
CASES = {
    "huge_shared_string": (huge_shared_string, "gedeelde-tekst.xlsx", "uitgepakt groter dan 30 MB"),
    "long_cell": (long_cell, "lange-cel.xlsx", "Regel 2, kolom title: de cel is 20000 tekens lang"),
    "huge_dimension": (huge_dimension, "dimensie.xlsx", "Onbekend toezichtgebied"),
    "many_columns_csv": (many_columns_csv, "kolommen.csv", "Regel 1 heeft meer dan 50 kolommen"),
    "many_columns_xlsx": (many_columns_xlsx, "kolommen.xlsx", "Regel 1 heeft meer dan 50 kolommen"),
    "same_error_rows": (same_error_rows, "regels.csv", "meer dan 10000 regels"),
    "nul_in_owner": (lambda: nul_in("owner"), "nul-eigenaar.csv", "Kolom owner bevat een onzichtbaar stuurteken"),
    "nul_in_title": (lambda: nul_in("title"), "nul-titel.csv", "Kolom title bevat een onzichtbaar stuurteken"),
    "malformed_content_types": (malformed_content_types, "types.xlsx", "is geen CSV- of XLSX-bestand"),
    "malformed_workbook": (malformed_workbook, "werkmap.xlsx", "is geen CSV- of XLSX-bestand"),
    "zip_bomb": (zip_bomb, "bom.xlsx", "uitgepakt groter dan 30 MB"),
    "understated_zip_bomb": (understated_zip_bomb, "stille-bom.xlsx", "is geen CSV- of XLSX-bestand"),
    "many_members": (many_members, "onderdelen.xlsx", "bevat meer dan 100 onderdelen"),
    "billion_laughs": (billion_laughs, "lachen.xlsx", "XML-entiteiten"),
    "xxe": (xxe, "xxe.xlsx", "XML-entiteiten"),
}


# The worst that the limits still let through to the parser, to measure what reading costs at the bounds.
AT_THE_LIMITS = {
    "shared_string_under_the_limit": (
        lambda: huge_shared_string(29 * 1024 * 1024),
        "bijna-30-mb.xlsx",
        "Regel 2, kolom title: de cel is 30408704 tekens lang",
    ),
    "most_rows_same_error": (lambda: same_error_rows(10_000), "10000-regels.csv", "Vul de kolom statement in"),
}
ALL_CASES = {**CASES, **AT_THE_LIMITS}
