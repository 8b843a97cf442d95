"""Links that show the funder view of the dashboards without an account, and their uses."""

import secrets
from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import belongs_to, person_on_record
from core.models import Revocable, RevocableQuerySet
from initiatives.models import Initiative
from measurement.models.definitions import Indicator

# ---- Share links ----


def new_share_token() -> str:
    return secrets.token_urlsafe(32)


class ShareLinkQuerySet(RevocableQuerySet):
    def usable(self):
        return self.active().filter(expires_at__gt=timezone.now())


class ShareLink(Revocable):
    """A link a backbone admin gives to a funder, a board or the press: it shows the funder
    view of the dashboards — every small cell suppressed, no drafts, no personal data —
    without an account, until it expires or is revoked. Every use is logged."""

    initiative = belongs_to(Initiative, "share_links")
    label = models.CharField(_("who it is for"), max_length=200)
    indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="+",
        verbose_name=_("indicators"),
        help_text=_("Leave empty to share every indicator."),
    )
    created_by = person_on_record()
    expires_at = models.DateTimeField(_("expires"))

    token = models.CharField(max_length=64, unique=True, editable=False, default=new_share_token)
    """The link's address: random, so it cannot be guessed or forged, and the same at every
    reading, so that everything keyed on a link stays one entry per link. Expiry and
    revocation are checked on the link itself."""

    objects: ClassVar = ShareLinkQuerySet.as_manager()

    class Meta(Revocable.Meta):
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self) -> str:
        return self.label

    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ShareLinkUse(models.Model):
    """One page seen through a share link."""

    link = belongs_to(ShareLink, "uses")
    path = models.CharField(max_length=500)
    user_agent = models.CharField(max_length=300, blank=True)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_at"]

    def __str__(self) -> str:
        return f"{self.link} {self.used_at:%Y-%m-%d %H:%M}"
