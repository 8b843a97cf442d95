from django import forms

from community.models import FeedbackItem


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = FeedbackItem
        fields = ["body", "theme"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
