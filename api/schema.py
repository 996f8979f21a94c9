"""The OpenAPI document as the NL API Design Rules ask (checked by their linter, tests/test_api_design_rules.py):
the API-Version header on every answer, errors as problem+json, a 400 on every operation, the bearer token."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from api.views import API_VERSION

SCHEME = "bearerToken"

VERSION_HEADER = {
    "API-Version": {
        "description": "De volledige versie van de API.",
        "required": True,
        "schema": {"type": "string", "example": API_VERSION},
    }
}

PROBLEM = {
    "type": "object",
    "description": "Problem details (RFC 9457).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "description": "Bij ongeldige invoer: elke parameter met de reden.",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}, "code": {"type": "string"}},
            },
        },
    },
}

DESCRIPTIONS = {
    "400": "Ongeldige of onbekende parameters of invoer; invalidParams noemt ze.",
    "401": "Geen geldig token: onbekend, verlopen of ingetrokken (of nodig en niet gegeven).",
    "403": "Het token mag dit niet: alleen lezen, of de gebruiker heeft deze rechten niet.",
    "404": "Bestaat niet, of is niet openbaar.",
    "405": "Deze methode kan hier niet.",
    "406": "Alleen JSON.",
    "409": "De workflow weigert de stap in de huidige toestand (met de reden).",
    "415": "Alleen JSON als invoer.",
    "422": "De workflow weigert de invoer; invalidParams noemt het veld.",
    "429": "Te veel mislukte tokens vanaf dit adres: probeer het later.",
}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = SCHEME

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een API-token, aan te maken op de pagina API-tokens van wpsite. Zonder token: de publieke "
            "gegevens van vastgestelde jaren.",
        }


def _problem_response(code):
    return {
        "description": DESCRIPTIONS[code],
        "headers": VERSION_HEADER,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def adr_hook(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for response in responses.values():
                response.setdefault("headers", {}).update(VERSION_HEADER)
            writes = method != "get"
            # A bad token is a 401 anywhere; a token without the right (read-only, no role) a 403.
            codes = ["400", "401", "403", "406", "429"]
            if "{" in path:
                codes.append("404")
            if writes:
                codes += ["409", "415", "422"]
            for code in codes:
                responses.setdefault(code, _problem_response(code))
            operation["security"] = [{SCHEME: []}] if writes else [{SCHEME: []}, {}]
    return result
