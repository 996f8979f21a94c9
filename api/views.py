"""The API (DESIGN.md §9): thin views that read through public.account (anonymous) or the register (a token whose
user may read it), and write only through commitments.workflow, with the pages' permission checks."""

import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions, serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from api import serializers as api
from api.pagination import Pagination
from commitments import permissions, workflow
from commitments.models import Commitment, Domain, EvidenceLink, Goal, Review, Status, WorkProgramme
from commitments.timeline import timeline_for
from public import account

API_VERSION = "1.0.0"


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class ApiView(GenericAPIView):
    """Every answer carries API-Version; only the query parameters a view names are taken (else 400)."""

    query_parameters = ()
    pagination_class = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        allowed = set(self.query_parameters) | ({"page", "pageSize"} if self.pagination_class else set())
        errors = {}
        for name in request.query_params:
            if name not in allowed:
                errors[name] = [_("Onbekende parameter.")]
            elif len(request.query_params.getlist(name)) > 1:
                errors[name] = [_("Deze parameter kan maar één keer worden gegeven.")]
        if errors:
            raise serializers.ValidationError(errors)

    @property
    def internal(self):
        """The token's user may read the register: everything. Otherwise the public account only."""
        return permissions.can_read(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "internal": self.internal}

    def require_internal(self):
        if not self.request.user.is_authenticated:
            raise exceptions.NotAuthenticated(_("Hiervoor is een token nodig."))
        if not self.internal:
            raise exceptions.PermissionDenied(_("U heeft geen rol in wpsite."))

    def require_write(self):
        if not self.request.user.is_authenticated:
            raise exceptions.NotAuthenticated(_("Hiervoor is een token nodig."))
        if not self.request.auth.may_write:
            raise exceptions.PermissionDenied(_("Dit token mag alleen lezen."))

    def programmes(self):
        programmes = WorkProgramme.objects.all() if self.internal else account.closed_programmes()
        return programmes.order_by("-year").prefetch_related("goals")

    def commitments(self):
        queryset = Commitment.objects.all()
        if not self.internal:
            queryset = queryset.filter(programme__closed_at__isnull=False)
        return (
            queryset.select_related("programme", "domain", "decision", "owner")
            .prefetch_related("goals")
            .with_latest_submission("submission_text")
            .order_by("programme__year", "sequence", "pk")
        )

    def commitment(self, reference):
        if "\x00" in reference:
            raise exceptions.NotFound(_("Dit voornemen bestaat niet."))
        commitment = self.commitments().filter(reference=reference).first()
        if commitment is None:
            raise exceptions.NotFound(_("Dit voornemen bestaat niet."))
        return commitment

    def refused(self, error):
        """A step the workflow refused: 422 naming the field it concerns, else 409; nothing was written."""
        if error.field:
            raise UnprocessableContent({camel(error.field): [error.message]})
        raise Conflict(error.message)


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "Conflict"


class UnprocessableContent(exceptions.ValidationError):
    status_code = 422


class Root(ApiView):
    @extend_schema(operation_id="getRoot", summary="De ingangen van de API", responses=dict)
    def get(self, request):
        def href(name):
            return {"href": request.build_absolute_uri(reverse(name))}

        return Response(
            {
                "links": {
                    name: href(f"api-{name}") for name in ("programmes", "domains", "goals", "commitments", "openapi")
                }
            }
        )


class Programmes(ApiView):
    pagination_class = Pagination
    serializer_class = api.ProgrammeSerializer

    @extend_schema(
        operation_id="listProgrammes",
        responses=api.ProgrammeSerializer(many=True),
        summary="Werkprogramma's (anoniem: alleen vastgestelde jaren)",
    )
    def get(self, request):
        page = self.paginate_queryset(self.programmes())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ProgrammeDetail(ApiView):
    serializer_class = api.ProgrammeSerializer

    @extend_schema(operation_id="getProgramme", summary="Eén werkprogramma")
    def get(self, request, year):
        programme = self.programmes().filter(year=year).first()
        if programme is None:
            raise exceptions.NotFound(_("Dit werkprogramma bestaat niet of is niet openbaar."))
        return Response(self.get_serializer(programme).data)


