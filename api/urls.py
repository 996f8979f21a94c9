"""/api/v1/: resources as plural nouns in kebab-case, no trailing slashes; workflow steps as `_`-operations."""

from django.urls import path, re_path

from api import views
from api.views import not_found

urlpatterns = [
    path("", views.Root.as_view(), name="api-root"),
    path("openapi.json", views.OpenApi.as_view(), name="api-openapi"),
    path("programmes", views.Programmes.as_view(), name="api-programmes"),
    path("programmes/<int:year>", views.ProgrammeDetail.as_view(), name="api-programme"),
    path("domains", views.Domains.as_view(), name="api-domains"),
    path("domains/<slug:slug>", views.DomainDetail.as_view(), name="api-domain"),
    path("goals", views.Goals.as_view(), name="api-goals"),
    path("goals/<slug:code>", views.GoalDetail.as_view(), name="api-goal"),
    path("commitments", views.Commitments.as_view(), name="api-commitments"),
    path("commitments/<str:reference>", views.CommitmentDetail.as_view(), name="api-commitment"),
    path("commitments/<str:reference>/evidence", views.CommitmentEvidence.as_view(), name="api-commitment-evidence"),
    path("commitments/<str:reference>/reviews", views.CommitmentReviews.as_view(), name="api-commitment-reviews"),
    path("commitments/<str:reference>/history", views.CommitmentHistory.as_view(), name="api-commitment-history"),
    path("commitments/<str:reference>/notes", views.CommitmentNotes.as_view(), name="api-commitment-notes"),
    path("commitments/<str:reference>/_start", views.Start.as_view(), name="api-commitment-start"),
    path("commitments/<str:reference>/_submit", views.Submit.as_view(), name="api-commitment-submit"),
    path("commitments/<str:reference>/_review", views.ReviewStep.as_view(), name="api-commitment-review"),
    # Anything else under /api/v1/ is a problem+json 404, not the site's HTML page: any character, line breaks too
    # (which "." does not match).
    re_path(r"^(?P<rest>[\s\S]*)$", not_found, name="api-not-found"),
]
