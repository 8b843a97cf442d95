from collections.abc import Mapping

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.choices import NoticeKind


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


# What each kind of notice is, to whom it goes.
NOTICE_KIND_HELP = {
    NoticeKind.DUE_SOON: _(
        "A week and a day before your organization's data for a period is due (partner editors)."
    ),
    NoticeKind.OVERDUE: _(
        "A day and a week after the due date, while your organization's data has not been "
        "submitted (partner editors)."
    ),
    NoticeKind.RETURNED: _(
        "When the backbone team returns your organization's data with a comment (partner editors)."
    ),
    NoticeKind.APPROVED: _(
        "When the backbone team approves your organization's data (partner editors)."
    ),
    NoticeKind.BACKBONE_DIGEST: _(
        "On Mondays: submissions waiting for review, organizations overdue, returned data not "
        "yet sent again (backbone reviewers)."
    ),
}


class NoticePreferencesForm(forms.Form):
    """A person's language, and for each kind of notice whether it comes by e-mail and in
    their list of notices: fields ``email_<kind>`` and ``app_<kind>``."""

    def __init__(self, *args, current: Mapping[str, tuple[bool, bool]], language: str, **kwargs):
        kwargs.setdefault("initial", {"language": language})
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"),
            required=False,
            choices=[
                ("", _("The browser's language (messages in the site's language)")),
                *settings.LANGUAGES,
            ],
        )
        for kind in NoticeKind:
            by_email, in_app = current[kind]
            self.fields[f"email_{kind}"] = forms.BooleanField(
                label=_("By e-mail"), required=False, initial=by_email
            )
            self.fields[f"app_{kind}"] = forms.BooleanField(
                label=_("In my notices"), required=False, initial=in_app
            )

    def kinds(self) -> list[dict]:
        """One row per kind for the page: its name, what it is, and its two fields."""
        return [
            {
                "label": kind.label,
                "help": NOTICE_KIND_HELP[kind],
                "email": self[f"email_{kind}"],
                "app": self[f"app_{kind}"],
            }
            for kind in NoticeKind
        ]

    def choices(self) -> dict[str, tuple[bool, bool]]:
        data = self.cleaned_data
        return {kind: (data[f"email_{kind}"], data[f"app_{kind}"]) for kind in NoticeKind}
