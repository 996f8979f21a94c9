from django.urls import path

from api import site_views

urlpatterns = [
    path("api-tokens/", site_views.tokens, name="api-tokens"),
    path("api-tokens/<int:pk>/revoke/", site_views.revoke, name="api-token-revoke"),
]
