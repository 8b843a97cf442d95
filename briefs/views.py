"""Funder briefs: choose a period and a language, then read the print page or download the
PDF; backbone admins choose whether briefs go to the funders by e-mail. Whoever asks, a brief
shows what the initiative's funders may see (briefs.selectors)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from briefs import documents, selectors, services
from briefs.forms import BriefChoiceForm, BriefScheduleForm
from briefs.pdf import BriefRenderingError
from core.views import form_flow
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _choice(initiative: Initiative, data=None) -> dict:
    """The periods a brief can be made for and the form that chooses one."""
    periods = selectors.brief_periods(initiative=initiative)
    form = BriefChoiceForm(data, periods=periods, initial={"language": get_language()})
    return {"initiative": initiative, "periods": periods, "form": form}


@initiative_page("briefs/brief_list.html")
def brief_list(request: HttpRequest, initiative: Initiative):
    choice = _choice(initiative, request.GET or None)
    form = choice["form"]
    if form.is_valid():
        chosen = form.cleaned_data
        name = "briefs:brief-pdf" if chosen["output"] == "pdf" else "briefs:brief-page"
        url = reverse(name, args=[initiative.slug, chosen["period"]])
        return redirect(f"{url}?language={chosen['language']}")
    schedule = selectors.brief_schedule_get(initiative=initiative)
    return choice | {"schedule_form": BriefScheduleForm(instance=schedule)}


@initiative_page(perm=Perm.MANAGE_MEMBERS, post_only=True)
def brief_schedule(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    form = BriefScheduleForm(request.POST)
    return form_flow(
        request,
        form,
        save=lambda: services.brief_schedule_set(
            actor=request.user, initiative=initiative, **form.cleaned_data
        ),
        message=lambda schedule: (
            _("Funders will receive each final period's brief by e-mail.")
            if schedule.send_by_email
            else _("Briefs are no longer e-mailed to funders.")
        ),
        success_url=reverse("briefs:brief-list", args=[initiative.slug]),
        template="briefs/brief_list.html",
        context=lambda: _choice(initiative) | {"schedule_form": form},
    )


def _chosen(request: HttpRequest, initiative: Initiative, code: str):
    """The period (404 without results) and the language asked for (else the page's)."""
    period = selectors.brief_period_get(initiative=initiative, code=code)
    if period is None:
        raise Http404
    language = request.GET.get("language")
    return period, language if language in LANGUAGES else get_language()


@initiative_page()
def brief_page(request: HttpRequest, initiative: Initiative, period: str) -> HttpResponse:
    found, language = _chosen(request, initiative, period)
    links = {
        "pdf_url": reverse("briefs:brief-pdf", args=[initiative.slug, found.code])
        + f"?language={language}",
        "back_url": reverse("briefs:brief-list", args=[initiative.slug]),
    }
    html = documents.brief_html(
        initiative=initiative,
        period=found,
        language=language,
        template="briefs/brief_page.html",
        context=links,
    )
    return HttpResponse(html)


@initiative_page()
def brief_pdf(request: HttpRequest, initiative: Initiative, period: str) -> HttpResponse:
    found, language = _chosen(request, initiative, period)
    try:
        pdf = documents.brief_pdf(initiative=initiative, period=found, language=language)
    except BriefRenderingError:
        return render(
            request, "briefs/brief_unavailable.html", {"initiative": initiative}, status=503
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = documents.brief_filename(initiative=initiative, period=found, language=language)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
