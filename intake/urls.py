from django.urls import path

from intake import views

urlpatterns = [
    path("", views.upload, name="intake-upload"),
    path("<int:pk>/", views.document, name="intake-document"),
    path("<int:pk>/status.json", views.status, name="intake-status"),
    path("<int:pk>/restart/", views.restart, name="intake-restart"),
    path("<int:pk>/discard/", views.discard, name="intake-discard"),
    path("<int:pk>/import/", views.import_kept, name="intake-import"),
]
