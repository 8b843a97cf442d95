"""The initiative's menu as a table: sections of items, each naming the page it opens (its URL
name), its label, the permissions that show it and the other pages that belong to it; an item
whose part of the app has several pages lists them as tabs, shown on those pages.

The current item is found from the URL name the request resolved to, never from the path, so
a new page is in the menu once its URL name is added here. Whether an item is shown is asked
of ``roles.can``, the one place that decides permissions: this table only says which
permission a page needs.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from initiatives import roles
from initiatives.models import Initiative
from initiatives.roles import Perm


@dataclass(frozen=True)
class MenuItem:
    """One entry of the menu (or one of its tabs): the page it opens, shown to those who hold
    any of ``shown_to``, and current on its own page, on every page named in ``current_on``
    and on its tabs' pages."""

    url_name: str
    label: Promise
    shown_to: tuple[Perm, ...] = (Perm.VIEW_DASHBOARDS,)
    current_on: tuple[str, ...] = ()
    # Another label for those who hold the permission (reviewers see "Submissions" where a
    # partner sees "Our data").
    label_for: tuple[Perm, Promise] | None = None
    tabs: tuple["MenuItem", ...] = ()
    tabs_label: Promise | None = None

    def is_current(self, view_name: str) -> bool:
        return (
            view_name == self.url_name
            or view_name in self.current_on
            or any(tab.is_current(view_name) for tab in self.tabs)
        )


def record_pages(*records: str, detail: bool = False) -> tuple[str, ...]:
    """The URL names of the forms of these kinds of records (``<record>-create``,
    ``<record>-edit``) and, with ``detail``, of their pages, as ``core.urls.record_form_paths``
    names them: pages that belong to the item of the records' list."""
    pages = ("create", "edit", "detail") if detail else ("create", "edit")
    return tuple(f"{record}-{page}" for record in records for page in pages)


def records_item(record: str, label: Promise, *, detail: bool = False) -> MenuItem:
    """The item of the list of a kind of records (``<record>-list``), current on their forms
    too and, with ``detail``, on their pages."""
    return MenuItem(f"{record}-list", label, current_on=record_pages(record, detail=detail))


@dataclass(frozen=True)
class MenuSection:
    label: Promise
    items: tuple[MenuItem, ...]


