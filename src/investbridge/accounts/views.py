"""Sign in, sign out, password reset and the user's own settings."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from investbridge.core.permissions import login_required_view, public_view

login = public_view(auth_views.LoginView.as_view(template_name="accounts/login.html"))
logout = public_view(auth_views.LogoutView.as_view())


@login_required_view
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html")
