from typing import ClassVar

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from community.choices import ConsentPurpose
from community.models import (
    CommunityMember,
    Compensation,
    EngagementEvent,
    FeedbackItem,
    ParticipantCount,
)
from community.selectors import people_shown_to
from community.services import ANSWER_FIELDS, EVENT_FIELDS
from core.forms import DATE
from initiatives.selectors import member_users, partner_organizations
from measurement.forms import offer_categories
from measurement.models import ReportingPeriod


class PeopleForm(forms.ModelForm):
    """A form of the initiative's work that names its people: each of ``member_fields``
    offers the initiative's members, named as the viewer may see them, and each of
    ``partner_fields`` its partner organizations. Build it with ``initiative=`` and
    ``people=people_shown_to(…)``."""

    member_fields: ClassVar[tuple[str, ...]] = ()
    partner_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args, initiative, people, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.member_fields:
            self.fields[name].queryset = member_users(initiative=initiative)
            self.fields[name].label_from_instance = people.user
        for name in self.partner_fields:
            self.fields[name].queryset = partner_organizations(initiative=initiative)


class PeopleFormSet(forms.BaseInlineFormSet):
    """The rows of a record that name people (their form takes ``initiative=`` and
    ``people=``), built with ``initiative=`` and the ``viewer`` they are named to."""

    def __init__(self, *args, initiative, viewer, **kwargs):
        people = people_shown_to(user=viewer, initiative=initiative)
        super().__init__(*args, form_kwargs={"initiative": initiative, "people": people}, **kwargs)


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = FeedbackItem
        fields = ["body", "theme"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class FeedbackAnswerForm(forms.ModelForm):
    """The answer, and — separately — what "you said, we did" publishes. Nothing here is
    filled in from what the person wrote: staff write the public text themselves."""

    publish = forms.BooleanField(
        label=_("Publish on “You said, we did”"),
        required=False,
        help_text=_(
            "Every member will read “You said” and the answer. Tick only once you have checked "
            "that both are in our words, name no one and say nothing that points to one person."
        ),
    )

    class Meta:
        model = FeedbackItem
        fields = ANSWER_FIELDS
        widgets = {
            "public_response": forms.Textarea(attrs={"rows": 4}),
            "public_summary": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "public_response": _(
                "What was done with it, in words the person will understand — ideally in the "
                "language they wrote in. They read it beside their feedback."
            )
        }

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = initiative.decisions.all()
        self.fields["activity"].queryset = initiative.activities.select_related("organization")
        self.fields["publish"].initial = self.instance.is_published


class MemberForm(PeopleForm):
    purposes = forms.MultipleChoiceField(
        label=_("They agreed to"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Language they agreed in"), choices=settings.LANGUAGES)

    class Meta:
        model = CommunityMember
        fields = ["name", "email", "phone", "neighbourhood", "has_lived_experience", "user"]
        help_texts = {"user": _("If they have an account in Yachad.")}

    member_fields = ("user",)


class EventForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = EngagementEvent
        fields = [*EVENT_FIELDS, "indicators"]
        widgets = {
            "held_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "indicators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = initiative.indicators.active()


class ParticipantCountForm(forms.ModelForm):
    class Meta:
        model = ParticipantCount
        fields = ["category", "count"]

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        offer_categories(self.fields["category"], initiative=initiative)


class CompensationForm(forms.ModelForm):
    class Meta:
        model = Compensation
        fields = ["people", "amount", "paid_on", "note"]
        widgets = {"paid_on": DATE}


# Build with form_kwargs={"initiative": …}: the groups offered are its dimensions' categories.
ParticipantCountFormSet = forms.inlineformset_factory(
    EngagementEvent, ParticipantCount, form=ParticipantCountForm, extra=3, can_delete=True
)
CompensationFormSet = forms.inlineformset_factory(
    EngagementEvent, Compensation, form=CompensationForm, extra=1, can_delete=True
)


class InterpretationForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None)
    period = forms.ModelChoiceField(label=_("Period"), queryset=None)
    text = forms.CharField(
        label=_("What we see in the data"), widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = (
            event.indicators.all() or event.initiative.indicators.active()
        )
        self.fields["period"].queryset = ReportingPeriod.objects.filter(
            initiative=event.initiative
        ).order_by("-start")
