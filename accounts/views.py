from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import lockout, services
from accounts.forms import ApiTokenForm, InvitationAcceptForm
from accounts.models import ApiToken
from config.client_ip import client_ip
from initiatives import selectors as initiative_selectors


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation link opens. New people choose a name and password; people
    already signed in confirm. Either way they land in the initiative."""
    invitation = services.invitation_get_usable(token=token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    signed_in = request.user.is_authenticated
    form = None if signed_in else InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (form is None or form.is_valid()):
        account = (
            {}
            if form is None
            else {
                "full_name": form.cleaned_data["full_name"],
                "password": form.cleaned_data["password"],
            }
        )
        try:
            user = services.invitation_accept(
                invitation=invitation, user=request.user if signed_in else None, **account
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if not signed_in:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to %(name)s.") % {"name": invitation.initiative})
            return redirect("initiatives:initiative-home", slug=invitation.initiative.slug)
    return render(
        request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form}
    )


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


# ---- API tokens ----


@login_required
def api_token_list(request: HttpRequest) -> HttpResponse:
    """People make keys for their scripts here, one initiative each, and revoke them. A new
    key is shown once."""
    initiatives = initiative_selectors.initiative_list(user=request.user).order_by("name")
    form = ApiTokenForm(request.POST or None, initiatives=initiatives)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.api_token_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ApiTokenForm(initiatives=initiatives)
    return render(
        request,
        "accounts/api_token_list.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": request.user.api_tokens.select_related("initiative"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, user=request.user, pk=pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Revoked %(token)s: it no longer works.") % {"token": token})
    return redirect("accounts:api-token-list")
