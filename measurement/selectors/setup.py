"""The setup checklist on a new initiative's home page: the steps from an empty initiative to
partners reporting data, each ticked by what the initiative holds, not by a box someone
checked (docs/setup.md)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.choices import PARTNER_ROLES
from accounts.models import Invitation
from core.translation import translated_fields
from initiatives.choices import PartnershipRole
from initiatives.models import Initiative
from measurement.choices import SubmissionStatus
from measurement.models import (
    Dimension,
    Indicator,
    ReportingAssignment,
    ReportingPeriod,
    Submission,
)


@dataclass(frozen=True)
class SetupStep:
    """One step: what to do, why, the page where it is done, and whether it is."""

    title: Promise
    help: Promise
    url_name: str
    done: bool


@dataclass(frozen=True)
class SetupChecklist:
    initiative: Initiative
    steps: list[SetupStep]

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def complete(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def offers_templates(self) -> bool:
        """Until there are indicators, a template or a copy saves most of the defining."""
        return not Indicator.objects.filter(initiative=self.initiative).exists()

    @property
    def next_step(self) -> SetupStep | None:
        return next((step for step in self.steps if not step.done), None)


def _has_agenda(initiative: Initiative) -> bool:
    stated = any(
        getattr(initiative, field) for field in translated_fields("vision", "problem_statement")
    )
    return stated and initiative.results.exists()


def _has_invited_partners(initiative: Initiative) -> bool:
    """A partner organization takes part, and someone speaks for one: a member in a partner
    role, or an invitation to one."""
    if not initiative.partnerships.filter(role=PartnershipRole.PARTNER, is_active=True).exists():
        return False
    partner_roles = sorted(role.value for role in PARTNER_ROLES)
    return (
        initiative.memberships.filter(role__in=partner_roles).exists()
        or Invitation.objects.filter(initiative=initiative, role__in=partner_roles).exists()
    )


def _has_indicator_with_targets(initiative: Initiative) -> bool:
    return Indicator.objects.filter(
        initiative=initiative, is_active=True, targets__isnull=False
    ).exists()


def _has_submission(initiative: Initiative) -> bool:
    return Submission.objects.filter(
        initiative=initiative,
        status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED],
    ).exists()


_STEPS: tuple[tuple[Promise, Promise, str, Callable[[Initiative], bool]], ...] = (
    (
        _("State the common agenda and its results"),
        _("The vision or the problem partners agreed on, and the results they work toward."),
        "initiatives:agenda",
        _has_agenda,
    ),
    (
        _("Add partner organizations and invite them"),
        _("Find an organization the installation knows, or add a new one; then invite its people."),
        "initiatives:organization-list",
        _has_invited_partners,
    ),
    (
        _("Choose the groups numbers are broken down by"),
        _("Gender, age, population group, neighbourhood, income: pick from the library and adapt."),
        "measurement:dimension-library",
        lambda initiative: Dimension.objects.filter(initiative=initiative).exists(),
    ),
    (
        _("Define indicators with a baseline and targets"),
        _("A target for everyone and, where gaps matter, for each group."),
        "measurement:definitions",
        _has_indicator_with_targets,
    ),
    (
        _("Set up the reporting periods"),
        _("Generated from how often partners report and when it starts."),
        "measurement:period-generate",
        lambda initiative: ReportingPeriod.objects.filter(initiative=initiative).exists(),
    ),
    (
        _("Agree the reporting plan"),
        _("Which organization reports which indicator, and how often."),
        "measurement:reporting-plan",
        lambda initiative: ReportingAssignment.objects.filter(initiative=initiative).exists(),
    ),
    (
        _("Receive the first submission"),
        _("A partner enters or uploads its data and submits it; you review it."),
        "measurement:submission-list",
        _has_submission,
    ),
)


def setup_checklist(*, initiative: Initiative) -> SetupChecklist:
    """The steps from an empty initiative to partners reporting data, each done or not."""
    return SetupChecklist(
        initiative,
        [
            SetupStep(title, help, url_name, is_done(initiative))
            for title, help, url_name, is_done in _STEPS
        ],
    )
