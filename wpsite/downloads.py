"""Downloads: the HTTP side of the files that commitments/exports.py (and the public account) make as data. The
views name the file and its type here; the writers know nothing of requests."""

import tempfile

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_download(pieces, filename):
    """A CSV streamed as its writer gives it, piece by piece (exports.csv_pieces)."""
    response = StreamingHttpResponse(pieces, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_download(write, filename):
    """An XLSX that `write(stream)` writes to a temporary file, sent from there, so that memory stays flat."""
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # removed when the response closes it
    write(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def file_download(content, filename, content_type):
    """A file made whole in memory (a PDF, a DOCX), as an attachment."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
