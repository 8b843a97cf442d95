from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import roles
from accounts.roles import Perm
from community import selectors, services
from community.forms import FeedbackForm


@login_required
def feedback_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        roles.require(request.user, initiative, Perm.GIVE_FEEDBACK)
        if form.is_valid():
            services.feedback_give(actor=request.user, initiative=initiative, **form.cleaned_data)
            messages.success(request, _("Thank you. We will answer you here."))
            return redirect("community:feedback-list", slug=slug)
    return render(
        request,
        "community/feedback_list.html",
        {
            "initiative": initiative,
            "items": selectors.feedback_list(user=request.user, initiative=initiative),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
