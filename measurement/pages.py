"""The dashboards' pages as data: the scorecard, an indicator's page, the equity gaps and an
indicator's results file, each built for one audience. The views of measurement (signed in,
views/dashboards.py, or through a share link, views/share.py) and of other apps (the
initiative's home page) render them.
"""

import hashlib
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from community import selectors as community_selectors
from measurement import charts, dashboard_cache, selectors, services
from measurement.exports import (
    SCORECARD_COLUMNS,
    XLSX_CONTENT_TYPE,
    Sheet,
    results_about,
    results_csv_header,
    results_number_formats,
    scorecard_about,
    workbook,
    write_rows_csv,
)

# Each builds the page's data, draws its charts and renders the body once per results version,
# audience, language and choice, and caches the HTML: a cached page costs a cache read and the
# layout around it. The body links through ``dashboard_url``, so a share link's body is cached
# per link — under its id: the token is a credential and stays out of cache keys. Every choice
# read from the address is reduced to a valid one before it becomes part of a key, so no
# visitor can make the cache grow by inventing addresses.


def _markup_digest() -> str:
    """A digest of what shapes a cached body besides the data: the templates and the code that
    draws charts. A deploy that changes either makes the bodies cached before it stale,
    instead of serving old markup (say, a chart its page no longer loads a script for) for a
    day."""
    base = Path(settings.BASE_DIR)
    sources = sorted((base / "templates").rglob("*.html"))
    sources += [base / "core" / "charts.py", base / "core" / "sparkline.py"]
    sources += sorted(base.glob("*/charts.py"))
    digest = hashlib.sha1(usedforsecurity=False)
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


MARKUP_DIGEST = _markup_digest()


def _body(initiative, name, audience, params, template, build, share_link=None):
    share_token = share_link.token if share_link else None

    def render_body():
        return mark_safe(
            render_to_string(
                template, {"initiative": initiative, "share_token": share_token, **build()}
            )
        )

    key_params = (params, share_link.pk if share_link else None, MARKUP_DIGEST)
    return dashboard_cache.cached(initiative, name, audience, key_params, render_body)


def overview_context(
    audience,
    initiative,
    indicators=None,
    share_link=None,
    include_provisional=False,
    period: str | None = None,
) -> dict:
    """The scorecard's page: ``period``, a period code from the address, shows it as it stood
    then; an unknown code shows the latest, and ``unknown_period`` says so."""
    include_provisional = bool(include_provisional)
    as_of = _scorecard_period(initiative, period)
    rtl = get_language_bidi()

    def build():
        data = selectors.overview(
            audience=audience,
            initiative=initiative,
            indicators=indicators,
            include_provisional=include_provisional,
            as_of=as_of,
        )
        for group in data["results"]:
            for row in group["rows"]:
                row.sparkline = (
                    charts.sparkline(row.indicator, row.series, rtl=rtl) if row.series else None
                )
        data["computed_at"] = selectors.results_computed_at(initiative=initiative)
        # The period shown, for the links that keep it (provisional periods, the download).
        data["period_query"] = urlencode({"period": as_of.code}) if as_of else ""
        data["download_query"] = urlencode(
            {"period": as_of.code if as_of else "", "periods": "all" if include_provisional else ""}
        )
        return data

    codes = tuple(sorted(i.code for i in indicators)) if indicators is not None else None
    return {
        "unknown_period": period if period and as_of is None else None,
        "body": _body(
            initiative,
            "overview",
            audience,
            (codes, include_provisional, as_of.code if as_of else ""),
            "measurement/partials/_overview_body.html",
            build,
            share_link,
        ),
    }


def _scorecard_period(initiative, code: str | None):
    """The period a scorecard is asked for by its code, if the initiative has it."""
    return selectors.period_by_code(initiative=initiative, code=code) if code else None


def indicator_context(
    audience, indicator, *, dimension_code=None, organization=None, share_link=None
) -> dict:
    rtl = get_language_bidi()
    dimensions = list(indicator.dimensions.order_by("order", "code"))
    chosen = next(
        (d for d in dimensions if d.code == dimension_code), dimensions[0] if dimensions else None
    )
    dimension_code = chosen.code if chosen else None

    def build():
        page = selectors.indicator_dashboard(
            audience=audience,
            indicator=indicator,
            dimension_code=dimension_code,
            organization=organization,
        )
        page.update(_indicator_charts(indicator, page, rtl=rtl))
        page["computed_at"] = selectors.results_computed_at(initiative=indicator.initiative)
        return {**page, "indicator": indicator, "organization": organization}

    params = (indicator.code, dimension_code or "", organization.pk if organization else "")
    return {
        "body": _body(
            indicator.initiative,
            "indicator",
            audience,
            params,
            "measurement/partials/_indicator_body.html",
            build,
            share_link,
        ),
        "indicator": indicator,
        "organization": organization,
        "dimensions": dimensions,
        "dimension": chosen,
        "interpretations": community_selectors.interpretations_for(indicator=indicator),
    }


