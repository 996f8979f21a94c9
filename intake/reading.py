"""Reading an uploaded programme document: what it is (PDF or text), and a clear Dutch refusal if it is
neither, or a PDF that cannot be read (encrypted, damaged, a scan without text)."""

from django.utils.translation import gettext as _

from intake import extraction

PDF_SIGNATURE = b"%PDF"


class Refused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def refusal(reason):
    return {
        "encrypted": _(
            "De PDF is beveiligd met een wachtwoord of versleuteld. Sla hem op zonder beveiliging en probeer het "
            "opnieuw."
        ),
        "damaged": _(
            "De PDF is beschadigd en kan niet worden gelezen. Sla hem opnieuw op als PDF en probeer het opnieuw."
        ),
        "no_text": _(
            "De PDF bevat geen tekst: het lijkt een scan. Gebruik een PDF met tekst, of laat de scan eerst herkennen "
            "(OCR)."
        ),
        "not_a_programme": _(
            "Dit bestand is geen PDF en geen tekstbestand (UTF-8). Upload het werkprogramma als PDF of als tekst."
        ),
        "empty": _("Het bestand is leeg."),
    }[reason]


def kind_of(data):
    """ "pdf" or "text"; Refused otherwise."""
    if not data.strip():
        raise Refused(refusal("empty"))
    if data.lstrip()[:4] == PDF_SIGNATURE:
        return "pdf"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(refusal("not_a_programme")) from None
    sample = text[:4096]
    if sum(1 for char in sample if ord(char) < 32 and char not in "\t\n\r\f") > len(sample) // 100:
        raise Refused(refusal("not_a_programme"))
    return "text"


def pages_of_text(data):
    return extraction.pages_from_text(data.decode("utf-8-sig"))


def check_pdf(file):
    """Open the PDF and count its pages (cheap), so that an encrypted or damaged file is refused at once."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(file) as pdf:
            if pdf.doc.encryption:
                raise Refused(refusal("encrypted"))
            if not pdf.pages:
                raise Refused(refusal("damaged"))
    except Refused:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise Refused(refusal("encrypted")) from None
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise Refused(refusal("encrypted")) from None
        raise Refused(refusal("damaged")) from None
    except Exception:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        raise Refused(refusal("damaged")) from None
