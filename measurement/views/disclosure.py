"""The initiative's disclosure policy: backbone staff read it, a backbone admin changes it."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from core.views import form_flow
from initiatives.choices import DisclosurePolicySource
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.forms import DisclosurePolicyForm


def _saved(change) -> str:
    if change is None:
        return _("The disclosure policy is unchanged.")
    return _("Disclosure policy saved. It applies from the next computation.")


@initiative_page(perm=Perm.MANAGE_CONTENT, post_perm=Perm.MANAGE_MEMBERS)
def disclosure_policy(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    policy = selectors.disclosure_policy(initiative=initiative)
    form = DisclosurePolicyForm(request.POST or None, policy=policy)
    return form_flow(
        request,
        form,
        save=lambda: services.disclosure_policy_set(
            initiative=initiative,
            by=request.user,
            policy=form.policy(),
            source=DisclosurePolicySource.PAGE,
        ),
        message=_saved,
        success_url=request.path,
        template="measurement/disclosure_policy.html",
        context=lambda: {
            "initiative": initiative,
            "rules": selectors.disclosure_policy_rules(policy),
            "history": selectors.disclosure_policy_history(initiative=initiative),
        },
    )
