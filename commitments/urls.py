from django.urls import path

from commitments.views import dashboard, health, imports, overview, programmes, register, reviews, steps

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("commitments/", register.RegisterView.as_view(), name="register"),
    path("commitments/new/", register.commitment_create, name="commitment-create"),
    path("commitments/bulk/", register.bulk_steps, name="register-bulk"),
    path("commitments/<str:reference>/", register.commitment_detail, name="commitment-detail"),
    path("commitments/<str:reference>/edit/", register.commitment_edit, name="commitment-edit"),
    path("commitments/<str:reference>/evidence/new/", register.evidence_create, name="evidence-create"),
    path("commitments/<str:reference>/evidence/<int:pk>/delete/", register.evidence_delete, name="evidence-delete"),
    path("commitments/<str:reference>/notes/new/", register.note_create, name="note-create"),
    path(
        "commitments/<str:reference>/state-of-affairs/",
        register.state_of_affairs_update,
        name="state-of-affairs-update",
    ),
]

urlpatterns += [
    path("commitments/<str:reference>/start/", steps.start, name="commitment-start"),
    path("commitments/<str:reference>/submit/", steps.submit, name="commitment-submit"),
    path("commitments/<str:reference>/review/", steps.review, name="commitment-review"),
    path("commitments/<str:reference>/reopen/", steps.reopen, name="commitment-reopen"),
    path("commitments/<str:reference>/carry-over/", steps.carry_over, name="commitment-carry-over"),
]

urlpatterns += [
    path("", dashboard.dashboard, name="dashboard"),
    path("reviews/", reviews.review_queue, name="review-queue"),
    path("overview/", overview.overview_current, name="overview-current"),
    path("overview/<int:year>/", overview.overview, name="overview"),
    path("overview/<int:year>/export.csv", overview.export, {"file_format": "csv"}, name="overview-export-csv"),
    path(
        "overview/<int:year>/export-excel.csv",
        overview.export,
        {"file_format": "excel-csv"},
        name="overview-export-excel-csv",
    ),
    path("overview/<int:year>/export.xlsx", overview.export, {"file_format": "xlsx"}, name="overview-export-xlsx"),
    path("overview/<int:year>/export.pdf", overview.export, {"file_format": "pdf"}, name="overview-export-pdf"),
    path("overview/<int:year>/export.docx", overview.export_docx, name="overview-export-docx"),
    path("import/", imports.import_commitments, name="import"),
]

urlpatterns += [
    path("programmes/", programmes.programme_list, name="programme-list"),
    path("programmes/new/", programmes.programme_create, name="programme-create"),
    path("programmes/<int:year>/", programmes.programme_detail, name="programme-detail"),
    path("programmes/<int:year>/edit/", programmes.programme_edit, name="programme-edit"),
    path("programmes/<int:year>/close/", programmes.programme_close, name="programme-close"),
    path("programmes/<int:year>/reopen/", programmes.programme_reopen, name="programme-reopen"),
]
