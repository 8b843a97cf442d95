"""The common agenda: read by everyone, revised by backbone staff, with its history."""

from copy import copy

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core.views import form_page
from initiatives import selectors, services
from initiatives.forms import AgendaForm, ResultForm
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors as measurement_selectors


@initiative_page("initiatives/agenda.html")
def agenda(request: HttpRequest, initiative: Initiative) -> dict:
    return {
        "results": measurement_selectors.agenda_results(initiative=initiative),
        "latest_revision": initiative.agenda_revisions.select_related("revised_by").first(),
    }


@initiative_page(perm=Perm.MANAGE_CONTENT)
def agenda_edit(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    # A copy: validating a bound model form changes its instance, and the page around the
    # form shows the initiative as it is stored.
    form = AgendaForm(request.POST or None, instance=copy(initiative))
    return form_page(
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
        initiative=initiative,
        heading=_("Revise the common agenda"),
        back_url=reverse("initiatives:agenda", args=[initiative.slug]),
        back_label=_("Common agenda"),
        intro=_(
            "Each text in English, Hebrew and Arabic; readers see their own language, or "
            "English where a translation is missing. The history keeps every earlier version."
        ),
    )


@initiative_page(perm=Perm.MANAGE_CONTENT)
def result_edit(
    request: HttpRequest, initiative: Initiative, code: str | None = None
) -> HttpResponse:
    result = selectors.result_get(initiative=initiative, code=code) if code else None
    form = ResultForm(request.POST or None, instance=result)
    return form_page(
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
        initiative=initiative,
        heading=result.title if result else _("New result"),
        back_url=reverse("initiatives:agenda", args=[initiative.slug]),
        back_label=_("Common agenda"),
        intro=_(
            "A result is a condition of well-being for the whole population, in plain words: "
            "“every child reads at grade level by age 9”. Indicators, defined under "
            "Definitions, measure it."
        ),
    )


@initiative_page("initiatives/agenda_history.html")
def agenda_history(request: HttpRequest, initiative: Initiative) -> dict:
    return {"entries": selectors.agenda_history(initiative=initiative)}
