"""Form pieces every app's forms share."""

from typing import ClassVar, cast

from django import forms

# The browser's own date picker, in ISO format whatever the language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InitiativeModelForm(forms.ModelForm):
    """A form of one initiative's record whose links offer only that initiative's records:
    ``offered`` names, for each such field, the initiative's related records it offers
    (``{"result": "results"}`` offers ``initiative.results.all()``). Build it with
    ``initiative=``."""

    offered: ClassVar[dict[str, str]] = {}

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        for name, related in self.offered.items():
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = getattr(initiative, related).all()
