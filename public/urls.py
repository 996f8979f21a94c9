from django.urls import path

from public import views

urlpatterns = [
    path("", views.index, name="public-index"),
    path("<int:year>/", views.year, name="public-year"),
    path("<int:year>/export.csv", views.export, {"file_format": "csv"}, name="public-export-csv"),
    path("<int:year>/export.json", views.export, {"file_format": "json"}, name="public-export-json"),
    path("<int:year>/<str:reference>/", views.commitment, name="public-commitment"),
]
