"""Starting from the browser: the first run of an empty installation, a new initiative, and
the installation's own settings (docs/setup.md)."""

from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.views import form_flow
from initiatives import roles, selectors, services
from initiatives.forms import FirstRunForm, InitiativeStartForm, InstallationSettingsForm
from initiatives.models import InstallationSettings
from measurement import services as measurement_services
from measurement.pages import loading_definitions


def installation_is_empty() -> bool:
    return not get_user_model().objects.exists()


def first_run(request: HttpRequest) -> HttpResponse:
    """An empty installation's first page: its administrator's account and their initiative.
    Once anyone has an account it is gone, and sends people to sign in."""
    if not installation_is_empty():
        return redirect("initiatives:home")
    form = FirstRunForm(
        request.POST or None, request.FILES or None, user=request.user, initiatives=[]
    )

    def save():
        user, initiative = measurement_services.installation_start(
            person=form.person(), definitions=form.definitions(None), **_initiative_fields(form)
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return initiative

    return _starting(request, form, save, "initiatives/first_run.html")


@login_required
def initiative_start(request: HttpRequest) -> HttpResponse:
    """A new initiative, started by a superuser or, where the installation allows it, by
    anyone signed in: they become its backbone admin."""
    if not roles.may_start_initiative(request.user):
        raise PermissionDenied
    form = InitiativeStartForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initiatives=selectors.initiatives_managed_by(user=request.user),
    )
    return _starting(
        request,
        form,
        lambda: measurement_services.initiative_start_with(
            actor=request.user,
            definitions=form.definitions(request.user),
            **_initiative_fields(form),
        ),
        "initiatives/initiative_start.html",
    )


@login_required
def installation_settings(request: HttpRequest) -> HttpResponse:
    """What the installation's administrators decide for all its initiatives."""
    if not roles.may_change_installation(request.user):
        raise PermissionDenied
    form = InstallationSettingsForm(request.POST or None, instance=InstallationSettings.current())
    return form_flow(
        request,
        form,
        save=lambda: services.installation_settings_set(actor=request.user, **form.cleaned_data),
        message=lambda _settings: _("Saved the installation's settings."),
        success_url=reverse("initiatives:installation-settings"),
        template="initiatives/installation_settings.html",
        context=dict,
    )


def _starting(request: HttpRequest, form, save, template: str) -> HttpResponse:
    """The flow of a page that starts an initiative: on to its home, with the checklist."""
    return form_flow(
        request,
        form,
        save=loading_definitions(save),
        message=_welcome,
        success_url=_initiative_home,
        template=template,
        context=dict,
    )


def _initiative_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in ("name", "slug", "backbone")}


def _welcome(initiative) -> str:
    return _(
        "%(name)s is started, and you are its backbone admin. The checklist below walks "
        "you to partners reporting data."
    ) % {"name": initiative.name}


def _initiative_home(initiative) -> str:
    return reverse("initiatives:initiative-home", args=[initiative.slug])
