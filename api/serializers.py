"""What the API writes and reads, with the camelCase names of the NL API Design Rules. The fields marked internal are
given only to a client whose token's user may read the register; an anonymous client gets the public account."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commitments.models import Action, DropKind, EvidenceKind, Kind, Status, Verdict
from public import account


def _url(request, name, *args):
    return request.build_absolute_uri(reverse(name, args=args))


class Link(serializers.Serializer):
    href = serializers.URLField()


def links(**hrefs):
    return {name: {"href": href} for name, href in hrefs.items()}


class ProgrammeLinks(serializers.Serializer):
    self = Link()
    commitments = Link()


class ProgrammeSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    title = serializers.CharField()
    publishedOn = serializers.DateField(source="published_on", allow_null=True)
    sourceUrl = serializers.CharField(source="source_url", allow_blank=True)
    closed = serializers.BooleanField(source="is_closed")
    closedAt = serializers.DateTimeField(source="closed_at", allow_null=True)
    annualReportTitle = serializers.CharField(source="annual_report_title", allow_blank=True)
    annualReportUrl = serializers.CharField(source="annual_report_url", allow_blank=True)
    annualReportPublishedOn = serializers.DateField(source="annual_report_published_on", allow_null=True)
    goals = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    def get_goals(self, programme) -> list[str]:
        return [goal.code for goal in programme.goals.all()]

    def get_links(self, programme) -> ProgrammeLinks:
        request = self.context["request"]
        return links(
            self=_url(request, "api-programme", programme.year),
            commitments=_url(request, "api-commitments") + f"?programme={programme.year}",
        )


class ReferenceLinks(serializers.Serializer):
    self = Link()
    commitments = Link()


class DomainSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    links = serializers.SerializerMethodField()

    def get_links(self, domain) -> ReferenceLinks:
        request = self.context["request"]
        return links(
            self=_url(request, "api-domain", domain.slug),
            commitments=_url(request, "api-commitments") + f"?domain={domain.slug}",
        )


class GoalSerializer(serializers.Serializer):
    code = serializers.SlugField()
    name = serializers.CharField()
    links = serializers.SerializerMethodField()

    def get_links(self, goal) -> ReferenceLinks:
        request = self.context["request"]
        return links(
            self=_url(request, "api-goal", goal.code),
            commitments=_url(request, "api-commitments") + f"?goal={goal.code}",
        )


class CommitmentLinks(serializers.Serializer):
    self = Link()
    programme = Link()
    domain = Link()
    evidence = Link()
    publicPage = Link(required=False)


class Internal:
    """Leaves out the fields in INTERNAL unless the context says the reader may see them."""

    INTERNAL = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("internal"):
            for name in self.INTERNAL:
                data.pop(name, None)
        return data


class CommitmentSerializer(Internal, serializers.Serializer):
    INTERNAL = ("owner", "version", "evidenceVersion")

    reference = serializers.CharField()
    programme = serializers.IntegerField(source="programme.year")
    title = serializers.CharField()
    statement = serializers.CharField()
    sourceLocation = serializers.CharField(source="source_location", allow_blank=True)
    kind = serializers.ChoiceField(choices=Kind.choices)
    domain = serializers.SlugField(source="domain.slug")
    goals = serializers.SerializerMethodField()
    dueDate = serializers.DateField(source="due_date")
    expectedDate = serializers.DateField(source="expected_date", allow_null=True)
    status = serializers.ChoiceField(choices=Status.choices)
    verdict = serializers.SerializerMethodField()
    dropKind = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()
    annualReportReference = serializers.SerializerMethodField()
    decidedOn = serializers.SerializerMethodField()
    owner = serializers.CharField(source="owner.username", allow_null=True, required=False, default=None)
    version = serializers.IntegerField(required=False)
    evidenceVersion = serializers.IntegerField(source="evidence_version", required=False)
    links = serializers.SerializerMethodField()

    def get_goals(self, commitment) -> list[str]:
        return [goal.code for goal in commitment.goals.all()]

    @extend_schema_field(serializers.ChoiceField(choices=Verdict.choices, allow_null=True))
    def get_verdict(self, commitment):
        return commitment.decision.verdict if commitment.decision else None

    @extend_schema_field(serializers.ChoiceField(choices=DropKind.choices, allow_null=True))
    def get_dropKind(self, commitment):  # noqa: N802 (the API's camelCase)
        return (commitment.decision.drop_kind or None) if commitment.decision else None

    def get_explanation(self, commitment) -> str:
        return account.explanation(commitment)

    def get_annualReportReference(self, commitment) -> str:  # noqa: N802
        return commitment.decision.annual_report_reference if commitment.decision else ""

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_decidedOn(self, commitment):  # noqa: N802
        return account.decided_on(commitment)

    def get_links(self, commitment) -> CommitmentLinks:
        request = self.context["request"]
        result = links(
            self=_url(request, "api-commitment", commitment.reference),
            programme=_url(request, "api-programme", commitment.programme.year),
            domain=_url(request, "api-domain", commitment.domain.slug),
            evidence=_url(request, "api-commitment-evidence", commitment.reference),
        )
        if commitment.programme.is_closed:
            result["publicPage"] = {
                "href": _url(request, "public-commitment", commitment.programme.year, commitment.reference)
            }
        return result


class EvidenceSerializer(Internal, serializers.Serializer):
    INTERNAL = ("note", "addedBy", "addedAt")

    id = serializers.IntegerField()
    url = serializers.CharField(source="safe_url")
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    publishedOn = serializers.DateField(source="published_on", allow_null=True)
    note = serializers.CharField(allow_blank=True, required=False)
    addedBy = serializers.CharField(source="added_by.username", required=False)
    addedAt = serializers.DateTimeField(source="added_at", required=False)


class EvidenceInput(serializers.Serializer):
    url = serializers.CharField(max_length=1000)
    title = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=EvidenceKind.choices, default=EvidenceKind.REPORT)
    publishedOn = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def fields_for_workflow(self):
        data = self.validated_data
        return {
            "url": data["url"],
            "title": data["title"],
            "kind": data["kind"],
            "published_on": data["publishedOn"],
            "note": data["note"],
        }


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.ChoiceField(choices=Action.choices)
    fromStatus = serializers.ChoiceField(source="from_status", choices=Status.choices)
    toStatus = serializers.ChoiceField(source="to_status", choices=Status.choices)
    actor = serializers.CharField(source="actor.username")
    proposedVerdict = serializers.CharField(source="proposed_verdict", allow_blank=True)
    verdict = serializers.CharField(allow_blank=True)
    text = serializers.CharField(allow_blank=True)
    annualReportReference = serializers.CharField(source="annual_report_reference", allow_blank=True)
    expectedDate = serializers.DateField(source="expected_date", allow_null=True)
    dropKind = serializers.CharField(source="drop_kind", allow_blank=True)
    createdAt = serializers.DateTimeField(source="created_at")


class NoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(source="author.username")
    text = serializers.CharField()
    createdAt = serializers.DateTimeField(source="created_at")


class NoteInput(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class Change(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.CharField(allow_blank=True)
    new = serializers.CharField(allow_blank=True)


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="when")
    kind = serializers.CharField()
    actor = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    changes = serializers.SerializerMethodField()

    @extend_schema_field(Change(many=True))
    def get_changes(self, entry):
        return [{"field": str(label), "old": str(old), "new": str(new)} for label, old, new in entry.changes]


class SubmitInput(serializers.Serializer):
    proposedVerdict = serializers.ChoiceField(choices=Verdict.choices)
    explanation = serializers.CharField(max_length=5000)
    expectedDate = serializers.DateField(required=False, allow_null=True, default=None)

    def fields_for_workflow(self):
        data = self.validated_data
        return {
            "proposed_verdict": data["proposedVerdict"],
            "explanation": data["explanation"],
            "expected_date": data["expectedDate"],
        }


class ReviewInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("approve", "approve"), ("sendBack", "sendBack")])
    verdict = serializers.ChoiceField(choices=Verdict.choices, required=False, allow_blank=True, default="")
    rationale = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    annualReportReference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    expectedDate = serializers.DateField(required=False, allow_null=True, default=None)
    dropKind = serializers.ChoiceField(choices=DropKind.choices, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    evidenceVersion = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)

    def fields_for_workflow(self):
        data = self.validated_data
        return {
            "decision": "send_back" if data["decision"] == "sendBack" else "approve",
            "verdict": data["verdict"],
            "rationale": data["rationale"],
            "annual_report_reference": data["annualReportReference"],
            "expected_date": data["expectedDate"],
            "drop_kind": data["dropKind"],
            "version": data["version"],
            "evidence_version": data["evidenceVersion"],
        }
