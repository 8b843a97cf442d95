from base64 import b32encode
from datetime import datetime, timedelta
from typing import cast
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import lockout, selectors, services
from accounts.forms import CodeForm, NoticePreferencesForm, TwoFactorDisableForm
from accounts.models import Notice, User
from core.client_ip import client_ip
from core.views import form_flow

# ---- Signing in, with a second factor for those who set one up ----

# The password was right; the session waits for the code (user id, backend, since when).
PENDING_LOGIN = "pending_login"
PENDING_LOGIN_MINUTES = 10
# Backup codes just made, shown once on the two-factor page.
NEW_BACKUP_CODES = "new_backup_codes"


def _next_url(request: HttpRequest, default: str = "") -> str:
    url = request.POST.get("next") or request.GET.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def second_factor_url(user, next_url: str) -> str:
    """Where a signed-in person confirms their session with a second factor, then goes on to
    ``next_url``: the code page, or setting up an app if they have none."""
    page = (
        "accounts:login-code"
        if selectors.has_second_factor(user=user)
        else "accounts:two-factor-setup"
    )
    return _with_next(reverse(page), next_url)


class SignInView(auth_views.LoginView):
    """The password step. People with an authenticator app are not signed in yet: the session
    remembers that the password was right, for a few minutes, and the code page finishes."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not selectors.has_second_factor(user=user):
            return super().form_valid(form)
        self.request.session[PENDING_LOGIN] = {
            "user": user.pk,
            "backend": user.backend,
            "since": timezone.now().isoformat(),
        }
        return redirect(_with_next(reverse("accounts:login-code"), self.get_success_url()))


def _pending_login(request: HttpRequest):
    """The user whose password was right a moment ago in this session, and their backend."""
    pending = request.session.get(PENDING_LOGIN)
    if not pending:
        return None, None
    if timezone.now() - datetime.fromisoformat(pending["since"]) > timedelta(
        minutes=PENDING_LOGIN_MINUTES
    ):
        del request.session[PENDING_LOGIN]
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending["backend"]


def _complete_sign_in(request: HttpRequest, user, backend, device) -> None:
    if not request.user.is_authenticated:
        del request.session[PENDING_LOGIN]
        login(request, user, backend=backend)
    otp_login(request, device)
    if isinstance(device, StaticDevice):
        left = selectors.two_factor_status(user=user).backup_codes_left
        messages.warning(
            request,
            _("You used a backup code; %(count)s are left. Make new ones on the two-factor page.")
            % {"count": left},
        )


def login_code(request: HttpRequest) -> HttpResponse:
    """The code step: after the password, or to confirm a session that is signed in without
    a second factor (one older than the app, or one an initiative now asks more of). Wrong
    codes count towards the same lockout as wrong passwords."""
    next_url = _next_url(request, resolve_url(settings.LOGIN_REDIRECT_URL))
    if request.user.is_authenticated:
        if selectors.session_is_verified(request.user):
            return redirect(next_url)
        user, backend = request.user, None
    else:
        user, backend = _pending_login(request)
        if user is None:
            return redirect_to_login(next_url)
    if not selectors.has_second_factor(user=user):
        return redirect(second_factor_url(user, next_url))
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return login_locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _device_of_code(request, form, user, credentials)
        if device is not None:
            _complete_sign_in(request, user, backend, device)
            return redirect(next_url)
    return render(
        request, "accounts/login_code.html", {"form": form}, status=400 if form.errors else 200
    )


def _device_of_code(request: HttpRequest, form: CodeForm, user, credentials: dict):
    """The user's device whose code was typed, or None: a wrong code counts towards the
    lockout and goes back beside the field."""
    device = services.second_factor_verify(user=user, code=form.cleaned_data["code"])
    if device is not None:
        return device
    # django-axes counts it; at the limit its middleware answers with the lockout page.
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    form.add_error(
        "code",
        _(
            "That code is not right, or it was used already. After a wrong code, wait a "
            "few seconds before you type the next."
        ),
    )
    return None


# ---- Two-factor authentication: setting it up, backup codes, turning it off ----


def _qr_code(data: str) -> SafeString:
    """The QR code as inline SVG (drawn here: no image service, nothing for the CSP to let in).
    It holds only path data, never the text it encodes."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathFillImage)
    return mark_safe(image.to_string(encoding="unicode"))


