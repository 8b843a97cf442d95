from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from core import formats
from core.forms import DATE
from core.translation import translated_fields
from initiatives.choices import PartnershipRole, Sector
from initiatives.models import Initiative, InstallationSettings, Organization, Result
from initiatives.selectors import partner_organizations
from measurement.forms import DefinitionsSourceForm


class RoleOrganizationForm(forms.Form):
    """A role, and for partner roles the organization the person speaks for."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=None,
        required=False,
        help_text=_("Required for partner roles."),
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = partner_organizations(initiative=initiative)


class InviteForm(RoleOrganizationForm):
    email = forms.EmailField(label=_("Email address"))
    field_order = ["email", "role", "organization"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].help_text = _(
            "Required for partner roles. Organizations are added on the Organizations page."
        )


class TwoFactorRequirementForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["require_two_factor"]


class StaffSharingForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["staff_may_share"]


class InitiativeFormatsForm(forms.ModelForm):
    """The country whose conventions dates, numbers and money follow, and the currency,
    chosen by their names in the admin's language."""

    class Meta:
        model = Initiative
        fields = ["country", "currency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or settings.LANGUAGE_CODE
        self.fields["country"].widget = forms.Select(choices=formats.country_choices(language))
        self.fields["currency"].widget = forms.Select(
            choices=[("", _("The country's currency")), *formats.currency_choices(language)]
        )


# ---- Organizations taking part ----


class PartnershipFieldsForm(forms.Form):
    """An organization's part in the initiative: its role and when it joined."""

    role = forms.ChoiceField(
        label=_("Takes part as"), choices=PartnershipRole.choices, initial=PartnershipRole.PARTNER
    )
    joined_on = forms.DateField(label=_("Joined on"), required=False, widget=DATE)


class OrganizationForm(PartnershipFieldsForm):
    """An organization's own fields — the same in every initiative it takes part in — and its
    part in this one."""

    # A name in each language, as the model's translated fields are; one is enough (the model
    # refuses none, beside the first).
    name_en, name_he, name_ar = forms.fields_for_model(
        Organization, fields=translated_fields("name")
    ).values()
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices, initial=Sector.NONPROFIT)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    field_order = [*translated_fields("name"), "sector", "website", "role", "joined_on"]


class OrganizationCreateForm(OrganizationForm):
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        required=False,
        help_text=_(
            "How files and the API name it, the same in every initiative. Left blank, it is "
            "made from the name."
        ),
    )
    field_order = [*translated_fields("name"), "code", "sector", "website", "role", "joined_on"]


class PartnershipAddForm(PartnershipFieldsForm):
    """An organization the installation already knows, to take part in this initiative."""

    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)
    field_order = ["organization", "role", "joined_on"]

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.exclude(
            partnerships__initiative=initiative
        )


class OrganizationMergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=None,
        help_text=_("The organization to keep: everything of the duplicate becomes its."),
    )

    def __init__(self, *args, initiative, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Organization.objects.filter(
            partnerships__initiative=initiative
        ).exclude(pk=duplicate.pk)


# ---- Common agenda ----


class RevisionNoteMixin(forms.Form):
    note = forms.CharField(
        label=_("What changed and why"),
        max_length=300,
        help_text=_("Kept in the agenda's history, so partners can follow how it evolved."),
    )


class AgendaForm(RevisionNoteMixin, forms.ModelForm):
    class Meta:
        model = Initiative
        fields = translated_fields("vision", "problem_statement", "population_focus", "geography")
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in translated_fields("vision", "problem_statement", "population_focus")
        }


class ResultForm(RevisionNoteMixin, forms.ModelForm):
    class Meta:
        model = Result
        fields = ["code", *translated_fields("title", "description"), "order"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2}) for name in translated_fields("description")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = False
        self.fields["note"].help_text = _("Optional; the history says which result changed.")


# ---- Invitations and API tokens ----


class NewAccountForm(forms.Form):
    """A name and a password chosen twice, checked against the password rules for the person
    with ``email`` (or, on a form that asks for it, the e-mail address typed)."""

    full_name = forms.CharField(label=_("Your name"), max_length=200)
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password_confirm = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.account_email = email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and password != cleaned.get("password_confirm"):
            self.add_error("password_confirm", _("The two passwords differ."))
        elif password:
            user = get_user_model()(
                email=cleaned.get("email") or self.account_email,
                full_name=cleaned.get("full_name", ""),
            )
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


# Accepting an invitation: a new account for the address invited.
InvitationAcceptForm = NewAccountForm


# ---- Starting an initiative ----


class InitiativeStartForm(DefinitionsSourceForm):
    """A new initiative: its name, short name and backbone organization, and what its
    definitions start from."""

    name = forms.CharField(
        label=_("Name of the initiative"),
        max_length=200,
        help_text=_("As partners and funders know it, e.g. “River City Reads”."),
    )
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=60,
        required=False,
        help_text=_(
            "Letters, digits and hyphens, for addresses and files (river-city-reads). "
            "Left empty, it is made from the name."
        ),
    )
    backbone = forms.CharField(
        label=_("Backbone organization"),
        max_length=200,
        help_text=_("The organization that coordinates the initiative: usually yours."),
    )
    field_order = ["name", "slug", "backbone", "start_from", "definitions_file"]

    def initiative_fields(self) -> list:
        return [self[name] for name in ("name", "slug", "backbone")]


class FirstRunForm(NewAccountForm, InitiativeStartForm):
    """The first run of an empty installation: its administrator, then their initiative."""

    email = forms.EmailField(label=_("Your email address"))
    field_order = [
        "full_name",
        "email",
        "password",
        "password_confirm",
        *InitiativeStartForm.field_order,
    ]

    def person_fields(self) -> list:
        return [self[name] for name in ("full_name", "email", "password", "password_confirm")]

    def person(self) -> dict:
        return {
            "email": self.cleaned_data["email"],
            "full_name": self.cleaned_data["full_name"],
            "password": self.cleaned_data["password"],
        }


class InstallationSettingsForm(forms.ModelForm):
    class Meta:
        model = InstallationSettings
        fields = ["anyone_may_start_initiatives"]


class ApiTokenForm(forms.Form):
    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=None)
    name = forms.CharField(
        label=_("What it is for"),
        max_length=100,
        help_text=_("So you recognise it later, e.g. “nightly export from our student system”."),
    )

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
        if len(initiatives) == 1:
            self.fields["initiative"].initial = initiatives[0]