# Sections by what people come to do: agree on the agenda, measure, act together, keep equity and
# the community at the centre, and set the initiative up.
MENU = (
    MenuSection(
        # The common agenda, not a meeting's agenda: its own word in Hebrew and Arabic.
        pgettext_lazy("menu section", "Agenda"),
        (
            MenuItem("initiatives:initiative-home", _("Overview")),
            MenuItem(
                "initiatives:agenda",
                _("Common agenda"),
                current_on=(
                    "initiatives:agenda-edit",
                    "initiatives:agenda-history",
                    *record_pages("initiatives:result"),
                ),
            ),
        ),
    ),
    MenuSection(
        _("Measure"),
        (
            MenuItem(
                "measurement:indicator-list",
                _("Indicators"),
                # Funder briefs are the scorecard for the funders, opened from its page: an
                # item of their own would push the admin's menu onto a second row.
                current_on=(
                    "measurement:indicator-detail",
                    "briefs:brief-list",
                    "briefs:brief-page",
                ),
            ),
            MenuItem("measurement:equity-gaps", _("Gaps")),
            MenuItem(
                "measurement:submission-list",
                _("Our data"),
                shown_to=(Perm.VIEW_SUBMISSIONS,),
                label_for=(Perm.REVIEW_SUBMISSIONS, _("Submissions")),
                current_on=(
                    "measurement:submission-detail",
                    "measurement:submission-entry",
                    "measurement:submission-values",
                    "measurement:submission-values-edit",
                    "measurement:upload-new",
                    "measurement:upload-detail",
                    "measurement:crosswalk-list",
                ),
            ),
            MenuItem(
                "measurement:review-queue",
                _("Reporting"),
                shown_to=(Perm.REVIEW_SUBMISSIONS,),
                tabs_label=_("Reporting"),
                tabs=(
                    MenuItem(
                        "measurement:review-queue",
                        _("Review queue"),
                        shown_to=(Perm.REVIEW_SUBMISSIONS,),
                        current_on=("measurement:review-approve",),
                    ),
                    MenuItem(
                        "measurement:reporting-matrix",
                        _("Who has reported"),
                        shown_to=(Perm.REVIEW_SUBMISSIONS,),
                    ),
                    MenuItem(
                        "measurement:period-completeness",
                        _("Periods and completeness"),
                        shown_to=(Perm.REVIEW_SUBMISSIONS,),
                    ),
                    MenuItem(
                        "measurement:reporting-plan",
                        _("Reporting plan"),
                        shown_to=(Perm.REVIEW_SUBMISSIONS,),
                        current_on=("measurement:reporting-plan-edit",),
                    ),
                    # A computation follows approvals: the reporting round's last step.
                    MenuItem(
                        "measurement:computation-list",
                        _("Computations"),
                        shown_to=(Perm.REVIEW_SUBMISSIONS,),
                    ),
                ),
            ),
            MenuItem(
                "measurement:definitions",
                _("Definitions"),
                shown_to=(Perm.MANAGE_CONTENT,),
                current_on=(
                    "measurement:definitions-load",
                    "measurement:disclosure-policy",
                    "measurement:indicator-rules",
                    "measurement:dimension-library",
                    "measurement:period-generate",
                    *record_pages(
                        "measurement:dimension", "measurement:indicator", "measurement:period"
                    ),
                ),
            ),
        ),
    ),
    MenuSection(
        _("Act"),
        (
            MenuItem(
                "conditions:activity-list",
                _("Activities"),
                tabs_label=_("Mutually reinforcing activities"),
                tabs=(
                    records_item("conditions:activity", _("Plan of action")),
                    MenuItem("conditions:coverage", _("Coverage")),
                    records_item("conditions:working-group", _("Working groups"), detail=True),
                    MenuItem(
                        "conditions:turn-the-curve-list",
                        _("Turn the Curve"),
                        current_on=(
                            "conditions:turn-the-curve-detail",
                            "conditions:turn-the-curve-edit",
                            "conditions:turn-the-curve-history",
                            "conditions:turn-the-curve-version",
                        ),
                    ),
                ),
            ),
            MenuItem(
                "conditions:meeting-list",
                _("Communication"),
                tabs_label=_("Continuous communication"),
                tabs=(
                    records_item("conditions:meeting", _("Meetings"), detail=True),
                    MenuItem("conditions:feed", _("Updates")),
                ),
            ),
            MenuItem(
                "conditions:assessment-list",
                _("Assessments"),
                tabs_label=_("Assessments and backbone support"),
                tabs=(
                    MenuItem(
                        "conditions:assessment-list",
                        _("Assessments"),
                        current_on=(
                            "conditions:assessment-answer",
                            "conditions:assessment-results",
                        ),
                    ),
                    MenuItem("conditions:health", _("Collaborative health")),
                    MenuItem("conditions:backbone", _("Backbone support")),
                ),
            ),
        ),
    ),
    MenuSection(
        _("Equity & community"),
        (
            MenuItem(
                "equity:dashboard",
                _("Equity"),
                tabs_label=_("Equity strategies"),
                tabs=(
                    MenuItem("equity:dashboard", _("Equity dashboard")),
                    records_item("equity:commitment", _("Commitments")),
                    MenuItem(
                        "equity:power",
                        _("Shifting power"),
                        current_on=record_pages("equity:body", "equity:decision"),
                    ),
                    MenuItem(
                        "equity:systems-change",
                        _("Systems change"),
                        current_on=record_pages("equity:effort"),
                    ),
                    # Listening to and acting with the community is one of the strategies.
                    records_item("community:event", _("Engagement"), detail=True),
                    MenuItem("community:answers", _("You said, we did")),
                    MenuItem(
                        "community:community-member-list",
                        _("Community members"),
                        shown_to=(Perm.VIEW_PERSONAL_DATA,),
                        current_on=("community:community-member-create",),
                    ),
                ),
            ),
            MenuItem(
                "community:feedback-list",
                _("Feedback"),
                shown_to=(Perm.GIVE_FEEDBACK, Perm.MANAGE_CONTENT),
                current_on=("community:feedback-answer",),
            ),
        ),
    ),
    MenuSection(
        _("Settings"),
        (
            MenuItem(
                "initiatives:member-list",
                _("Members"),
                shown_to=(Perm.MANAGE_MEMBERS,),
                current_on=("initiatives:member-invite",),
            ),
            MenuItem(
                "initiatives:organization-list",
                _("Organizations"),
                shown_to=(Perm.MANAGE_MEMBERS,),
                current_on=(
                    "initiatives:organization-create",
                    "initiatives:organization-edit",
                    "initiatives:organization-merge",
                ),
            ),
            MenuItem(
                "measurement:share-link-list",
                _("Share"),
                shown_to=(Perm.SHARE_DASHBOARDS,),
                current_on=("measurement:share-link-sites",),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class ShownItem:
    """A menu item or tab as one user sees it on one page."""

    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class ShownGroup:
    """A section of the menu, or the tabs of the current item, as one user sees them."""

    label: str
    items: list[ShownItem]


def _shown(user, initiative: Initiative, items, view_name: str) -> list[ShownItem]:
    """The items the user may use, each with its label for them, the current one marked."""
    return [
        ShownItem(
            _label(user, initiative, item),
            reverse(item.url_name, args=[initiative.slug]),
            item.is_current(view_name),
        )
        for item in items
        if any(roles.can(user, initiative, perm) for perm in item.shown_to)
    ]


def _label(user, initiative: Initiative, item: MenuItem) -> str:
    if item.label_for and roles.can(user, initiative, item.label_for[0]):
        return str(item.label_for[1])
    return str(item.label)


def menu_for(user, initiative: Initiative, view_name: str) -> list[ShownGroup]:
    """The sections of the menu with the items the user may use in the initiative, the item
    of the page named ``view_name`` marked current. Sections with nothing to show are left
    out; for someone who is no member, all are."""
    sections = [
        ShownGroup(str(section.label), _shown(user, initiative, section.items, view_name))
        for section in MENU
    ]
    return [section for section in sections if section.items]


def tabs_for(user, initiative: Initiative, view_name: str) -> ShownGroup | None:
    """The tabs of the menu item current on the page named ``view_name``, if it has tabs."""
    for section in MENU:
        for item in section.items:
            if item.tabs and item.is_current(view_name):
                tabs = _shown(user, initiative, item.tabs, view_name)
                return ShownGroup(str(item.tabs_label), tabs)
    return None
