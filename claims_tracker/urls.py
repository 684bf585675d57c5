from django.contrib import admin
from django.urls import include, path

from claims.login_attempts import LimitedAdminAuthenticationForm, LimitedLoginView, PasswordResetByMailView
from claims_tracker.health import healthz

admin.site.login_form = LimitedAdminAuthenticationForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include(("claims_tracker.api_urls", "api"))),  # names as "api:claim-list", apart from the UI's
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", LimitedLoginView.as_view(), name="login"),
    path("accounts/password_reset/", PasswordResetByMailView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("articles/", include("articles.urls")),
    path("articles/", include("claims.article_urls")),
    path("", include("claims.urls")),
    path("", include("claims.editor_urls")),
]

handler404 = "claims_tracker.api.errors.api_page_not_found"
handler500 = "claims_tracker.api.errors.server_error"
