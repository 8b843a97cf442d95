"""The common agenda: read by everyone, revised by backbone staff, with its history."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.views import form_status, saved_on_post
from initiatives import roles, selectors, services
from initiatives.forms import AgendaForm, ResultForm
from initiatives.roles import Perm
from measurement import selectors as measurement_selectors


@login_required
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug)
    return render(
        request,
        "initiatives/agenda.html",
        {
            "initiative": initiative,
            "results": measurement_selectors.agenda_results(initiative=initiative),
            "latest_revision": initiative.agenda_revisions.select_related("revised_by").first(),
        },
    )


@login_required
def agenda_edit(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.MANAGE_CONTENT)
    form = AgendaForm(request.POST or None, instance=initiative)
    if saved_on_post(
        request,
        form,
        save=lambda: services.agenda_update(
            actor=request.user,
            initiative=initiative,
            fields={name: form.cleaned_data[name] for name in AgendaForm.Meta.fields},
            note=form.cleaned_data["note"],
        ),
        message=lambda _initiative: _(
            "The common agenda is updated; its history keeps the earlier version."
        ),
    ):
        return redirect("initiatives:agenda", slug=slug)
    initiative.refresh_from_db()  # the bound form may have changed it in memory
    return render(
        request,
        "initiatives/agenda_form.html",
        {"initiative": initiative, "form": form},
        status=form_status(request),
    )


@login_required
def result_edit(request: HttpRequest, slug: str, code: str | None = None) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.MANAGE_CONTENT)
    result = selectors.result_get(initiative=initiative, code=code) if code else None
    form = ResultForm(request.POST or None, instance=result)
    if saved_on_post(
        request,
        form,
        save=lambda: services.result_save(
            actor=request.user,
            initiative=initiative,
            result=result,
            fields={name: form.cleaned_data[name] for name in ResultForm.Meta.fields},
            note=form.cleaned_data["note"],
        ),
        message=lambda saved: _("Saved %(title)s.") % {"title": saved.title},
    ):
        return redirect("initiatives:agenda", slug=slug)
    return render(
        request,
        "initiatives/result_form.html",
        {"initiative": initiative, "result": result, "form": form},
        status=form_status(request),
    )


@login_required
def agenda_history(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug)
    return render(
        request,
        "initiatives/agenda_history.html",
        {"initiative": initiative, "entries": selectors.agenda_history(initiative=initiative)},
    )
