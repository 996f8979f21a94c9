"""Request bodies bounded in the application too (issue 18 point 2, break 4; defence in depth behind nginx): a request
whose Content-Length is over the limit of its address is refused at once with 413 and a Dutch page, without reading
a byte of the body (no temporary file, no time in a worker). And the language cookie is __Host- in production."""

import io
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler

from tests.test_import import NEW_ROW, csv_file

MB = 1024 * 1024


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anyone reads from it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readinto = read


def wsgi_post(path, length, **extra):
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "CONTENT_TYPE": "multipart/form-data; boundary=x",
        "CONTENT_LENGTH": str(length),
        "wsgi.input": UnreadableBody(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **extra,
    }
    started = []
    body = b"".join(WSGIHandler()(environ, lambda status, headers: started.append(status)))
    return started[0], body.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, length",
    [
        ("/accounts/login/", 300 * MB),  # the attack: 200 after 2.4 s, and a 300 MB file on disk
        ("/accounts/login/", 17 * 1024),
        ("/commitments/new/", 300 * 1024),
        ("/commitments/WP2024-001/evidence/new/", 1 * MB),
        ("/import/", 6 * MB),
        ("/admin/login/", 2 * MB),
    ],
)
def test_a_body_over_the_limit_of_its_address_is_refused_at_once_without_being_read(path, length):
    status, page = wsgi_post(path, length)
    assert status.startswith("413")
    assert "Te groot om te versturen" in page and "Er is niets ontvangen of opgeslagen" in page


@pytest.mark.django_db
def test_the_refusal_is_in_english_for_an_english_reader():
    status, page = wsgi_post("/accounts/login/", 300 * MB, HTTP_ACCEPT_LANGUAGE="en")
    assert status.startswith("413")
    assert "Too large to send" in page and "Te groot" not in page


def test_a_form_under_its_limit_goes_through(client, reference_data):
    response = client.post("/accounts/login/", {"username": "niemand", "password": "x" * 100})
    assert response.status_code == 200  # the login form with its error, not 413


def test_an_import_of_5_mb_passes_the_request_limit_and_meets_the_form_s_own(client_for, erin):
    data = csv_file(NEW_ROW) + b" " * (5 * MB)
    response = client_for(erin).post("/import/", {"file": SimpleUploadedFile("groot.csv", data)})
    assert response.status_code == 400
    assert "groter dan 5 MB" in response.content.decode()
