"""gunicorn for wpsite behind nginx (deploy/nginx/wpsite.conf): `gunicorn -c deploy/gunicorn.conf.py wpsite.wsgi`.

Every setting can be changed from the environment, as the deployment test (tests/test_deployment.py) does:

- GUNICORN_BIND: where gunicorn listens; `unix:/run/wpsite/gunicorn.sock` (a socket only nginx opens), or a
  loopback address such as `127.0.0.1:8000`. Never 0.0.0.0: slow and large clients must meet nginx first.
- WEB_CONCURRENCY: the number of sync workers (4).
- TRUST_X_FORWARDED_PROTO (as Django reads it, DESIGN.md §6): `1` behind nginx, which sets X-Forwarded-Proto itself.
  Off, gunicorn believes no scheme header from anyone, whatever its own default (it trusts 127.0.0.1 out of the
  box, issue 18); on, it believes X-Forwarded-Proto alone, and only from FORWARDED_ALLOW_IPS (default 127.0.0.1
  and ::1; connections on the unix socket are nginx's and always believed).
"""

import os


def _flag(name):
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


bind = os.environ.get("GUNICORN_BIND", "unix:/run/wpsite/gunicorn.sock").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "sync"
timeout = 30
graceful_timeout = 30
# A request line and header as nginx passes them: no longer than nginx itself allows (wpsite-proxy.conf).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
umask = 0o007  # the socket: for gunicorn's user and its group (www-data, nginx's user), no one else

if _flag("TRUST_X_FORWARDED_PROTO"):
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
else:
    forwarded_allow_ips = "127.0.0.1"  # unused: no header names a scheme
    secure_scheme_headers = {}
