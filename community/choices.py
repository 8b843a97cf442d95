from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    CONTACT = "contact", _("Be contacted about the initiative")
    PARTICIPATION = "participation", _("Record my participation in events and decisions")
    STORIES = "stories", _("Share my words and stories, without my name")
    DEMOGRAPHICS = "demographics", _("Use my demographic answers in aggregate figures")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("Being looked at")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class EventKind(models.TextChoices):
    LISTENING = "listening", _("Listening session")
    SURVEY = "survey", _("Survey")
    FORUM = "forum", _("Community forum")
    DATA_WALK = "data_walk", _("Data walk")
    OTHER = "other", _("Other")
