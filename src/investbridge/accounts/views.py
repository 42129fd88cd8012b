"""Sign in, sign out, password reset and change, and the user's own settings."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.translation import gettext

from investbridge.accounts import services
from investbridge.accounts.forms import LocalizedPasswordResetForm, ProfileForm
from investbridge.core import i18n, limits
from investbridge.core.permissions import login_required_view, public_view


def set_language_cookie(response: HttpResponseBase, language: str) -> None:
    """Remember the language for pages without a prefix (`/` redirects by this cookie)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class SignInView(auth_views.LoginView):
    """Sign in and continue in the language the user is reading (docs/i18n.md, "Signing in").

    The sign-in page's language wins for the session (dashboard or `next` under that prefix, language cookie).
    The saved preference (used for e-mails) changes only when the user switches explicitly; when the two differ,
    the next page offers to save the reading language.
    """

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def reading_language(self) -> str:
        language = translation.get_language()
        return language if language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE

    def get_success_url(self) -> str:
        language = self.reading_language()
        target = self.get_redirect_url()
        if target:
            # Resolve `next` in the language of its own prefix, then move it to the reading language.
            source = translation.get_language_from_path(urlsplit(target).path) or language
            with translation.override(source):
                return translate_url(target, language)
        with translation.override(language):
            return reverse("web:dashboard")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        language = self.reading_language()
        set_language_cookie(response, language)
        saved = getattr(self.request.user, "language", "")
        if saved in settings.LANGUAGE_CODES and saved != language:
            messages.info(self.request, language_offer_message(saved), extra_tags=LANGUAGE_OFFER_TAG)
        return response


#: The tag of the message that offers to save the reading language (base.html shows the button).
LANGUAGE_OFFER_TAG = "language-offer"


def language_offer_message(saved: str) -> str:
    """ "Your saved language is Russian: e-mails reach you in it." in the reading language."""
    name = i18n.language_name({"zh-hans": "zh_Hans"}.get(saved, saved), translation.get_language())
    return gettext("Your saved language is %(language)s: e-mails reach you in it.") % {"language": name}


login = public_view(SignInView.as_view())
logout = public_view(auth_views.LogoutView.as_view())


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, limited per client address (INVESTBRIDGE_PASSWORD_RESET_RATE: over it the form
    comes back with status 429) and per recipient (INVESTBRIDGE_MAIL_RECIPIENT_RATE: over it no mail goes out,
    the answer is the same)."""

    form_class = LocalizedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        verdict = limits.form_over_limit(
            request, form, scope="password_reset", rate=str(settings.PASSWORD_RESET_RATE)
        )
        if verdict is None:
            return super().post(request, *args, **kwargs)
        return limits.refused(self.render_to_response(self.get_context_data(form=form)), verdict)

    def form_valid(self, form: Any) -> HttpResponse:
        if not limits.recipient_allowed(form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


password_reset = public_view(PasswordResetView.as_view())
password_reset_done = public_view(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public_view(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public_view(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, gettext("Your password has been changed."))
        return response


password_change = login_required_view(PasswordChangeView.as_view())


@login_required_view
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own settings: name, language and time zone."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.user_update_preferences(user=user, **form.cleaned_data)  # type: ignore[arg-type]
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                language = form.cleaned_data["language"]
                with translation.override(language):
                    messages.success(request, gettext("Your settings are saved."))
                    response = redirect(reverse("accounts:profile"))
                set_language_cookie(response, language)
                return response
    else:
        form = ProfileForm(
            initial={"full_name": user.full_name, "language": user.language, "time_zone": user.time_zone}  # type: ignore[union-attr]
        )
    return render(request, "accounts/profile.html", {"form": form})
