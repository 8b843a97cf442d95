"""Files of data values, and how an organization's files name categories."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views import form_flow, form_page
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.choices import UploadStatus
from measurement.datafiles import expected_header
from measurement.forms import (
    CrosswalkForm,
    UploadForm,
)

# ---- Uploads ----


@initiative_page(perm=Perm.ENTER_DATA)
def upload_new(request: HttpRequest, initiative: Initiative) -> HttpResponse:
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
        success_url=lambda upload: reverse(
            "measurement:upload-detail", args=[initiative.slug, upload.pk]
        ),
        initiative=initiative,
        heading=_("Upload a file"),
        back_url=reverse("initiatives:initiative-home", args=[initiative.slug]),
        back_label=initiative.name,
        intro=_(
            "Nothing is saved until you have seen the check. The easiest start is the file you "
            "can download from a submission: it lists your indicators and groups."
        ),
        template="measurement/upload_form.html",
        context=lambda: {"header": expected_header(initiative)},
    )


@initiative_page("measurement/upload_detail.html", perm=Perm.VIEW_SUBMISSIONS)
def upload_detail(request: HttpRequest, initiative: Initiative, pk: int) -> dict:
    """The check of an uploaded file: every problem by row and column, or what saving it
    will change, each number stored now beside the file's."""
    upload = selectors.upload_get(user=request.user, initiative=initiative, pk=pk)
    return {
        "upload": upload,
        "changes": selectors.upload_changes(upload=upload),
        "retention_days": settings.UPLOAD_RETENTION_DAYS,
        "form": UploadForm(
            organizations=selectors.entry_organizations(user=request.user, initiative=initiative)
        ),
    }


@initiative_page(perm=Perm.VIEW_SUBMISSIONS)
def upload_file(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    """The file that was sent, while it is kept: as an attachment of no particular type, so
    that no browser renders what a partner uploaded."""
    upload = selectors.upload_get(user=request.user, initiative=initiative, pk=pk)
    if not upload.size:
        raise Http404
    response = HttpResponse(bytes(upload.content), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, upload.filename)
    return response


def _upload_step(step, done):
    """The view of one step on a checked upload (``step(actor=, upload=)``): to the
    submission a saved file went into (the drafts, when it held several periods) with
    ``done``, or back to the check when the step was refused or the file no longer passes
    it."""

    @initiative_page(perm=Perm.ENTER_DATA, post_only=True)
    def step_view(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
        upload = selectors.upload_get(user=request.user, initiative=initiative, pk=pk)
        try:
            step(actor=request.user, upload=upload)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("measurement:upload-detail", slug=initiative.slug, pk=pk)
        upload.refresh_from_db()
        if upload.status == UploadStatus.REJECTED:  # the definitions changed meanwhile
            return redirect("measurement:upload-detail", slug=initiative.slug, pk=pk)
        messages.success(request, done)
        # Back to the submission the file went into, to check and submit it.
        submission = selectors.upload_submission(upload=upload)
        if upload.status == UploadStatus.SAVED and submission is not None:
            return redirect("measurement:submission-detail", slug=initiative.slug, pk=submission.pk)
        return redirect("measurement:submission-list", slug=initiative.slug)

    return step_view


upload_save = _upload_step(
    services.upload_save,
    gettext_lazy("Saved into your drafts. Check them, then submit each period for review."),
)
upload_discard = _upload_step(
    services.upload_discard, gettext_lazy("The file was discarded; nothing was saved.")
)


# ---- Category crosswalks ----


def _crosswalk_organizations(request, initiative):
    """The organizations whose crosswalks the user manages, and the one asked for
    (?organization=code) or else the first."""
    organizations = selectors.entry_organizations(user=request.user, initiative=initiative)
    chosen = organizations.filter(code=request.GET.get("organization")).first()
    return organizations, chosen or organizations.first()


@initiative_page(perm=Perm.ENTER_DATA)
def crosswalk_list(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """How an organization's own files name our categories. Partner editors manage their
    own organization's; backbone staff choose the organization."""
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


@initiative_page(perm=Perm.ENTER_DATA, post_only=True)
def crosswalk_delete(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    crosswalk = selectors.crosswalk_get(user=request.user, initiative=initiative, pk=pk)
    services.crosswalk_delete(actor=request.user, initiative=initiative, crosswalk=crosswalk)
    messages.success(request, _("Removed."))
    return redirect(
        f"{reverse('measurement:crosswalk-list', args=[initiative.slug])}"
        f"?organization={crosswalk.organization.code}"
    )
