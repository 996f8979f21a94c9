"""Errors as RFC 9457 problem details (`application/problem+json`), as the NL API Design Rules ask: `status`,
`title` and `detail`, and for invalid input `invalidParams`, each naming the parameter and the reason."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response

PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    409: "Conflict",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
}


def problem(status_code, detail, *, invalid_params=None, headers=None):
    body = {"type": "about:blank", "title": TITLES.get(status_code, "Error"), "status": status_code, "detail": detail}
    if invalid_params:
        body["invalidParams"] = invalid_params
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_JSON)


def _flatten(detail, prefix=""):
    """DRF's nested error detail as [{name, reason, code}], names in the client's camelCase and dotted paths."""
    if isinstance(detail, dict):
        return [
            item
            for key, value in detail.items()
            for item in _flatten(value, f"{prefix}{key}" if not prefix else f"{prefix}.{key}")
        ]
    if isinstance(detail, list):
        if all(not isinstance(value, dict | list) for value in detail):
            return [
                {"name": prefix or "body", "reason": str(value), "code": getattr(value, "code", "invalid")}
                for value in detail
            ]
        return [item for index, value in enumerate(detail) for item in _flatten(value, f"{prefix}[{index}]")]
    return [{"name": prefix or "body", "reason": str(detail), "code": getattr(detail, "code", "invalid")}]


def exception_handler(exc, context):
    headers = {}
    if isinstance(exc, Http404):
        return problem(404, _("Niet gevonden."))
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a server error: Django's handler logs it and answers 500
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.MethodNotAllowed):
        view = context.get("view")
        if view is not None:
            headers["Allow"] = ", ".join(view.allowed_methods)
    if isinstance(exc, exceptions.ValidationError):
        invalid = _flatten(exc.detail)
        # 400: the request itself; 422: the workflow refused a field, and its message is the detail.
        detail = _("De aanvraag bevat ongeldige parameters.") if exc.status_code == 400 else invalid[0]["reason"]
        return problem(exc.status_code, detail, invalid_params=invalid, headers=headers)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return problem(exc.status_code, str(detail), headers=headers)
