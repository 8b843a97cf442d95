"""Form pieces every app's forms share."""

from django import forms

# The browser's own date picker, in ISO format whatever the language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
