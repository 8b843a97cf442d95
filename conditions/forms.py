"""Forms of the five conditions' pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.forms import PeopleForm, PeopleFormSet
from community.selectors import people_shown_to, published_feedback
from conditions import questions
from conditions.choices import ActivityKind, ActivityStatus, Interaction
from conditions.models import (
    Activity,
    Assessment,
    BackboneWork,
    CurveAction,
    CurveCause,
    CurveIdea,
    CurvePartner,
    Meeting,
    WorkingGroup,
    WorkingGroupMember,
)
from conditions.services import ACTIVITY_FIELDS, WORKING_GROUP_FIELDS
from core.forms import DATE, InitiativeModelForm
from initiatives.selectors import member_users, partner_organizations

# ---- Mutually reinforcing activities ----


class WorkingGroupForm(InitiativeModelForm):
    offered = {"result": "results"}

    class Meta:
        model = WorkingGroup
        fields = WORKING_GROUP_FIELDS
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}


class WorkingGroupMemberForm(PeopleForm):
    member_fields = ("user",)
    partner_fields = ("organization",)

    class Meta:
        model = WorkingGroupMember
        fields = ["user", "name", "organization", "role", "is_community"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = ""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("user") and not cleaned.get("name", "").strip():
            raise forms.ValidationError(_("Choose a member of the initiative or type a name."))
        return cleaned


# Build with initiative= and viewer=: the people and organizations offered are its own,
# named as the viewer may see them.
WorkingGroupMemberFormSet = forms.inlineformset_factory(
    WorkingGroup,
    WorkingGroupMember,
    form=WorkingGroupMemberForm,
    formset=PeopleFormSet,
    extra=3,
    can_delete=True,
)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [*ACTIVITY_FIELDS, "results", "indicators"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
            "starts_on": DATE,
            "ends_on": DATE,
            "results": forms.CheckboxSelectMultiple,
            "indicators": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "kind": _(
                "A program or service helps people now; systems change alters the policies, "
                "practices, resources or power that hold the problem in place."
            ),
        }

    def __init__(self, *args, initiative, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0]
        self.fields["working_group"].queryset = initiative.working_groups.all()
        self.fields["results"].queryset = initiative.results.all()
        self.fields["indicators"].queryset = initiative.indicators.active().order_by(
            "result__order", "order", "code"
        )


class ActivityFilterForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ActivityKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ActivityStatus.choices]
    )
    working_group = forms.ModelChoiceField(label=_("Working group"), queryset=None, required=False)
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None, required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = partner_organizations(initiative=initiative)
        self.fields["working_group"].queryset = initiative.working_groups.all()
        self.fields["indicator"].queryset = initiative.indicators.active()

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


# ---- Continuous communication ----


class MeetingForm(PeopleForm):
    member_fields = ("attendees",)

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "working_group",
            "title",
            "held_on",
            "agenda",
            "attendees",
            "guests",
            "minutes",
            "decisions",
        ]
        widgets = {
            "held_on": DATE,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "attendees": forms.CheckboxSelectMultiple,
            "guests": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, initiative=initiative, **kwargs)
        self.fields["working_group"].queryset = initiative.working_groups.all()


class FeedPostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))


# ---- Backbone support and assessments ----


class BackboneWorkForm(forms.ModelForm):
    evidence = forms.URLField(label=_("Evidence (link)"), required=False, assume_scheme="https")

    class Meta:
        model = BackboneWork
        fields = ["function", "done_on", "description", "evidence"]
        widgets = {"done_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["kind", "title", "opens_on", "closes_on"]
        widgets = {"opens_on": DATE, "closes_on": DATE}


SCORE_CHOICES = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]


class AssessmentAnswerForm(forms.Form):
    """One row per question: a score from 1 to 5 (left blank: "don't know") and a comment."""

    def __init__(self, *args, assessment, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        previous = previous or {}
        self.questions = questions.questions_for(assessment.kind)
        for question in self.questions:
            answer = previous.get(question.code)
            self.fields[f"score_{question.code}"] = forms.TypedChoiceField(
                label=question.text,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.score if answer else None,
            )
            self.fields[f"comment_{question.code}"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                max_length=1000,
                initial=answer.comment if answer else "",
            )

    def rows(self):
        return [
            (question, self[f"score_{question.code}"], self[f"comment_{question.code}"])
            for question in self.questions
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.answers():
            raise forms.ValidationError(_("Answer at least one question."))
        return cleaned

    def answers(self) -> dict[str, dict]:
        return {
            question.code: {
                "score": self.cleaned_data[f"score_{question.code}"],
                "comment": self.cleaned_data.get(f"comment_{question.code}", ""),
            }
            for question in self.questions
            if self.cleaned_data.get(f"score_{question.code}") is not None
        }


TRUST_CHOICES = [("", "—"), (1, "1"), (2, "2"), (3, "3"), (4, "4")]


class PartnerRatingForm(forms.Form):
    """How our organization sees each other partner: whether we work together, and if we do,
    how much we trust them and how much value they bring (1 = not at all … 4 = very much)."""

    def __init__(self, *args, partners, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        previous = previous or {}
        self.partners = list(partners)
        for partner in self.partners:
            rating = previous.get(partner.pk)
            self.fields[f"interaction_{partner.pk}"] = forms.ChoiceField(
                label=_("Working together"),
                choices=Interaction.choices,
                initial=rating.interaction if rating else Interaction.NONE,
            )
            for name, label in (("trust", _("Trust")), ("value", _("Value"))):
                self.fields[f"{name}_{partner.pk}"] = forms.TypedChoiceField(
                    label=label,
                    choices=TRUST_CHOICES,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=getattr(rating, name, None),
                )

    def rows(self):
        return [
            (
                partner,
                self[f"interaction_{partner.pk}"],
                self[f"trust_{partner.pk}"],
                self[f"value_{partner.pk}"],
            )
            for partner in self.partners
        ]

    def clean(self):
        cleaned = super().clean()
        for partner in self.partners:
            if cleaned.get(f"interaction_{partner.pk}", Interaction.NONE) == Interaction.NONE:
                continue
            for name in ("trust", "value"):
                if cleaned.get(f"{name}_{partner.pk}") is None:
                    self.add_error(
                        f"{name}_{partner.pk}", _("Rate this for a partner you work with.")
                    )
        return cleaned

    def ratings(self) -> list[dict]:
        return [
            {
                "rated": partner,
                "interaction": self.cleaned_data[f"interaction_{partner.pk}"],
                "trust": self.cleaned_data.get(f"trust_{partner.pk}"),
                "value": self.cleaned_data.get(f"value_{partner.pk}"),
            }
            for partner in self.partners
        ]


# ---- Turn the Curve ----


class TurnTheCurveForm(forms.Form):
    """A new version's own fields. ``based_on`` carries the version the form started from;
    when someone saved a newer one meanwhile (``latest``), the form also offers to save this
    one anyway, after theirs."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    meeting = forms.ModelChoiceField(
        label=_("Worked on at meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("The meeting's page will list this version."),
    )
    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("A line for the history, such as “Added the school nurses' role”."),
    )

    def __init__(self, *args, initiative, latest: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["based_on"].initial = latest
        self.fields["meeting"].queryset = initiative.meetings.order_by("-held_on", "title")
        if self.is_bound and self.data.get("based_on") != str(latest):
            self.fields["save_anyway"] = forms.BooleanField(
                label=_("Save mine anyway"),
                required=False,
                help_text=_(
                    "Version %(number)s, saved while you were editing, stays in the history."
                )
                % {"number": latest},
            )


class CurveRowForm(forms.ModelForm):
    """A row of one of a Turn the Curve record's sections, offering only the initiative's
    records. Build it with ``initiative=``, ``indicator=`` and ``people=``."""

    def __init__(self, *args, initiative, indicator, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer(initiative, indicator, people)

    def offer(self, initiative, indicator, people) -> None:
        """Narrow the choices of the row's links to what the initiative has."""


class CurveCauseForm(CurveRowForm):
    class Meta:
        model = CurveCause
        fields = ["cause", "data", "data_indicator"]
        widgets = {
            "cause": forms.Textarea(attrs={"rows": 2}),
            "data": forms.Textarea(attrs={"rows": 2}),
        }

    def offer(self, initiative, indicator, people) -> None:
        self.fields["data_indicator"].queryset = initiative.indicators.active().order_by("code")


class CurvePartnerForm(CurveRowForm):
    class Meta:
        model = CurvePartner
        fields = ["partnership", "role"]
        widgets = {"role": forms.Textarea(attrs={"rows": 2})}

    def offer(self, initiative, indicator, people) -> None:
        field = self.fields["partnership"]
        field.required = True
        field.queryset = initiative.partnerships.filter(is_active=True).select_related(
            "organization"
        )
        field.label_from_instance = lambda partnership: partnership.organization.name


class CurveIdeaForm(CurveRowForm):
    class Meta:
        model = CurveIdea
        fields = ["idea", "kind", "feedback", "interpretation"]
        widgets = {"idea": forms.Textarea(attrs={"rows": 2})}

    def offer(self, initiative, indicator, people) -> None:
        feedback = self.fields["feedback"]
        feedback.queryset = published_feedback(initiative=initiative)
        # What staff wrote for publication, never the writer's own words.
        feedback.label_from_instance = lambda item: item.public_summary or item.public_response
        self.fields["interpretation"].queryset = indicator.interpretations.select_related("period")


class CurveActionForm(CurveRowForm):
    class Meta:
        model = CurveAction
        fields = ["activity", "owner", "due_on", "note"]
        widgets = {"due_on": DATE}
        help_texts = {"owner": _("Left empty: the activity's organization.")}

    def offer(self, initiative, indicator, people) -> None:
        activity = self.fields["activity"]
        activity.required = True
        activity.queryset = initiative.activities.select_related("organization")
        activity.label_from_instance = lambda a: f"{a.title} ({a.organization})"
        self.fields["owner"].queryset = member_users(initiative=initiative)
        self.fields["owner"].label_from_instance = people.user


def curve_formsets(data, *, initiative, indicator, viewer, rows: dict[str, list[dict]]) -> dict:
    """The four sections of a Turn the Curve record as formsets, by the name the service
    takes their rows by, starting from ``rows`` (the current version's)."""
    people = people_shown_to(user=viewer, initiative=initiative)
    kwargs = {"initiative": initiative, "indicator": indicator, "people": people}
    return {
        name: forms.formset_factory(form, extra=2, can_delete=True)(
            data, prefix=name, initial=rows[name], form_kwargs=kwargs
        )
        for name, form in (
            ("causes", CurveCauseForm),
            ("partners", CurvePartnerForm),
            ("ideas", CurveIdeaForm),
            ("actions", CurveActionForm),
        )
    }