def indicator_trend_context(audience, indicator, *, share_link=None) -> dict:
    """The trend chart of an indicator's page alone, with its text alternative, its tables and
    what the page says of its figures: what a share link's embed of the indicator shows."""
    rtl = get_language_bidi()

    def build():
        page = selectors.indicator_dashboard(audience=audience, indicator=indicator)
        return {
            **_trend_chart(indicator, page, rtl=rtl),
            "series": page["series"],
            "targets": page["targets"],
            "disclosure_note": selectors.disclosure_note(page["series"]),
            "computed_at": selectors.results_computed_at(initiative=indicator.initiative),
            "indicator": indicator,
        }

    return {
        "body": _body(
            indicator.initiative,
            "indicator-trend",
            audience,
            (indicator.code,),
            "measurement/partials/_indicator_trend_body.html",
            build,
            share_link,
        ),
        "indicator": indicator,
    }


def _trend_chart(indicator, page, *, rtl: bool) -> dict:
    return {
        "trend_chart": charts.trend_chart(indicator, page["series"], page["targets"], rtl=rtl),
        "trend_text": charts.trend_text_alternative(indicator, page["series"]),
    }


def _indicator_charts(indicator, page, *, rtl: bool) -> dict:
    """The charts of an indicator's page, each with its text alternative."""
    charts_drawn = _trend_chart(indicator, page, rtl=rtl)
    dimension = page["dimension"]
    if dimension is not None:
        charts_drawn |= {
            "breakdown_chart": charts.breakdown_chart(
                indicator, dimension, page["breakdown"], page["targets"], rtl=rtl
            ),
            "breakdown_text": charts.breakdown_text_alternative(
                indicator, dimension, page["breakdown"]
            ),
            "gap_chart": charts.gap_chart(indicator, dimension, page["gap_series"], rtl=rtl),
            "gap_text": charts.gap_text_alternative(indicator, dimension, page["gap_series"]),
        }
    return charts_drawn


def gaps_context(audience, initiative, request, indicators=None, share_link=None) -> dict:
    sort = "movement" if request.GET.get("sort") == "movement" else "size"
    dimensions = initiative.dimensions.all()
    asked = request.GET.get("dimension")
    dimension = next((d.code for d in dimensions if d.code == asked), None)
    codes = tuple(sorted(i.code for i in indicators)) if indicators is not None else None

    def build():
        return {
            "gaps": selectors.equity_gaps(
                audience=audience,
                initiative=initiative,
                indicators=indicators,
                dimension=dimension,
                sort=sort,
            ),
            "disparities": selectors.disparity_list(
                audience=audience, initiative=initiative, indicators=indicators, dimension=dimension
            ),
            "computed_at": selectors.results_computed_at(initiative=initiative),
        }

    return {
        "body": _body(
            initiative,
            "gaps",
            audience,
            (codes, dimension, sort),
            "measurement/partials/_gaps_body.html",
            build,
            share_link,
        ),
        "sort": sort,
        "dimension_code": dimension,
        "dimensions": dimensions,
    }


def results_download(audience, initiative, indicator, file_format, organization=None):
    """The indicator's results exactly as the viewer may see them, in the results format."""
    header = results_csv_header(initiative, audience)
    results = (
        selectors.organization_results(indicator=indicator, organization=organization)
        if organization is not None
        else None
    )
    rows = selectors.result_export_rows(
        audience=audience, initiative=initiative, indicator=indicator, results=results
    )
    name = f"{initiative.slug}-{indicator.code}"
    if organization is not None:
        name += f"-{organization.code}"
    if file_format == "xlsx":
        about = results_about(
            initiative=initiative,
            indicator=indicator,
            organization=organization,
            audience=audience,
            run=None if organization else selectors.results_computation_run(initiative=initiative),
            policy_rules=selectors.disclosure_policy_rules(
                selectors.disclosure_policy(initiative=initiative)
            ),
        )
        results = Sheet(_("Results"), header, rows, results_number_formats(indicator.decimals))
        return _download(name, file_format, lambda: workbook(results, about))
    return _download(name, file_format, header=header, rows=rows)


def scorecard_download(
    audience, initiative, file_format, indicators=None, include_provisional=False, period=None
):
    """The scorecard exactly as the viewer may see it on the page — the same period, the same
    provisional periods or not — one row per indicator, each figure exact and rounded."""
    as_of = _scorecard_period(initiative, period)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    data = selectors.overview(
        audience=audience,
        initiative=initiative,
        indicators=indicators,
        include_provisional=bool(include_provisional),
        as_of=as_of,
    )
    rows = list(selectors.scorecard_export_rows(data))
    name = f"{initiative.slug}-scorecard-{as_of.code if as_of else 'latest'}"
    about = scorecard_about(initiative=initiative, audience=audience, as_of=as_of)
    return _download(
        name,
        file_format,
        lambda: workbook(Sheet(_("Scorecard"), SCORECARD_COLUMNS, rows), about),
        header=SCORECARD_COLUMNS,
        rows=rows,
    )


def _download(name, file_format, book=None, *, header=None, rows=None) -> HttpResponse:
    """A file to download: the workbook ``book()`` builds, or ``rows`` under ``header`` as
    CSV."""
    if file_format == "xlsx" and book is not None:
        response = HttpResponse(book(), content_type=XLSX_CONTENT_TYPE)
    elif file_format == "csv" and header is not None:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so that spreadsheet programs read it as UTF-8
        write_rows_csv(response, header, rows)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def loading_definitions(save):
    """``save`` with a definitions file's problems raised as the form's refusal, one line
    each with where it is (``indicators[2].kind: …``): what a person fixes before trying
    again, as ``import_definitions`` prints them."""

    def with_definitions():
        try:
            return save()
        except services.DefinitionsError as error:
            raise ValidationError(error.errors) from None

    return with_definitions