def _secret_for_typing(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Whether two-factor authentication is on, new backup codes (once), and turning it off."""
    return _render_two_factor(request, TwoFactorDisableForm())


def _render_two_factor(request, disable_form, status=200):
    return render(
        request,
        "accounts/two_factor.html",
        {
            "status": selectors.two_factor_status(user=request.user),
            "new_codes": request.session.pop(NEW_BACKUP_CODES, None),
            "disable_form": disable_form,
            "next": _next_url(request),
        },
        status=status,
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Setting up an authenticator app: scan the QR code (or type the secret), then prove it
    works with one code. Only then is it on."""
    next_url = _next_url(request)
    if selectors.has_second_factor(user=request.user):
        return redirect(_with_next(reverse("accounts:two-factor"), next_url))
    device = services.totp_device_start(user=request.user)
    form = CodeForm(request.POST or None, backup=False)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_device_confirm(device=device, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            otp_login(request, device)
            request.session[NEW_BACKUP_CODES] = codes
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_with_next(reverse("accounts:two-factor"), next_url))
    context = {"form": form, "qr_code": _qr_code(device.config_url)}
    context["secret"] = _secret_for_typing(device)
    return render(
        request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """New backup codes, from a session confirmed with a second factor only."""
    if not selectors.session_is_verified(request.user):
        return redirect(second_factor_url(request.user, reverse("accounts:two-factor")))
    request.session[NEW_BACKUP_CODES] = services.backup_codes_replace(user=request.user)
    return redirect("accounts:two-factor")


def _proves_identity(request: HttpRequest, proof: str) -> bool:
    """The signed-in person's password or a current code. A wrong password counts towards the
    lockout (``authenticate`` goes through django-axes)."""
    user = request.user
    if services.looks_like_code(proof) and services.second_factor_verify(user=user, code=proof):
        return True
    return authenticate(request, username=user.get_username(), password=proof) is not None


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    form = TwoFactorDisableForm(request.POST)
    if form.is_valid() and _proves_identity(request, form.cleaned_data["proof"]):
        services.two_factor_disable(user=request.user)
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:two-factor")
    form.add_error("proof", _("That is neither your password nor a current code."))
    return _render_two_factor(request, form, status=400)


# ---- Notices, and what each person chooses to receive ----


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    """The person's notices, unread first; each links to the page it is about."""
    return render(
        request,
        "accounts/notice_list.html",
        {"notices": selectors.notice_list(user=request.user)},
    )


@login_required
@require_POST
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    services.notice_read(user=request.user, notice=notice)
    return redirect("accounts:notice-list")


@login_required
@require_POST
def notice_read_all(request: HttpRequest) -> HttpResponse:
    services.notices_read_all(user=request.user)
    return redirect("accounts:notice-list")


@login_required
def notice_preferences(request: HttpRequest) -> HttpResponse:
    """The person's language, and which notices they receive by e-mail and in their list."""
    user = cast("User", request.user)
    form = NoticePreferencesForm(
        request.POST or None,
        current=selectors.notice_preferences(user=user),
        language=user.language,
    )
    return form_flow(
        request,
        form,
        save=lambda: services.notice_preferences_set(
            user=user, language=form.cleaned_data["language"], choices=form.choices()
        ),
        message=lambda _saved: _("Saved your choices."),
        success_url=reverse("accounts:notice-preferences"),
        template="accounts/notice_preferences.html",
        context=dict,
    )


def language_switch(request: HttpRequest) -> HttpResponse:
    """The language switcher (Django's ``set_language``: a cookie for this browser) that also
    saves the choice as a signed-in person's language, for their pages everywhere and their
    messages."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
    ):
        services.user_language_set(user=request.user, language=language)
    return response


# ---- Sign-in protection ----


def login_locked_out(request: HttpRequest, original_response=None, credentials=None):
    """What django-axes answers a sign-in refused for too many failures (``AXES_LOCKOUT_CALLABLE``):
    the sign-in page's layout with what happened and what to do."""
    return render(
        request,
        "accounts/login_locked.html",
        {"minutes": settings.LOGIN_LOCKOUT_MINUTES},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a link to choose a new password, throttled per e-mail address and per client
    (``services.password_reset_throttle``)."""

    def form_valid(self, form):
        decision = services.password_reset_throttle(
            email=form.cleaned_data["email"], ip_address=client_ip(self.request)
        )
        if decision == services.PasswordReset.REFUSE:
            form.add_error(
                None,
                _(
                    "Too many requests for new passwords from your network. "
                    "Try again in %(minutes)s minutes."
                )
                % {"minutes": settings.PASSWORD_RESET_WINDOW_MINUTES},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if decision == services.PasswordReset.SKIP:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password through the e-mailed link also lifts the account's lockout:
    whoever reads the mailbox is the account's owner."""

    def form_valid(self, form):
        response = super().form_valid(form)
        lockout.account_failures_forget(user=form.user)
        return response