class Domains(ApiView):
    pagination_class = Pagination
    serializer_class = api.DomainSerializer

    @extend_schema(operation_id="listDomains", responses=api.DomainSerializer(many=True), summary="Toezichtgebieden")
    def get(self, request):
        page = self.paginate_queryset(Domain.objects.order_by("name", "pk"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class DomainDetail(ApiView):
    serializer_class = api.DomainSerializer

    @extend_schema(operation_id="getDomain", summary="Eén toezichtgebied")
    def get(self, request, slug):
        domain = Domain.objects.filter(slug=slug).first()
        if domain is None:
            raise exceptions.NotFound(_("Dit toezichtgebied bestaat niet."))
        return Response(self.get_serializer(domain).data)


class Goals(ApiView):
    pagination_class = Pagination
    serializer_class = api.GoalSerializer

    @extend_schema(
        operation_id="listGoals", responses=api.GoalSerializer(many=True), summary="Doelen van het meerjarenperspectief"
    )
    def get(self, request):
        page = self.paginate_queryset(Goal.objects.order_by("code", "pk"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class GoalDetail(ApiView):
    serializer_class = api.GoalSerializer

    @extend_schema(operation_id="getGoal", summary="Eén doel")
    def get(self, request, code):
        goal = Goal.objects.filter(code=code).first()
        if goal is None:
            raise exceptions.NotFound(_("Dit doel bestaat niet."))
        return Response(self.get_serializer(goal).data)


class CommitmentQuery(serializers.Serializer):
    """The register's filters (DESIGN.md §5), in camelCase."""

    programme = serializers.IntegerField(required=False, min_value=2000, max_value=2100, help_text="Het jaar.")
    domain = serializers.SlugField(required=False, max_length=50, help_text="De slug van een toezichtgebied.")
    goal = serializers.SlugField(required=False, max_length=50, help_text="De code van een doel.")
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    owner = serializers.CharField(
        required=False, max_length=150, help_text="Gebruikersnaam van de eigenaar; alleen met een token."
    )
    overdue = serializers.ChoiceField(choices=[("true", "true"), ("false", "false")], required=False)
    q = serializers.CharField(
        required=False, max_length=200, allow_blank=True, help_text="Zoekt in referentie, titel en tekst."
    )


class Commitments(ApiView):
    pagination_class = Pagination
    serializer_class = api.CommitmentSerializer
    query_parameters = tuple(CommitmentQuery().fields)

    @extend_schema(
        operation_id="listCommitments",
        responses=api.CommitmentSerializer(many=True),
        summary="Voornemens (anoniem: de publieke verantwoording van vastgestelde jaren)",
        parameters=[CommitmentQuery],
    )
    def get(self, request):
        query = CommitmentQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        page = self.paginate_queryset(self.filtered(query.validated_data))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def filtered(self, filters):
        queryset = self.commitments()
        if "programme" in filters:
            programme = self.programmes().filter(year=filters["programme"]).first()
            if programme is None:
                raise serializers.ValidationError({"programme": [_("Onbekend of niet openbaar werkprogramma.")]})
            queryset = queryset.filter(programme=programme)
        for name, model, key in (("domain", Domain, "slug"), ("goal", Goal, "code")):
            if name in filters:
                found = model.objects.filter(**{key: filters[name]}).values_list("pk", flat=True).first()
                if found is None:
                    raise serializers.ValidationError({name: [_("Bestaat niet.")]})
                queryset = queryset.filter(**{"goals" if name == "goal" else name: found})
        if "status" in filters:
            queryset = queryset.filter(status=filters["status"])
        if "owner" in filters:
            if not self.internal:
                raise serializers.ValidationError({"owner": [_("Alleen met een token van een medewerker.")]})
            queryset = queryset.filter(owner__username=filters["owner"])
        if "overdue" in filters:
            overdue = Commitment.objects.overdue(timezone.localdate()).values("pk")
            queryset = (
                queryset.filter(pk__in=overdue) if filters["overdue"] == "true" else queryset.exclude(pk__in=overdue)
            )
        return account.search(queryset, filters.get("q", ""))


class CommitmentDetail(ApiView):
    serializer_class = api.CommitmentSerializer

    @extend_schema(operation_id="getCommitment", summary="Eén voornemen")
    def get(self, request, reference):
        return Response(self.get_serializer(self.commitment(reference)).data)


class CommitmentEvidence(ApiView):
    pagination_class = Pagination
    serializer_class = api.EvidenceSerializer

    @extend_schema(
        operation_id="listCommitmentEvidence",
        responses=api.EvidenceSerializer(many=True),
        summary="Het bewijs van een voornemen (anoniem: het openbare)",
    )
    def get(self, request, reference):
        commitment = self.commitment(reference)
        evidence = EvidenceLink.objects.filter(commitment=commitment).select_related("added_by")
        if not self.internal:
            evidence = evidence.filter(account.PUBLIC_EVIDENCE)
        page = self.paginate_queryset(evidence.order_by("published_on", "id"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="addCommitmentEvidence",
        summary="Bewijs toevoegen (workflow.add_evidence)",
        request=api.EvidenceInput,
        responses={201: api.EvidenceSerializer},
    )
    def post(self, request, reference):
        self.require_write()
        commitment = self.commitment(reference)
        permissions.require(permissions.works_in_domain_of(request.user, commitment))
        data = api.EvidenceInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            evidence = workflow.add_evidence(commitment, by=request.user, **data.fields_for_workflow())
        except workflow.WorkflowError as error:
            self.refused(error)
        return Response(self.get_serializer(evidence).data, status=201)


class CommitmentReviews(ApiView):
    pagination_class = Pagination
    serializer_class = api.ReviewSerializer

    @extend_schema(
        operation_id="listCommitmentReviews",
        responses=api.ReviewSerializer(many=True),
        summary="De workflowstappen van een voornemen (token)",
    )
    def get(self, request, reference):
        self.require_internal()
        commitment = self.commitment(reference)
        reviews = Review.objects.filter(commitment=commitment).select_related("actor").order_by("created_at", "id")
        page = self.paginate_queryset(reviews)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class CommitmentHistory(ApiView):
    pagination_class = Pagination
    serializer_class = api.HistoryEntrySerializer

    @extend_schema(
        operation_id="listCommitmentHistory",
        responses=api.HistoryEntrySerializer(many=True),
        summary="De geschiedenis van een voornemen (token)",
    )
    def get(self, request, reference):
        self.require_internal()
        page = self.paginate_queryset(timeline_for(self.commitment(reference)))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class CommitmentNotes(ApiView):
    pagination_class = Pagination
    serializer_class = api.NoteSerializer

    @extend_schema(
        operation_id="listCommitmentNotes",
        responses=api.NoteSerializer(many=True),
        summary="De notities bij een voornemen (token)",
    )
    def get(self, request, reference):
        self.require_internal()
        commitment = self.commitment(reference)
        page = self.paginate_queryset(commitment.notes.select_related("author").order_by("created_at", "id"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="addCommitmentNote",
        summary="Een notitie plaatsen (workflow.add_note)",
        request=api.NoteInput,
        responses={201: api.NoteSerializer},
    )
    def post(self, request, reference):
        self.require_write()
        commitment = self.commitment(reference)
        permissions.require(
            permissions.is_reviewer(request.user) or permissions.works_in_domain_of(request.user, commitment)
        )
        data = api.NoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            note = workflow.add_note(commitment, by=request.user, text=data.validated_data["text"])
        except workflow.WorkflowError as error:
            self.refused(error)
        return Response(self.get_serializer(note).data, status=201)


class Step(ApiView):
    """A workflow step on a commitment: who may take it at all (else 403), then the workflow, which checks the
    rest with the row locked (refused: 409, or 422 naming the field)."""

    serializer_class = api.CommitmentSerializer
    step = None
    role = None
    input_class = None

    def post(self, request, reference):
        self.require_write()
        commitment = self.commitment(reference)
        permissions.require(type(self).role(request.user, commitment))
        fields = {}
        if self.input_class is not None:
            data = self.input_class(data=request.data)
            data.is_valid(raise_exception=True)
            fields = data.fields_for_workflow()
        try:
            getattr(workflow, self.step)(commitment, by=request.user, **fields)
        except workflow.WorkflowError as error:
            self.refused(error)
        return Response(self.get_serializer(self.commitment(reference)).data)


def _step_view(name, step, role, input_class, summary):
    def post(self, request, reference):
        return Step.post(self, request, reference)

    decorated = extend_schema(
        operation_id=name, summary=summary, request=input_class, responses={200: api.CommitmentSerializer}
    )(post)
    attributes = {"step": step, "role": role, "input_class": input_class, "post": decorated}
    return type(name[0].upper() + name[1:], (Step,), attributes)


Start = _step_view("startCommitment", "start", permissions.works_in_domain_of, None, "Starten (workflow.start)")
Submit = _step_view(
    "submitCommitment", "submit", permissions.works_in_domain_of, api.SubmitInput, "Aanbieden (workflow.submit)"
)
ReviewStep = _step_view(
    "reviewCommitment", "review", permissions.is_reviewer_of, api.ReviewInput, "Beoordelen (workflow.review)"
)


@extend_schema(exclude=True)
class OpenApi(SpectacularAPIView):
    renderer_classes = [OpenApiJsonRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        return response

    def get(self, request, *args, **kwargs):
        if request.query_params:
            return Response(
                {
                    "type": "about:blank",
                    "title": "Bad Request",
                    "status": 400,
                    "detail": _("Onbekende parameter."),
                    "invalidParams": [
                        {"name": name, "reason": _("Onbekende parameter."), "code": "unknown"}
                        for name in request.query_params
                    ],
                },
                status=400,
                content_type="application/problem+json",
            )
        return super().get(request, *args, **kwargs)


@login_not_required
def not_found(request, rest):
    response = HttpResponse(
        json.dumps({"type": "about:blank", "title": "Not Found", "status": 404, "detail": _("Niet gevonden.")}),
        status=404,
        content_type="application/problem+json",
    )
    response["API-Version"] = API_VERSION
    return response
