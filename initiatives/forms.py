from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from initiatives.selectors import partner_organizations


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
