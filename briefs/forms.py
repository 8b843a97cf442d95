from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from briefs.models import BriefSchedule
from core.charts import isolate

OUTPUTS = [("page", _("Open the print page")), ("pdf", _("Download the PDF"))]


class BriefChoiceForm(forms.Form):
    """Which brief to open: a period with results, a language, the page or the PDF."""

    period = forms.ChoiceField(label=_("Period"))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    # The form's two buttons: the print page or the PDF.
    output = forms.ChoiceField(choices=OUTPUTS, required=False)

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        # An <option> holds no <bdi>: the code is set apart by Unicode isolates instead.
        self.fields["period"].choices = [
            (
                p.period.code,
                f"{isolate(p.period.code)} · {_('final') if p.final else _('provisional')}",
            )
            for p in periods
        ]


class BriefScheduleForm(forms.ModelForm):
    class Meta:
        model = BriefSchedule
        fields = ["send_by_email"]
