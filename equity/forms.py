from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from community.forms import PeopleForm, PeopleFormSet
from core.forms import DATE, InitiativeModelForm
from equity.choices import SystemsCondition
from equity.models import Commitment, Decision, DecisionBody, Seat, SystemsChangeEffort
from equity.services import (
    BODY_FIELDS,
    COMMITMENT_FIELDS,
    DECISION_FIELDS,
    EFFORT_FIELDS,
    SEAT_FIELDS,
)


class CommitmentForm(PeopleForm):
    member_fields = ("owner",)
    partner_fields = ("organization",)

    class Meta:
        model = Commitment
        fields = COMMITMENT_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "due_date": DATE,
        }


class DecisionBodyForm(InitiativeModelForm):
    offered = {"working_group": "working_groups"}

    class Meta:
        model = DecisionBody
        fields = BODY_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class SeatForm(PeopleForm):
    partner_fields = ("organization",)

    class Meta:
        model = Seat
        fields = SEAT_FIELDS
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, initiative, people, **kwargs):
        super().__init__(*args, initiative=initiative, people=people, **kwargs)
        # People who consent, and whoever already holds this seat (even if they withdrew since).
        self.fields["member"].queryset = initiative.community_members.filter(
            Q(anonymized_at__isnull=True) | Q(pk=self.instance.member_id)
        )
        self.fields["member"].label_from_instance = people.member
        self.fields["member"].help_text = ""
        self.fields["holder"].help_text = ""


# Build with initiative= and viewer=.
SeatFormSet = forms.inlineformset_factory(
    DecisionBody, Seat, form=SeatForm, formset=PeopleFormSet, extra=3, can_delete=True
)


class DecisionForm(InitiativeModelForm):
    offered = {"body": "decision_bodies", "meeting": "meetings"}

    class Meta:
        model = Decision
        fields = DECISION_FIELDS
        widgets = {
            "decided_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "engagement_level": forms.RadioSelect,
        }


class SystemsChangeEffortForm(forms.ModelForm):
    conditions = forms.MultipleChoiceField(
        label=_("Conditions it changes"),
        choices=SystemsCondition.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SystemsChangeEffort
        fields = [*EFFORT_FIELDS, "indicators"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "indicators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, initiative, organizations, organization_required, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].required = organization_required
        self.fields["indicators"].queryset = initiative.indicators.active().order_by(
            "result__order", "order", "code"
        )
