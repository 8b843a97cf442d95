from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.choices import ConsentPurpose, FeedbackStatus
from initiatives.models import Initiative


class CommunityMember(models.Model):
    """A resident taking part in the initiative — often with lived experience of the problem.

    Personal data is held only with consent; withdrawing consent anonymizes the record while
    keeping it in aggregate counts."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="community_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_profiles",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    neighbourhood = models.CharField(_("neighbourhood"), max_length=120, blank=True)
    has_lived_experience = models.BooleanField(_("lived experience"), default=False)
    anonymized_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("community member")
        verbose_name_plural = _("community members")
        ordering = ["initiative", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=models.Q(user__isnull=False),
                name="community_member_user_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name or _("Anonymous community member")


class ConsentRecord(models.Model):
    """What a community member agreed to, when, and in which words. A withdrawal is recorded,
    never deleted, so the initiative can show what it was allowed to do at any date."""

    member = models.ForeignKey(CommunityMember, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    wording = models.TextField(_("wording agreed to"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["member", "-given_at"]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_purpose_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class FeedbackItem(models.Model):
    """Something a community member told the initiative, and — closing the loop — the public
    answer of what was done with it ("you said, we did")."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="feedback_items"
    )
    member = models.ForeignKey(
        CommunityMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_items",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("what you want to tell us"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    theme = models.CharField(_("theme"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED
    )
    public_response = models.TextField(_("our answer"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.body[:60]
