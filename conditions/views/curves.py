"""Turn the Curve: each indicator's record of the story behind the curve, the partners with a
role to play, what works and the action plan — read on a projector or a phone in a meeting,
saved as a new version each time, with its history."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conditions import selectors, services
from conditions.forms import TurnTheCurveForm, curve_formsets
from core.views import Section, form_page, formset_rows
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors as measurement_selectors

SECTIONS = (
    Section(
        "causes",
        gettext_lazy("The story behind the curve"),
        gettext_lazy(
            "Why the figures are where they are and where they are heading: each cause, and the "
            "data that supports it — in words, or another of the initiative's indicators."
        ),
    ),
    Section(
        "partners",
        gettext_lazy("Partners with a role to play"),
        gettext_lazy("Which partners could help turn the curve, and what each of them can do."),
    ),
    Section(
        "ideas",
        gettext_lazy("What works"),
        gettext_lazy(
            "Ideas and the evidence for them. For what the community said, link what was "
            "published on “You said, we did” or a data walk's reading of this indicator."
        ),
    ),
    Section(
        "actions",
        gettext_lazy("Action plan"),
        gettext_lazy(
            "Each action is an activity of the plan of action, with its owner and a due date. "
            "Add the activity to the plan of action first if it is new."
        ),
    ),
)


@initiative_page("conditions/turn_the_curve_list.html")
def turn_the_curve_list(request: HttpRequest, initiative: Initiative) -> dict:
    return {"indicators": selectors.turn_the_curve_list(initiative=initiative)}


@initiative_page("conditions/turn_the_curve_detail.html")
def turn_the_curve_detail(request: HttpRequest, initiative: Initiative, code: str) -> dict:
    """The current version, as read in a meeting, beside the curve's latest figures."""
    return _version_context(request, initiative, code, number=None)


@initiative_page("conditions/turn_the_curve_detail.html")
def turn_the_curve_version(
    request: HttpRequest, initiative: Initiative, code: str, number: int
) -> dict:
    """Any version, with what changed from the one before it."""
    return _version_context(request, initiative, code, number=number)


def _version_context(request, initiative, code, *, number):
    indicator = measurement_selectors.indicator_get(initiative=initiative, code=code)
    return {
        "indicator": indicator,
        "shown": selectors.turn_the_curve_version(
            user=request.user, initiative=initiative, indicator=indicator, number=number
        ),
        "figures": selectors.turn_the_curve_figures(
            user=request.user, initiative=initiative, indicator=indicator
        ),
        "sections": SECTIONS,
        "show_changes": number is not None,
    }


@initiative_page("conditions/turn_the_curve_history.html")
def turn_the_curve_history(request: HttpRequest, initiative: Initiative, code: str) -> dict:
    indicator = measurement_selectors.indicator_get(initiative=initiative, code=code)
    return {
        "indicator": indicator,
        "versions": selectors.turn_the_curve_history(
            user=request.user, initiative=initiative, indicator=indicator
        ),
    }


@initiative_page(perm=Perm.MANAGE_CONTENT)
def turn_the_curve_edit(request: HttpRequest, initiative: Initiative, code: str) -> HttpResponse:
    """A new version, starting from the current one; it names the version it started from,
    so a version someone saved meanwhile is not overwritten unseen."""
    indicator = measurement_selectors.indicator_get(initiative=initiative, code=code)
    current = selectors.turn_the_curve_current(initiative=initiative, indicator=indicator)
    data, latest = request.POST or None, current.number if current else 0
    form = TurnTheCurveForm(data, initiative=initiative, latest=latest)
    starts_from = selectors.turn_the_curve_rows(version=current)
    rows = curve_formsets(
        data, initiative=initiative, indicator=indicator, viewer=request.user, rows=starts_from
    )
    return form_page(
        request,
        form,
        save=lambda: services.turn_the_curve_save(
            actor=request.user,
            initiative=initiative,
            indicator=indicator,
            fields=dict(form.cleaned_data),
            **{name: formset_rows(formset) for name, formset in rows.items()},
        ),
        message=lambda version: _("Saved version %(number)s.") % {"number": version.number},
        initiative=initiative,
        heading=_("Turn the Curve: %(indicator)s") % {"indicator": indicator.name},
        back_url=_detail_url(initiative, indicator),
        back_label=_("Turn the Curve"),
        intro=_("Saving keeps the version you started from in the history."),
        formsets=[(str(s.title), str(s.help), rows[s.rows]) for s in SECTIONS],
    )


def _detail_url(initiative: Initiative, indicator) -> str:
    return reverse("conditions:turn-the-curve-detail", args=[initiative.slug, indicator.code])
