from django.urls import path

from intake import year_file_views

urlpatterns = [
    path("<int:year>/pdf/new/", year_file_views.request_file, {"file_format": "pdf"}, name="year-file-request-pdf"),
    path("<int:year>/docx/new/", year_file_views.request_file, {"file_format": "docx"}, name="year-file-request-docx"),
    path("<int:pk>/", year_file_views.year_file, name="year-file"),
    path("<int:pk>/download/", year_file_views.download, name="year-file-download"),
]
