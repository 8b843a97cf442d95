from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class InvitationAcceptForm(forms.Form):
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

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and password != cleaned.get("password_confirm"):
            self.add_error("password_confirm", _("The two passwords differ."))
        elif password:
            user = get_user_model()(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


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


class CodeForm(forms.Form):
    """A code from the authenticator app or, where ``backup`` is allowed, a backup code."""

    code = forms.CharField(label=_("Code"), max_length=20)

    def __init__(self, *args, backup: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        attrs = {"autocomplete": "one-time-code", "autofocus": True, "dir": "ltr"}
        if backup:
            self.fields["code"].help_text = _(
                "The six digits your authenticator app shows, or one of your backup codes."
            )
        else:
            attrs["inputmode"] = "numeric"
            self.fields["code"].help_text = _("The six digits your authenticator app shows.")
        self.fields["code"].widget.attrs.update(attrs)


class TwoFactorDisableForm(forms.Form):
    proof = forms.CharField(
        label=_("Your password, or a code from your app"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
