"""Backbone support, the periodic assessments and collaborative health."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from conditions import charts, selectors, services
from conditions.forms import (
    AssessmentAnswerForm,
    AssessmentForm,
    BackboneWorkForm,
    PartnerRatingForm,
)
from core.views import form_flow
from initiatives import roles
from initiatives import selectors as initiative_selectors
from initiatives.choices import AssessmentKind
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors as measurement_selectors


@initiative_page(post_perm=Perm.MANAGE_CONTENT)
def backbone(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """The six backbone functions, the work logged for each, the latest self-assessment."""
    form = BackboneWorkForm(request.POST or None)
    return form_flow(
        request,
        form,
        save=lambda: services.backbone_work_create(
            actor=request.user, initiative=initiative, fields=form.cleaned_data
        ),
        message=lambda _work: _("Recorded."),
        success_url=reverse("conditions:backbone", args=[initiative.slug]),
        template="conditions/backbone.html",
        context=lambda: {
            "initiative": initiative,
            **selectors.backbone_overview(initiative=initiative),
        },
    )


@initiative_page(post_perm=Perm.MANAGE_CONTENT)
def assessment_list(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    form = AssessmentForm(request.POST or None)
    return form_flow(
        request,
        form,
        save=lambda: services.assessment_create(
            actor=request.user, initiative=initiative, fields=form.cleaned_data
        ),
        message=lambda assessment: _("%(title)s is scheduled.") % {"title": assessment.title},
        success_url=reverse("conditions:assessment-list", args=[initiative.slug]),
        template="conditions/assessment_list.html",
        context=lambda: {
            "initiative": initiative,
            "rounds": selectors.assessment_list(user=request.user, initiative=initiative),
            "statuses": selectors.assessment_status(initiative=initiative),
        },
    )


@initiative_page(perm=Perm.ANSWER_ASSESSMENTS)
def assessment_answer(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    assessment = selectors.assessment_get(initiative=initiative, pk=pk)
    if not roles.may_answer_assessment(request.user, initiative, assessment.kind):
        raise PermissionDenied
    if not assessment.is_open:
        messages.info(
            request, _("%(title)s is not open for answers.") % {"title": assessment.title}
        )
        return redirect("conditions:assessment-results", slug=initiative.slug, pk=pk)
    organization = roles.organization_of(request.user, initiative)
    form = _answer_form(request, assessment, organization)
    return form_flow(
        request,
        form,
        save=lambda: _save_answers(request.user, assessment, form),
        message=lambda _answers: (
            _("Thank you: your answers are saved. You can change them until %(date)s.")
            % {"date": assessment.closes_on}
        ),
        success_url=reverse("conditions:assessment-list", args=[initiative.slug]),
        template="conditions/assessment_answer.html",
        context=lambda: {
            "initiative": initiative,
            "assessment": assessment,
            "organization": organization,
            "group": roles.respondent_group(request.user, initiative),
        },
    )


def _answer_form(request, assessment, organization):
    if assessment.kind == AssessmentKind.COLLABORATIVE_HEALTH:
        return PartnerRatingForm(
            request.POST or None,
            partners=initiative_selectors.network_organizations(
                initiative=assessment.initiative
            ).exclude(pk=organization.pk),
            previous=selectors.own_ratings(user=request.user, assessment=assessment),
        )
    return AssessmentAnswerForm(
        request.POST or None,
        assessment=assessment,
        previous=selectors.own_answers(user=request.user, assessment=assessment),
    )


def _save_answers(user, assessment, form):
    if isinstance(form, PartnerRatingForm):
        return services.partner_ratings_save(
            actor=user, assessment=assessment, ratings=form.ratings()
        )
    return services.assessment_answer(actor=user, assessment=assessment, answers=form.answers())


@initiative_page()
def assessment_results(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    """Results of one round: scores by respondent group, or the network of partners."""
    assessment = selectors.assessment_get(initiative=initiative, pk=pk)
    context = {"initiative": initiative, "assessment": assessment}
    if assessment.kind == AssessmentKind.COLLABORATIVE_HEALTH:
        context |= _network_results(request.user, initiative, assessment)
        return render(request, "conditions/health_results.html", context)
    context |= _score_results(assessment)
    if roles.can(request.user, initiative, Perm.MANAGE_CONTENT):
        context["comments"] = selectors.assessment_comments(assessment=assessment)
    return render(request, "conditions/assessment_results.html", context)


def _network_results(user, initiative, assessment) -> dict:
    """A collaborative-health round: the network of partners and its chart, with what
    partners said of each other only for those who may see it."""
    health = selectors.network_health(assessment=assessment)
    names = {
        o.pk: o.name for o in initiative_selectors.network_organizations(initiative=initiative)
    }
    with_ties = roles.may_see_network_ties(user, initiative)
    return {
        "health": health,
        "names": names,
        "with_ties": with_ties,
        "ties": [(names[t.first], names[t.second], t) for t in health.ties],
        "organization_rows": [(names[pk], row) for pk, row in health.by_organization.items()],
        "network_chart": charts.network_chart(
            health, names, rtl=get_language_bidi(), with_trust=with_ties
        ),
        "network_text": charts.network_text_alternative(health, names),
    }


def _score_results(assessment) -> dict:
    """A round of questions: the report by respondent group and its chart."""
    report = selectors.assessment_report(assessment=assessment)
    scores = report.pop("scores")
    names = report.pop("topic_names")
    topics, groups = scores["topics"], scores["groups"]
    return {
        **report,
        "scores_chart": charts.scores_chart(
            assessment.title, topics, groups, names, rtl=get_language_bidi()
        ),
        "scores_text": charts.scores_text_alternative(assessment.title, topics, groups, names),
    }


@initiative_page("conditions/health.html")
def health(request: HttpRequest, initiative: Initiative) -> dict:
    """Collaborative health over time, beside an outcome indicator of the viewer's choice."""
    indicators = list(measurement_selectors.indicator_list(initiative=initiative))
    indicator = _chosen_indicator(indicators, request.GET.get("indicator"))
    series = (
        measurement_selectors.indicator_total_series(
            audience=roles.audience_for(request.user, initiative), indicator=indicator
        )
        if indicator
        else []
    )
    trend = selectors.health_trend(initiative=initiative)
    return {
        "indicators": indicators,
        "indicator": indicator,
        "trend": trend,
        "series": series,
        "health_chart": charts.health_trend_chart(
            trend, indicator, series, rtl=get_language_bidi()
        ),
        "health_text": charts.health_trend_text_alternative(trend, indicator, series),
    }


def _chosen_indicator(indicators: list, code: str | None):
    """The indicator asked for by its code, else the first."""
    return next((i for i in indicators if i.code == code), indicators[0] if indicators else None)
