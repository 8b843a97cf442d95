"""Files of data values, and how an organization's files name categories."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import form_flow, form_page
from initiatives import roles
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.choices import UploadStatus
from measurement.datafiles import expected_header
from measurement.forms import (
    CrosswalkForm,
    UploadForm,
)

# ---- Uploads ----


@login_required
def upload_new(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        organizations=selectors.entry_organizations(user=request.user, initiative=initiative),
    )
    return form_page(
        request,
        form,
        save=lambda: services.upload_check(
            actor=request.user,
            initiative=initiative,
            organization=form.cleaned_data["organization"],
            filename=form.cleaned_data["file"].name,
            content=form.cleaned_data["file"].read(),
        ),
        message=None,  # the check's page says how it went
        success_url=lambda upload: reverse("measurement:upload-detail", args=[slug, upload.pk]),
        initiative=initiative,
        heading=_("Upload a file"),
        back_url=reverse("initiatives:initiative-home", args=[slug]),
        back_label=initiative.name,
        intro=_(
            "Nothing is saved until you have seen the check. The easiest start is the file you "
            "can download from a submission: it lists your indicators and groups."
        ),
        template="measurement/upload_form.html",
        context=lambda: {"header": expected_header(initiative)},
    )


@login_required
def upload_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The check of an uploaded file: every problem by row and column, or what saving it
    will write."""
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.VIEW_SUBMISSIONS)
    upload = selectors.upload_get(user=request.user, initiative=initiative, pk=pk)
    return render(
        request,
        "measurement/upload_detail.html",
        {
            "initiative": initiative,
            "upload": upload,
            "retention_days": settings.UPLOAD_RETENTION_DAYS,
            "form": UploadForm(
                organizations=selectors.entry_organizations(
                    user=request.user, initiative=initiative
                )
            ),
        },
    )


@login_required
def upload_file(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The file that was sent, while it is kept: as an attachment of no particular type, so
    that no browser renders what a partner uploaded."""
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.VIEW_SUBMISSIONS)
    upload = selectors.upload_get(user=request.user, initiative=initiative, pk=pk)
    if not upload.size:
        raise Http404
    response = HttpResponse(bytes(upload.content), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, upload.filename)
    return response


def _upload_action(request, slug, pk, action, message):
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    upload = selectors.upload_get(user=request.user, initiative=initiative, pk=pk)
    try:
        action(upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("measurement:upload-detail", slug=slug, pk=pk)
    upload.refresh_from_db()
    if upload.status == UploadStatus.REJECTED:  # the definitions changed meanwhile
        return redirect("measurement:upload-detail", slug=slug, pk=pk)
    messages.success(request, message)
    return redirect("measurement:submission-list", slug=slug)


@login_required
@require_POST
def upload_save(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _upload_action(
        request,
        slug,
        pk,
        lambda u: services.upload_save(actor=request.user, upload=u),
        _("Saved into your drafts. Check them, then submit each period for review."),
    )


@login_required
@require_POST
def upload_discard(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _upload_action(
        request,
        slug,
        pk,
        lambda u: services.upload_discard(actor=request.user, upload=u),
        _("The file was discarded; nothing was saved."),
    )


# ---- Category crosswalks ----


def _crosswalk_organizations(request, initiative):
    """The organizations whose crosswalks the user manages, and the one asked for
    (?organization=code) or else the first."""
    organizations = selectors.entry_organizations(user=request.user, initiative=initiative)
    chosen = organizations.filter(code=request.GET.get("organization")).first()
    return organizations, chosen or organizations.first()


@login_required
def crosswalk_list(request: HttpRequest, slug: str) -> HttpResponse:
    """How an organization's own files name our categories. Partner editors manage their
    own organization's; backbone staff choose the organization."""
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    organizations, organization = _crosswalk_organizations(request, initiative)
    if request.method == "POST" and organization is None:
        raise Http404  # an initiative without partners: nobody's files to teach
    form = CrosswalkForm(request.POST or None, initiative=initiative)
    return form_flow(
        request,
        form,
        save=lambda: services.crosswalk_save(
            actor=request.user,
            initiative=initiative,
            organization=organization,
            **form.cleaned_data,
        ),
        message=lambda _crosswalk: _("Saved. Your next uploads will understand it."),
        success_url=lambda saved: f"{request.path}?organization={saved.organization.code}",
        template="measurement/crosswalk_list.html",
        context=lambda: {
            "initiative": initiative,
            "organization": organization,
            "organizations": organizations,
            "crosswalks": selectors.crosswalk_list(initiative=initiative, organization=organization)
            if organization
            else [],
        },
    )


@login_required
@require_POST
def crosswalk_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    crosswalk = selectors.crosswalk_get(user=request.user, initiative=initiative, pk=pk)
    services.crosswalk_delete(actor=request.user, initiative=initiative, crosswalk=crosswalk)
    messages.success(request, _("Removed."))
    return redirect(
        f"{reverse('measurement:crosswalk-list', args=[slug])}"
        f"?organization={crosswalk.organization.code}"
    )
