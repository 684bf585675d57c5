from django.contrib import admin
from django.urls import include, path

from claims_tracker.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("claims.editor_urls")),
]
