"""The equity strategies: the dashboard, commitments, shifting power, systems change."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_bidi, gettext_lazy

from community.selectors import people_shown_to
from core.views import RecordForm, Section
from equity import charts, selectors, services
from equity.choices import SystemsCondition
from equity.forms import (
    CommitmentForm,
    DecisionBodyForm,
    DecisionForm,
    SeatFormSet,
    SystemsChangeEffortForm,
)
from equity.models import DecisionBody
from initiatives import roles
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm


@initiative_page("equity/dashboard.html")
def dashboard(request: HttpRequest, initiative: Initiative) -> dict:
    """The five strategies side by side, each with its figures."""
    page = selectors.dashboard(user=request.user, initiative=initiative)
    compositions = page["compositions"]
    return {
        **page,
        "seats_chart": charts.seats_chart(compositions, rtl=get_language_bidi()),
        "seats_text": charts.seats_text_alternative(compositions),
    }


# ---- Commitments ----


@initiative_page("equity/commitment_list.html")
def commitment_list(request: HttpRequest, initiative: Initiative) -> dict:
    return {
        "strategies": selectors.strategy_overview(user=request.user, initiative=initiative),
        "accountability": selectors.accountability(initiative=initiative),
    }


COMMITMENTS = RecordForm(
    "commitment",
    new_heading=gettext_lazy("New commitment or practice"),
    back=("equity:commitment-list", gettext_lazy("Commitments")),
    intro=gettext_lazy(
        "A commitment is kept by a date; a practice is kept up over time. Name an "
        "owner: a collaborative has no hierarchy, so accountability must be designed "
        "in."
    ),
)


@initiative_page(perm=Perm.MANAGE_CONTENT)
def commitment_edit(
    request: HttpRequest, initiative: Initiative, pk: int | None = None
) -> HttpResponse:
    commitment = selectors.commitment_get(initiative=initiative, pk=pk) if pk else None
    form = CommitmentForm(
        request.POST or None,
        instance=commitment,
        initiative=initiative,
        people=people_shown_to(user=request.user, initiative=initiative),
    )
    return COMMITMENTS.page(request, initiative, form, commitment, services.commitment_save)


# ---- Shifting power ----


@initiative_page("equity/power.html")
def power(request: HttpRequest, initiative: Initiative) -> dict:
    """Decision-making bodies and who sits at them over time; decisions and the power the
    community had in each."""
    compositions = selectors.seats_over_time(initiative=initiative)
    power_all = selectors.power_figures(initiative=initiative)
    rtl = get_language_bidi()
    return {
        "bodies": selectors.body_list(user=request.user, initiative=initiative),
        "decisions": selectors.decision_list(initiative=initiative),
        "power_year": selectors.power_figures(initiative=initiative, since=selectors.year_ago()),
        "power_all": power_all,
        "compositions": compositions,
        "seats_chart": charts.seats_chart(compositions, rtl=rtl),
        "seats_text": charts.seats_text_alternative(compositions),
        "levels_chart": charts.levels_chart(power_all, rtl=rtl),
        "levels_text": charts.levels_text_alternative(power_all),
    }


@initiative_page(perm=Perm.MANAGE_CONTENT)
def body_edit(request: HttpRequest, initiative: Initiative, pk: int | None = None) -> HttpResponse:
    body = selectors.body_get(initiative=initiative, pk=pk) if pk else None
    instance = body or DecisionBody(initiative=initiative)
    form = DecisionBodyForm(request.POST or None, instance=instance, initiative=initiative)
    seats = SeatFormSet(
        request.POST or None, instance=instance, initiative=initiative, viewer=request.user
    )
    return BODIES.page(request, initiative, form, body, services.body_save, {"seats": seats})


BODIES = RecordForm(
    "body",
    new_heading=gettext_lazy("New decision-making body"),
    back=("equity:power", gettext_lazy("Shifting power")),
    named_by="name",
    sections=(
        Section(
            "seats",
            gettext_lazy("Seats"),
            gettext_lazy(
                "One row per seat and term. When someone leaves, give their seat an end date "
                "and add a row for whoever takes it: the body's composition over time is read "
                "from these dates. A community seat is held by someone from the community "
                "members, where their name is kept with their consent and shown to the "
                "backbone only."
            ),
        ),
    ),
)


DECISIONS = RecordForm(
    "decision",
    new_heading=gettext_lazy("Record a decision"),
    back=("equity:power", gettext_lazy("Shifting power")),
    intro=gettext_lazy(
        "Be honest about the community's power: consulting people is not deciding "
        "with them. Level 4 (collaborate) and above count as decisions made with the "
        "community."
    ),
)


@initiative_page(perm=Perm.MANAGE_CONTENT)
def decision_edit(
    request: HttpRequest, initiative: Initiative, pk: int | None = None
) -> HttpResponse:
    decision = selectors.decision_get(initiative=initiative, pk=pk) if pk else None
    form = DecisionForm(request.POST or None, instance=decision, initiative=initiative)
    return DECISIONS.page(request, initiative, form, decision, services.decision_save)


# ---- Systems change ----


@initiative_page("equity/systems_change.html")
def systems_change(request: HttpRequest, initiative: Initiative) -> dict:
    condition = request.GET.get("condition")
    condition = condition if condition in SystemsCondition.values else None
    return {
        "efforts": selectors.effort_list(
            user=request.user, initiative=initiative, condition=condition
        ),
        "condition": condition,
        **selectors.systems_matrix(initiative=initiative),
    }


EFFORTS = RecordForm(
    "effort",
    new_heading=gettext_lazy("New systems change effort"),
    back=("equity:systems-change", gettext_lazy("Systems change")),
    intro=gettext_lazy(
        "Policies, practices and resource flows are the explicit conditions; "
        "relationships and power dynamics are semi-explicit; mental models are the "
        "least visible and often the most powerful."
    ),
)


@initiative_page(perm=Perm.EDIT_ACTIVITIES)
def effort_edit(
    request: HttpRequest, initiative: Initiative, pk: int | None = None
) -> HttpResponse:
    effort = selectors.effort_get(initiative=initiative, pk=pk) if pk else None
    if effort is not None and not roles.may_edit_led_work(
        request.user, initiative, effort.organization
    ):
        raise PermissionDenied
    form = _effort_form(request, initiative, effort)
    return EFFORTS.page(request, initiative, form, effort, services.effort_save)


def _effort_form(request, initiative, effort) -> SystemsChangeEffortForm:
    """The effort's form: a partner's staff name their own organization as its leader; the
    backbone names any partner, or none."""
    own = roles.organization_of(request.user, initiative)
    organizations = initiative_selectors.partner_organizations(initiative=initiative)
    return SystemsChangeEffortForm(
        request.POST or None,
        instance=effort,
        initiative=initiative,
        organizations=organizations.filter(pk=own.pk) if own else organizations,
        organization_required=own is not None,
    )
