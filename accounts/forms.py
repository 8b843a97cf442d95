from django import forms
from django.utils.translation import gettext_lazy as _


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
