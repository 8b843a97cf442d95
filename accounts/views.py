from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import services
from accounts.forms import InvitationAcceptForm


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
