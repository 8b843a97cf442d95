"""Files partners upload, and how each organization writes categories in its files."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import belongs_to, person_on_record
from core.models import Created, one_per
from initiatives.models import Initiative, Organization
from measurement.choices import (
    UploadStatus,
)
from measurement.models.definitions import Category, Dimension

# ---- Uploads ----


class CategoryCrosswalkQuerySet(models.QuerySet):
    def in_initiative(self, initiative):
        """An organization may partner in several initiatives whose dimensions share codes;
        a crosswalk belongs to the initiative of its dimension and is read only there."""
        return self.filter(dimension__initiative=initiative)


class CategoryCrosswalk(models.Model):
    """How one organization writes a category in its own files ("F", "נקבה", "Female")
    mapped once to one initiative's category, so every later upload to that initiative
    understands it. The initiative is the dimension's."""

    organization = belongs_to(Organization, "crosswalks")
    dimension = belongs_to(Dimension, "+")
    source_code = models.CharField(_("their code"), max_length=120)
    category = belongs_to(Category, "+", verbose_name=_("our category"))

    objects = CategoryCrosswalkQuerySet.as_manager()

    class Meta:
        verbose_name = _("category crosswalk")
        verbose_name_plural = _("category crosswalks")
        ordering = ["organization", "dimension__order", "source_code"]
        constraints = [one_per("organization", "dimension", "source_code", name="crosswalk_unique")]

    def __str__(self) -> str:
        return f"{self.organization}: {self.source_code} → {self.category}"


class Upload(Created):
    """A file a partner uploaded, checked in full first, so that nothing is written until the
    partner has seen every problem. The file itself is kept for a bounded time; its name,
    status, problems and summary stay."""

    initiative = belongs_to(Initiative, "+")
    organization = belongs_to(Organization, "+")
    uploaded_by = person_on_record()
    filename = models.CharField(max_length=255)
    content = models.BinaryField(editable=False)
    size = models.PositiveIntegerField(default=0)
    """Bytes of ``content`` still kept; 0 once the file is removed (docs/security.md:
    kept UPLOAD_RETENTION_DAYS, within UPLOAD_QUOTA_MB per organization)."""
    status = models.CharField(max_length=16, choices=UploadStatus.choices)
    row_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=list, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
