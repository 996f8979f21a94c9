"""The reference deployment (issue 18 point 2, breaks 3, 4 and 10): Debian's nginx in front of gunicorn, started
here as deploy/ configures them, on the loopback interface only, on ports chosen free at run time.

With 50 slow-header and 50 slow-body clients held open, /healthz and a logged-in register page answer within 1 s;
a 300 MB body is refused with 413 before it reaches gunicorn or the disk. The proxy trust holds both ways: without
TRUST_X_FORWARDED_PROTO neither gunicorn nor Django takes a client's X-Forwarded-Proto, with it they take nginx's.
The application itself refuses an announced body over its address's limit at once, without reading it.

Needs /usr/sbin/nginx (Debian's `nginx`; .ci/run installs it) and openssl; skipped with the reason where absent."""

import os
import re
import secrets
import select
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SLOW_CLIENTS = 50
HUGE_BODY = 300 * 1024 * 1024

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists() or not shutil.which("openssl"),
    reason="needs Debian's nginx (apt-get install nginx; .ci/run does) and openssl for the deployment test",
)

SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.conf import settings
from django.test import Client
user = get_user_model().objects.create_user("medewerker", password="a-long-enough-test-password")
user.groups.add(Group.objects.get(name="medewerker"))
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
print(settings.SESSION_COOKIE_NAME + "=" + client.cookies[settings.SESSION_COOKIE_NAME].value)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(folder, **overrides):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DATABASE_URL", "TEST_DATABASE_NAME", "SECURE_SSL_REDIRECT", "TRUST_X_FORWARDED_PROTO"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="wpsite.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        STATIC_ROOT=str(folder / "static"),
        WEB_CONCURRENCY="2",
    )
    environment.update(overrides)
    return environment


