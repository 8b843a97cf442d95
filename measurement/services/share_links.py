"""Creating, revoking and logging the use of share links."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives import roles
from initiatives.models import Initiative
from initiatives.roles import Perm
from measurement.models import (
    ShareLink,
    ShareLinkUse,
    share_links,
)

logger = logging.getLogger(__name__)


# ---- Share links ----


@transaction.atomic
def share_link_create(
    *,
    actor,
    initiative: Initiative,
    label: str,
    days: int,
    indicators=(),
    embed_origins: str = "",
) -> ShareLink:
    """``embed_origins``: the sites that may frame the link, one a line, in any spelling a
    person types; kept as browsers write them."""
    roles.require(actor, initiative, Perm.SHARE_DASHBOARDS)
    if not 1 <= days <= 365:
        raise ValidationError({"days": _("A link can live between 1 and 365 days.")})
    link = ShareLink(
        initiative=initiative,
        label=label.strip(),
        embed_origins=_origins(embed_origins),
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=days),
    )
    link.full_clean()
    link.save()
    link.indicators.set(indicators)
    return link


def share_link_sites_change(*, actor, link: ShareLink, embed_origins: str) -> ShareLink:
    """Change the sites that may frame a link that still works — a funder adds the page of a
    second site — without a new link, so the frames already pasted keep working. The next frame
    a site asks for is checked against the new list."""
    roles.require(actor, link.initiative, Perm.SHARE_DASHBOARDS)
    if not link.is_usable():
        raise ValidationError(_("This link no longer works: create a new one."))
    link.embed_origins = _origins(embed_origins)
    link.save(update_fields=["embed_origins"])
    return link


def _origins(typed: str) -> str:
    """The sites a person typed, one a line, as browsers write them (or the lines refused)."""
    try:
        return "\n".join(share_links.parse_origins(typed))
    except ValidationError as error:
        raise ValidationError({"embed_origins": error.error_list}) from None


def share_link_revoke(*, actor, link: ShareLink) -> None:
    roles.require(actor, link.initiative, Perm.SHARE_DASHBOARDS)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def share_link_use_create(*, link: ShareLink, path: str, user_agent: str) -> None:
    """Who looked is unknown by design; what was looked at, and when, is kept."""
    ShareLinkUse.objects.create(link=link, path=path[:500], user_agent=user_agent[:300])
