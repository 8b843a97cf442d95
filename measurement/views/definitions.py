"""Shared-measurement definitions for backbone staff."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.views import form_page
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.forms import (
    CategoryFormSet,
    DimensionForm,
    IndicatorForm,
    PeriodForm,
    TargetFormSet,
)
from measurement.models import Dimension, Indicator


def _formset_rows(formset) -> list[dict]:
    return [form.cleaned_data for form in formset.forms if form.cleaned_data]


def _saved(definition) -> str:
    return _("Saved %(name)s.") % {"name": definition.name_en}


@initiative_page(perm=Perm.MANAGE_CONTENT)
def definitions(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    context = {
        "initiative": initiative,
        "period_form": PeriodForm(),
        **selectors.definitions_overview(initiative=initiative),
    }
    return render(request, "measurement/definitions.html", context)


@initiative_page(perm=Perm.MANAGE_CONTENT)
def dimension_edit(
    request: HttpRequest, initiative: Initiative, code: str | None = None
) -> HttpResponse:
    dimension = selectors.dimension_get(initiative=initiative, code=code) if code else None
    instance = dimension or Dimension(initiative=initiative)
    form = DimensionForm(request.POST or None, instance=instance)
    formset = CategoryFormSet(request.POST or None, instance=instance, prefix="categories")
    return form_page(
        request,
        form,
        save=lambda: services.dimension_save(
            actor=request.user,
            initiative=initiative,
            dimension=dimension,
            fields=form.cleaned_data,
            categories=_formset_rows(formset),
        ),
        message=_saved,
        initiative=initiative,
        heading=dimension.name if dimension else _("New dimension"),
        back_url=reverse("measurement:definitions", args=[initiative.slug]),
        back_label=_("Definitions"),
        formsets=[_categories_section(formset)],
    )


def _categories_section(categories) -> tuple:
    """A dimension's categories, under its own fields."""
    return (
        _("Categories"),
        _(
            "In display order. Mark one as the reference group that gaps are measured "
            "against, and one as unknown / not reported."
        ),
        categories,
    )


def _target_formset(request, initiative, indicator, instance):
    return TargetFormSet(
        request.POST or None,
        instance=instance,
        prefix="targets",
        initiative=initiative,
        groups=selectors.target_groups(indicator=indicator, initiative=initiative),
    )


@initiative_page(perm=Perm.MANAGE_CONTENT)
def indicator_edit(
    request: HttpRequest, initiative: Initiative, code: str | None = None
) -> HttpResponse:
    indicator = selectors.indicator_get_for_edit(initiative=initiative, code=code) if code else None
    instance = indicator or Indicator(initiative=initiative)
    form = IndicatorForm(request.POST or None, instance=instance, initiative=initiative)
    formset = _target_formset(request, initiative, indicator, instance)
    return form_page(
        request,
        form,
        formset,
        save=lambda: services.indicator_save(
            actor=request.user,
            initiative=initiative,
            indicator=indicator,
            fields=dict(form.cleaned_data),
            targets=_formset_rows(formset),
        ),
        message=_saved,
        initiative=initiative,
        heading=indicator.name if indicator else _("New indicator"),
        back_url=reverse("measurement:definitions", args=[initiative.slug]),
        back_label=_("Definitions"),
        template="measurement/indicator_form.html",
        context=lambda: {"formset": formset},
    )


@initiative_page(perm=Perm.MANAGE_CONTENT)
def period_edit(
    request: HttpRequest, initiative: Initiative, pk: int | None = None
) -> HttpResponse:
    period = selectors.period_get(initiative=initiative, pk=pk) if pk else None
    form = PeriodForm(request.POST or None, instance=period)
    return form_page(
        request,
        form,
        save=lambda: services.period_save(
            actor=request.user, initiative=initiative, period=period, fields=form.cleaned_data
        ),
        message=lambda period: _("Saved %(code)s.") % {"code": period.code},
        initiative=initiative,
        heading=period.code if period else _("New reporting period"),
        back_url=reverse("measurement:definitions", args=[initiative.slug]),
        back_label=_("Definitions"),
    )
