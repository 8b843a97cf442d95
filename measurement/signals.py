"""What makes the cached completeness version stale: any saved or deleted submission, period,
partnership, reporting assignment or initiative (its completeness rule), and a renamed
organization (the pages cached under the version name it). Deletions that cascade send these
signals too, so removing an organization is seen."""

from django.db.models.signals import post_delete, post_save

from initiatives.models import Initiative, Organization, Partnership
from measurement.models import ReportingAssignment, ReportingPeriod, Submission
from measurement.selectors.completeness import completeness_changed


def _initiative_record_changed(sender, instance, **kwargs) -> None:
    completeness_changed(initiative_id=instance.initiative_id)


def _initiative_changed(sender, instance, **kwargs) -> None:
    completeness_changed(initiative_id=instance.pk)


def _organization_changed(sender, instance, **kwargs) -> None:
    for initiative_id in instance.partnerships.values_list("initiative_id", flat=True):
        completeness_changed(initiative_id=initiative_id)


def connect() -> None:
    for model in (Submission, ReportingPeriod, Partnership, ReportingAssignment):
        for signal in (post_save, post_delete):
            signal.connect(_initiative_record_changed, sender=model, dispatch_uid=f"c-{model}")
    for signal in (post_save, post_delete):
        signal.connect(_initiative_changed, sender=Initiative, dispatch_uid="c-initiative")
    post_save.connect(_organization_changed, sender=Organization, dispatch_uid="c-organization")
