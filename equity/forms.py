from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import DATE
from equity.choices import SystemsCondition
from equity.models import Commitment, Decision, DecisionBody, Seat, SystemsChangeEffort
from initiatives.selectors import member_users, partner_organizations


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = [
            "strategy",
            "kind",
            "title",
            "description",
            "owner",
            "organization",
            "due_date",
            "status",
            "evidence",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "due_date": DATE,
        }

    def __init__(self, *args, initiative, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = member_users(initiative=initiative)
        self.fields["owner"].label_from_instance = people.user
        self.fields["organization"].queryset = partner_organizations(initiative=initiative)


class DecisionBodyForm(forms.ModelForm):
    class Meta:
        model = DecisionBody
        fields = ["name", "kind", "working_group", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = initiative.working_groups.all()


class SeatForm(forms.ModelForm):
    class Meta:
        model = Seat
        fields = ["seat_type", "member", "holder", "organization", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, initiative, people, **kwargs):
        super().__init__(*args, **kwargs)
        # People who consent, and whoever already holds this seat (even if they withdrew since).
        self.fields["member"].queryset = initiative.community_members.filter(
            Q(anonymized_at__isnull=True) | Q(pk=self.instance.member_id)
        )
        self.fields["member"].label_from_instance = people.member
        self.fields["member"].help_text = ""
        self.fields["organization"].queryset = partner_organizations(initiative=initiative)
        self.fields["holder"].help_text = ""


# Build with form_kwargs={"initiative": …, "people": people_shown_to(…)}.
SeatFormSet = forms.inlineformset_factory(
    DecisionBody, Seat, form=SeatForm, extra=3, can_delete=True
)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "body",
            "decided_on",
            "title",
            "description",
            "resources",
            "engagement_level",
            "meeting",
        ]
        widgets = {
            "decided_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "engagement_level": forms.RadioSelect,
        }

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = initiative.decision_bodies.all()
        self.fields["meeting"].queryset = initiative.meetings.all()


class SystemsChangeEffortForm(forms.ModelForm):
    conditions = forms.MultipleChoiceField(
        label=_("Conditions it changes"),
        choices=SystemsCondition.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SystemsChangeEffort
        fields = [
            "organization",
            "title",
            "description",
            "conditions",
            "stage",
            "evidence",
            "indicators",
        ]
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
