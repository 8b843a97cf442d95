from typing import ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import NoticeKind, Role
from core.fields import belongs_to, optional_link, person_on_record
from core.models import Created, Revocable, RevocableQuerySet, one_per


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # People type their address in any case; one address is one account.
        return self.get(email__iexact=username)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their e-mail address.

    What a person may do is never decided by flags on the user: it comes from their Membership
    in each initiative (a funder in one initiative can be a partner editor in another).
    ``is_staff`` only opens the Django admin to the people who run the installation.
    """

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("installation staff"),
        default=False,
        help_text=_("Can sign in to the Django admin of this installation."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language of the pages and of every message you receive. Empty: your "
            "browser's language on the pages, the site's language in messages."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class InvitationQuerySet(RevocableQuerySet):
    def pending(self):
        return self.active().filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(Revocable):
    """A backbone admin's invitation to join an initiative in one role.

    The e-mailed link carries a random token; only its SHA-256 is stored, so a database dump
    cannot be turned into working links. A link works once and expires.
    """

    initiative = belongs_to("initiatives.Initiative", "invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organization = belongs_to(
        "initiatives.Organization", "+", null=True, blank=True, verbose_name=_("organization")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = person_on_record()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = optional_link("accounts.User")

    objects: ClassVar = InvitationQuerySet.as_manager()

    class Meta(Revocable.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.initiative} ({self.get_role_display()})"

    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class ApiToken(Revocable):
    """A key for scripts that call the API on a person's behalf, in one initiative only.

    The key is shown once, when it is made; only its SHA-256 is stored. It acts with the
    person's role in that initiative as it is at each request, so a changed or removed role
    changes or ends what the key can do."""

    user = belongs_to("accounts.User", "api_tokens")
    initiative = belongs_to("initiatives.Initiative", "+", verbose_name=_("initiative"))
    name = models.CharField(_("what it is for"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta(Revocable.Meta):
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


# ---- Notices ----


class NoticeQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(Created):
    """A message to one person in their list of notices on the site: their data is due soon
    or overdue, a submission was returned or approved, what waits for the backbone's review
    this week. The same message goes by e-mail if they want it so (``NoticePreference``).

    It is written in the person's language when it is made, and links to the page it is
    about."""

    recipient = belongs_to("accounts.User", "notices")
    initiative = belongs_to(
        "initiatives.Initiative", "+", null=True, blank=True, verbose_name=_("initiative")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects: ClassVar = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        # Unread first (NULLs sort first when descending on PostgreSQL; said outright here).
        ordering = [models.F("read_at").desc(nulls_first=True), "-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_recipient_read")]

    def __str__(self) -> str:
        return self.subject


class NoticePreference(models.Model):
    """How one person wants one kind of notice: by e-mail, in their list of notices, both or
    neither. Without a row, both: a person receives everything until they choose."""

    user = belongs_to("accounts.User", "notice_preferences")
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    by_email = models.BooleanField(_("by e-mail"), default=True)
    in_app = models.BooleanField(_("in the list of notices"), default=True)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [one_per("user", "kind", name="notice_preference_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"


class NoticeLog(Created):
    """A notice that goes out on a schedule — the backbone's weekly digest — recorded once it
    went, so it goes once however often the job runs: one row per initiative, kind and
    occasion (for a weekly one, the week's Monday)."""

    initiative = belongs_to("initiatives.Initiative", "+")
    kind = models.CharField(max_length=32, choices=NoticeKind.choices)
    occasion = models.CharField(max_length=40)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [one_per("initiative", "kind", "occasion", name="notice_log_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.occasion}"
