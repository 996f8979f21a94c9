from django.urls import path

from intake import year_file_views

urlpatterns = [
    path("<int:pk>/", year_file_views.year_file, name="year-file"),
    path("<int:pk>/download/", year_file_views.download, name="year-file-download"),
]
