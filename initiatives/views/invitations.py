"""Accepting an invitation into an initiative, and the API tokens people make for their
scripts, one initiative each."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services as account_services
from accounts.models import ApiToken
from core.views import refused
from initiatives import selectors, services
from initiatives.forms import ApiTokenForm, InvitationAcceptForm


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation link opens. New people choose a name and password; people
    already signed in confirm. Either way they land in the initiative."""
    invitation = account_services.invitation_get_usable(token=token)
    if invitation is None:
        return render(request, "initiatives/invitation_invalid.html", status=404)
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
        request, "initiatives/invitation_accept.html", {"invitation": invitation, "form": form}
    )


# ---- API tokens ----


@login_required
def api_token_list(request: HttpRequest) -> HttpResponse:
    """People make keys for their scripts here, one initiative each, and revoke them. A new
    key is shown once."""
    initiatives = selectors.initiative_list(user=request.user).order_by("name")
    form = ApiTokenForm(request.POST or None, initiatives=initiatives)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.api_token_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            form = ApiTokenForm(initiatives=initiatives)
    return render(
        request,
        "initiatives/api_token_list.html",
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
    return redirect("initiatives:api-token-list")
