"""Pages of a list: `page` (from 1) and `pageSize` (1 to 100, 20 by default), with links to the others."""

import math

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _whole_number(request, name, default, maximum=None):
    values = request.query_params.getlist(name)
    if not values:
        return default
    value = values[0]
    if not value.isascii() or not value.isdigit() or int(value) < 1 or (maximum and int(value) > maximum):
        reason = (
            _("Een geheel getal van 1 tot en met %(max)s.") % {"max": maximum}
            if maximum
            else _("Een geheel getal vanaf 1.")
        )
        raise serializers.ValidationError({name: [reason]})
    return int(value)


class Pagination(BasePagination):
    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page = _whole_number(request, "page", 1, maximum=100000)
        self.page_size = _whole_number(request, "pageSize", DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        self.count = len(queryset) if isinstance(queryset, list) else queryset.count()
        self.pages = max(1, math.ceil(self.count / self.page_size))
        if self.page > self.pages:
            raise serializers.ValidationError({"page": [_("Er zijn %(pages)s pagina's.") % {"pages": self.pages}]})
        start = (self.page - 1) * self.page_size
        return list(queryset[start : start + self.page_size])

    def _link(self, page):
        if page is None:
            return None
        url = self.request.build_absolute_uri()
        query = self.request.query_params.copy()
        query["page"] = str(page)
        query["pageSize"] = str(self.page_size)
        return {"href": url.split("?", 1)[0] + "?" + query.urlencode()}

    def get_paginated_response(self, data):
        return Response(
            {
                "items": data,
                "page": self.page,
                "pageSize": self.page_size,
                "totalItems": self.count,
                "totalPages": self.pages,
                "links": {
                    "self": self._link(self.page),
                    "first": self._link(1),
                    "last": self._link(self.pages),
                    "prev": self._link(self.page - 1 if self.page > 1 else None),
                    "next": self._link(self.page + 1 if self.page < self.pages else None),
                },
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "object", "properties": {"href": {"type": "string", "format": "uri"}}, "required": ["href"]}
        nullable_link = {**link, "nullable": True}
        return {
            "type": "object",
            "required": ["items", "page", "pageSize", "totalItems", "totalPages", "links"],
            "properties": {
                "items": schema,
                "page": {"type": "integer", "minimum": 1},
                "pageSize": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                "totalItems": {"type": "integer", "minimum": 0},
                "totalPages": {"type": "integer", "minimum": 1},
                "links": {
                    "type": "object",
                    "required": ["self", "first", "last", "prev", "next"],
                    "properties": {
                        "self": link,
                        "first": link,
                        "last": link,
                        "prev": nullable_link,
                        "next": nullable_link,
                    },
                },
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": "Het nummer van de pagina, vanaf 1.",
                "schema": {"type": "integer", "minimum": 1, "maximum": 100000},
            },
            {
                "name": "pageSize",
                "in": "query",
                "required": False,
                "description": "Het aantal per pagina (1 tot en met 100; 20 als niet gegeven).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
