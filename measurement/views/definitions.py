"""Shared-measurement definitions for backbone staff."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.views import RecordForm, Section, form_page, formset_rows
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from initiatives.selectors import initiatives_managed_by
from measurement import selectors, services
from measurement.dimension_library import library_entry
from measurement.forms import (
    CategoryFormSet,
    DefinitionsSourceForm,
    DimensionForm,
    IndicatorForm,
    PeriodForm,
    PeriodGenerateForm,
    TargetFormSet,
    ValueRuleFormSet,
)
from measurement.models import Dimension, Indicator
from measurement.pages import loading_definitions


def _saved(definition) -> str:
    return _("Saved %(name)s.") % {"name": definition.name}


@initiative_page("measurement/definitions.html", perm=Perm.MANAGE_CONTENT)
def definitions(request: HttpRequest, initiative: Initiative) -> dict:
    return {"period_form": PeriodForm(), **selectors.definitions_overview(initiative=initiative)}


@initiative_page(perm=Perm.MANAGE_CONTENT)
def dimension_edit(
    request: HttpRequest, initiative: Initiative, code: str | None = None
) -> HttpResponse:
    dimension = selectors.dimension_get(initiative=initiative, code=code) if code else None
    instance = dimension or Dimension(initiative=initiative)
    fields, rows = _from_library(request) if dimension is None else ({}, [])
    form = DimensionForm(request.POST or None, instance=instance, initial=fields)
    categories = CategoryFormSet(
        request.POST or None, instance=instance, prefix="categories", initial=rows
    )
    save = services.dimension_save
    return DIMENSIONS.page(request, initiative, form, dimension, save, {"categories": categories})


def _from_library(request: HttpRequest) -> tuple[dict, list[dict]]:
    """A new dimension's form filled in from the library entry ``?from=`` names, when first
    shown (a POST carries what was typed over it)."""
    entry = library_entry(request.GET.get("from", ""))
    if entry is None or request.method == "POST":
        return {}, []
    return entry.fields(), entry.category_rows()


@initiative_page("measurement/dimension_library.html", perm=Perm.MANAGE_CONTENT)
def dimension_library(request: HttpRequest, initiative: Initiative) -> dict:
    return {"offers": selectors.dimension_library(initiative=initiative)}


def _definitions(record: str, new_heading, **page) -> RecordForm:
    """The form page of a kind of definition, reached from (and back to) the definitions."""
    back = ("measurement:definitions", gettext_lazy("Definitions"))
    return RecordForm(record, new_heading, back, **page)


DIMENSIONS = _definitions(
    "dimension",
    gettext_lazy("New dimension"),
    named_by="name",
    message=_saved,
    sections=(
        Section(
            "categories",
            gettext_lazy("Categories"),
            gettext_lazy(
                "In display order. Mark one as the reference group that gaps are measured "
                "against, and one as unknown / not reported."
            ),
        ),
    ),
)
INDICATORS = _definitions(
    "indicator", gettext_lazy("New indicator"), named_by="name", message=_saved
)
PERIODS = _definitions("period", gettext_lazy("New reporting period"), named_by="code")


def _target_formset(request, initiative, indicator, instance):
    return TargetFormSet(
        request.POST or None,
        instance=instance,
        prefix="targets",
        initiative=initiative,
        groups=selectors.target_groups(initiative=initiative, indicator=indicator),
    )


@initiative_page(perm=Perm.MANAGE_CONTENT)
def indicator_edit(
    request: HttpRequest, initiative: Initiative, code: str | None = None
) -> HttpResponse:
    indicator = selectors.indicator_get_for_edit(initiative=initiative, code=code) if code else None
    instance = indicator or Indicator(initiative=initiative)
    form = IndicatorForm(request.POST or None, instance=instance, initiative=initiative)
    targets = _target_formset(request, initiative, indicator, instance)
    return INDICATORS.page(
        request,
        initiative,
        form,
        indicator,
        services.indicator_save,
        {"targets": targets},
        template="measurement/indicator_form.html",
        context=lambda: {"formset": targets},
    )


@initiative_page(perm=Perm.MANAGE_CONTENT)
def period_edit(
    request: HttpRequest, initiative: Initiative, pk: int | None = None
) -> HttpResponse:
    period = selectors.period_get(initiative=initiative, pk=pk) if pk else None
    form = PeriodForm(request.POST or None, instance=period)
    return PERIODS.page(request, initiative, form, period, services.period_save)


@initiative_page(perm=Perm.MANAGE_CONTENT)
def period_generate(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """A run of reporting periods from a frequency and a first period."""
    form = PeriodGenerateForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.periods_generate(
            actor=request.user, initiative=initiative, **form.cleaned_data
        ),
        message=_generated,
        initiative=initiative,
        heading=_("Generate reporting periods"),
        back_url=reverse("measurement:definitions", args=[initiative.slug]),
        back_label=_("Definitions"),
        intro=_(
            "Creates the periods one after the other, each with its due date. Periods the "
            "initiative already has are left as they are."
        ),
    )


def _generated(generated) -> str:
    if not generated.created:
        return _("Every one of these periods was already there: %(codes)s.") % {
            "codes": ", ".join(generated.existing)
        }
    said = ngettext(
        "Created %(count)s reporting period: %(codes)s.",
        "Created %(count)s reporting periods: %(codes)s.",
        len(generated.created),
    ) % {"count": len(generated.created), "codes": ", ".join(generated.created)}
    if generated.existing:
        said += " " + _("Already there: %(codes)s.") % {"codes": ", ".join(generated.existing)}
    return said


@initiative_page(perm=Perm.MANAGE_CONTENT)
def indicator_rules(request: HttpRequest, initiative: Initiative, code: str) -> HttpResponse:
    """The indicator's validation rules, and the data already stored that breaks them."""
    indicator = selectors.indicator_get_for_edit(initiative=initiative, code=code)
    form = forms.Form(request.POST or None)
    rules = ValueRuleFormSet(request.POST or None, instance=indicator, prefix="rules")
    return form_page(
        request,
        form,
        rules,
        save=lambda: services.rules_set(
            actor=request.user, indicator=indicator, rows=formset_rows(rules)
        ),
        message=lambda _rules: _("Saved the rules of %(name)s.") % {"name": indicator.name},
        initiative=initiative,
        heading=_("Rules for %(name)s") % {"name": indicator.name},
        back_url=reverse("measurement:indicator-edit", args=[initiative.slug, indicator.code]),
        back_label=indicator.name,
        success_url=request.path,
        intro=_(
            "Checked as partners type, on save, on upload, when they submit and when you "
            "review. An error blocks submission; a warning must be explained in a comment. "
            "Range: the figure (a rate in its units, e.g. percent). Ratio: this indicator's "
            "total divided by the other's, in the same submission. Largest change: the "
            "highest value is the largest change from the organization's previous period, in "
            "percent of it."
        ),
        formsets=[(_("Rules"), "", rules)],
        template="measurement/indicator_rules.html",
        context=lambda: {"breaches": selectors.rule_breaches(indicator=indicator)},
    )


LOAD_INTRO = gettext_lazy(
    "Records are matched by code: one this initiative already has is updated, the others are "
    "added, and nothing is removed. The initiative keeps its name, common agenda and "
    "disclosure policy. A file with any problem loads nothing and lists each problem with "
    "where it is."
)


@initiative_page(perm=Perm.MANAGE_CONTENT)
def definitions_load(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Results, dimensions, indicators and periods from a shipped template, a copy of another
    initiative the person manages, or a definitions file, added to this initiative's."""
    form = DefinitionsSourceForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initiatives=initiatives_managed_by(user=request.user, other_than=initiative),
        require_source=True,
    )
    return form_page(
        request,
        form,
        save=loading_definitions(
            lambda: services.definitions_load(
                actor=request.user,
                initiative=initiative,
                definitions=form.definitions(request.user),
            )
        ),
        message=lambda _loaded: _("Loaded the definitions."),
        initiative=initiative,
        heading=_("Load definitions"),
        back_url=reverse("measurement:definitions", args=[initiative.slug]),
        back_label=_("Definitions"),
        intro=LOAD_INTRO,
        template="measurement/definitions_load.html",
    )
