from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from sso import views as sso_views

# Accounts are managed by the beheerder: login, logout and changing one's own password, no self-service reset by mail.
account_urls = [
    path("login/", sso_views.LoginView.as_view(), name="login"),  # offers single sign-on where it is configured
    path("logout/", sso_views.LogoutView.as_view(), name="logout"),  # ends the provider's session too
    path("oidc/", include("sso.urls")),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

urlpatterns = [
    path("accounts/", include(account_urls)),
    path("admin/", admin.site.urls),
    # The login page offers the language choice too, before anyone is logged in.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("import/programme/", include("intake.urls")),
    path("public/", include("public.urls")),
    path("api/v1/", include("api.urls")),
    path("", include("api.site_urls")),
    path("overview/files/", include("intake.year_file_urls")),  # a large PDF or DOCX, made in the background
    path("", include("commitments.urls")),
]
