"""Links that show the funder view of the dashboards without an account, and their uses."""

import ipaddress
import re
import secrets
from typing import ClassVar
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
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


# ---- The sites that may embed a link ----

# A host name (letters, digits and hyphens in dot-separated labels, as IDNA writes any other
# script) or an IPv4 address (an IPv6 one is read as such): nothing that could end a source in
# a Content-Security-Policy header (a space, a semicolon, a comma, a quote) or widen it (``*``).
_HOST = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(line: str) -> str | None:
    """The origin a line names, as browsers write it (``https://funder.example.org``), or None
    if the line is not one origin."""
    if "*" in line or any(c.isspace() for c in line):
        return None
    try:
        parts = urlsplit(line)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if (
        scheme not in _DEFAULT_PORTS
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or "@" in parts.netloc
        or not parts.hostname
    ):
        return None
    if ":" in parts.hostname:
        try:
            host = f"[{ipaddress.IPv6Address(parts.hostname).compressed}]"
        except ValueError:
            return None
    else:
        try:
            host = parts.hostname.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return None
        if len(host) > 253 or not _HOST.fullmatch(host):
            return None
    shown_port = f":{port}" if port is not None and port != _DEFAULT_PORTS[scheme] else ""
    return f"{scheme}://{host}{shown_port}"


def parse_origins(text: str) -> list[str]:
    """The origins ``text`` lists, one a line, each as browsers write it and each once; a
    ValidationError naming every line that is not an origin (a path, a wildcard, another
    scheme)."""
    origins: list[str] = []
    refused = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        origin = _origin(line)
        if origin is None:
            refused.append(line)
        elif origin not in origins:
            origins.append(origin)
    if refused:
        raise ValidationError(
            [
                ValidationError(
                    _(
                        "“%(line)s” is not a site's address. Write the scheme and the host, and a "
                        "port if it has one, with no path and no wildcard: "
                        "https://funder.example.org"
                    ),
                    params={"line": line},
                    code="origin",
                )
                for line in refused
            ]
        )
    return origins


def validate_embed_origins(text: str) -> None:
    parse_origins(text)


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
    embed_origins = models.TextField(
        _("sites that may embed it"),
        blank=True,
        validators=[validate_embed_origins],
        help_text=_(
            "The addresses of the websites that may show the dashboards in a frame, one a line, "
            "e.g. https://funder.example.org. Empty: no website may."
        ),
    )
    """Written as browsers write an origin, one a line (``parse_origins`` makes it so): the
    only sites whose pages may frame the link's embed pages (``frame-ancestors``)."""
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

    def is_embeddable(self) -> bool:
        """Whether the sites it lists may show it in a frame now."""
        return self.is_usable() and bool(self.allowed_origins)

    @property
    def allowed_origins(self) -> list[str]:
        """The origins that may frame the link's embed pages; none, and no site may."""
        return self.embed_origins.split()


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