def start_gunicorn(environment, log):
    return subprocess.Popen(
        [str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "wpsite.wsgi:application"],
        cwd=ROOT,
        env=environment,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def raw_request(port, request, tls=False, timeout=5):
    """Send `request` (bytes) to the loopback port; the status code and the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as plain:
        connection = tls_context().wrap_socket(plain, server_hostname="127.0.0.1") if tls else plain
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1]), answer


def get(path, host="127.0.0.1", headers=""):
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{headers}\r\n".encode()


def tls_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our own certificate of the moment
    return context


def wait_until(answering, what, log, process, deadline=40):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        assert process.poll() is None, f"{what} stopped:\n{log.read_text()[-3000:]}"
        try:
            if answering():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not answer in {deadline} s:\n{log.read_text()[-3000:]}")


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log info;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log {folder}/nginx-access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream wpsite {{ server unix:{folder}/gunicorn.sock fail_timeout=0; }}
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name 127.0.0.1;
        ssl_certificate {folder}/cert.pem;
        ssl_certificate_key {folder}/key.pem;
        include {snippet};
    }}
}}
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """gunicorn (deploy/gunicorn.conf.py, TRUST_X_FORWARDED_PROTO=1) on a unix socket and on a loopback port, nginx
    with the snippet of deploy/nginx/ in front on another, a database with one logged-in staff member."""
    folder = tmp_path_factory.mktemp("deploy")
    folder.chmod(0o755)
    direct_port, nginx_port = free_port(), free_port()
    environment = production_environment(
        folder,
        TRUST_X_FORWARDED_PROTO="1",
        GUNICORN_BIND=f"unix:{folder}/gunicorn.sock,127.0.0.1:{direct_port}",
        GUNICORN_ACCESS_LOG=str(folder / "gunicorn-access.log"),
    )
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "--ignore", "admin", "-v0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=environment, check=True, timeout=180)
    setup = subprocess.run(
        [*manage, "shell", "-c", SETUP], cwd=ROOT, env=environment, check=True, timeout=60, capture_output=True
    )
    cookie = setup.stdout.decode().strip().splitlines()[-1]
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    user = "user root;" if os.geteuid() == 0 else ""  # as root nginx's worker would otherwise be nobody
    (folder / "nginx.conf").write_text(
        NGINX_CONF.format(
            folder=folder, port=nginx_port, user=user, snippet=ROOT / "deploy" / "nginx" / "wpsite-proxy.conf"
        )
    )
    log = folder / "gunicorn.log"
    gunicorn = start_gunicorn(environment, log)
    nginx_log = folder / "nginx.log"
    nginx = None
    try:
        wait_until(lambda: raw_request(direct_port, get("/healthz"))[0] == 301, "gunicorn", log, gunicorn)
        nginx = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "nginx-error.log")],
            stdout=nginx_log.open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_until(lambda: raw_request(nginx_port, get("/healthz"), tls=True)[0] == 200, "nginx", nginx_log, nginx)
        yield {
            "folder": folder,
            "port": nginx_port,
            "direct_port": direct_port,
            "cookie": cookie,
            "environment": environment,
        }
    finally:
        if nginx is not None:
            stop(nginx)
        stop(gunicorn)


def timed(port, request):
    started = time.perf_counter()
    status, answer = raw_request(port, request, tls=True)
    return status, answer, time.perf_counter() - started


def open_slow_clients(port):
    """50 clients that send half a header and 50 that send a header and the first bytes of a 1 MB body; held."""
    context, clients = tls_context(), []
    for number in range(SLOW_CLIENTS):
        connection = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5), server_hostname="x")
        connection.sendall(f"GET /healthz?slow={number} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".encode())
        clients.append(connection)
    for number in range(SLOW_CLIENTS):
        connection = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5), server_hostname="x")
        connection.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {1024 * 1024}\r\n\r\nusername=slow{number}&".encode()
        )
        clients.append(connection)
    return clients


def test_with_100_slow_clients_held_open_healthz_and_the_register_answer_within_a_second(stack):
    register = get("/commitments/", headers=f"Cookie: {stack['cookie']}\r\n")
    for _ in range(4):  # each worker's first page compiles its templates: that is not what is measured here
        assert timed(stack["port"], register)[0] == 200
    clients = open_slow_clients(stack["port"])
    try:
        time.sleep(1)  # more than enough for the slow requests to have tied up both workers, were they let through
        figures = []
        for _ in range(3):
            status, _answer, seconds = timed(stack["port"], get("/healthz"))
            assert (status, seconds < 1) == (200, True), seconds
            status, answer, register_seconds = timed(stack["port"], register)
            assert (status, register_seconds < 1) == (200, True), register_seconds
            assert b"<h1" in answer and b"Voornemen" in answer and b"Uitloggen" in answer
            figures.append((round(seconds, 3), round(register_seconds, 3)))
        print(f"\n/healthz and /commitments/ (s) with {2 * SLOW_CLIENTS} slow clients held open: {figures}")
        # Every slow client is still held by nginx, none answered or cut off yet.
        readable, _, _ = select.select(clients, [], [], 0)
        assert readable == []
        access_log = (stack["folder"] / "gunicorn-access.log").read_text()
        assert "slow=" not in access_log and "slow0" not in access_log  # none reached gunicorn
    finally:
        for client in clients:
            client.close()


def test_a_300_mb_body_is_refused_with_413_before_it_reaches_gunicorn_or_the_disk(stack):
    """The body is streamed from one 1 MB buffer, at most 300 times and for at most 10 s, and stops at the answer."""
    chunk = b"0" * (1024 * 1024)
    connection = tls_context().wrap_socket(
        socket.create_connection(("127.0.0.1", stack["port"]), timeout=5), server_hostname="x"
    )
    sent, answer, deadline = 0, b"", time.monotonic() + 10
    try:
        connection.sendall(
            b"POST /accounts/login/?huge=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + b"Content-Type: multipart/form-data; boundary=x\r\n"
            + f"Content-Length: {HUGE_BODY}\r\n\r\n".encode()
        )
        while sent < HUGE_BODY and time.monotonic() < deadline:
            if select.select([connection], [], [], 0)[0] or connection.pending():
                answer = connection.recv(65536)
                break
            try:
                connection.sendall(chunk)
            except OSError:  # nginx closed the connection after its answer
                break
            sent += len(chunk)
        if not answer:
            answer = connection.recv(65536)
    finally:
        connection.close()
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < HUGE_BODY
    assert "huge=1" not in (stack["folder"] / "gunicorn-access.log").read_text()
    body_files = [path for path in (stack["folder"] / "client_body").rglob("*") if path.is_file()]
    assert body_files == []


def test_behind_nginx_the_forwarded_proto_is_nginx_s_and_a_client_s_own_is_replaced(stack):
    # A client that claims plain http through the https port: nginx says https, so no redirect.
    assert timed(stack["port"], get("/healthz", headers="X-Forwarded-Proto: http\r\n"))[0] == 200
    # A forged host through nginx is refused by Django (400), and X-Forwarded-Host is dropped.
    assert timed(stack["port"], get("/healthz", host="evil.example"))[0] == 400
    assert timed(stack["port"], get("/healthz", headers="X-Forwarded-Host: evil.example\r\n"))[0] == 200


def test_with_trust_x_forwarded_proto_gunicorn_and_django_take_the_proxy_s_https(stack):
    assert raw_request(stack["direct_port"], get("/healthz"))[0] == 301
    assert raw_request(stack["direct_port"], get("/healthz", headers="X-Forwarded-Proto: https\r\n"))[0] == 200


def test_without_trust_x_forwarded_proto_no_one_takes_a_forwarded_https(stack, tmp_path):
    """gunicorn trusts X-Forwarded-Proto from 127.0.0.1 by default; deploy/gunicorn.conf.py switches that off with
    TRUST_X_FORWARDED_PROTO, so that a client on the machine cannot claim https past SECURE_SSL_REDIRECT."""
    port = free_port()
    environment = {**stack["environment"], "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"}
    del environment["TRUST_X_FORWARDED_PROTO"]
    log = tmp_path / "gunicorn.log"
    gunicorn = start_gunicorn(environment, log)
    try:
        wait_until(lambda: raw_request(port, get("/healthz"))[0] == 301, "gunicorn", log, gunicorn)
        for header in ("X-Forwarded-Proto: https", "X-Forwarded-Ssl: on", "X-Forwarded-Protocol: ssl"):
            status, answer = raw_request(port, get("/healthz", headers=header + "\r\n"))
            assert status == 301, header
            assert re.search(rb"Location: https://127\.0\.0\.1/healthz", answer)
    finally:
        stop(gunicorn)


def test_gunicorn_is_bound_to_a_unix_socket_by_default_never_to_every_address():
    conf = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    assert 'GUNICORN_BIND", "unix:/run/wpsite/gunicorn.sock"' in conf
    assert "0.0.0.0:" not in conf.replace("Never 0.0.0.0", "")
    site = (ROOT / "deploy" / "nginx" / "wpsite.conf").read_text()
    assert "server unix:/run/wpsite/gunicorn.sock" in site and "include /etc/nginx/snippets/wpsite-proxy.conf" in site
