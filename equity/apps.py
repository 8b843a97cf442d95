from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquityConfig(AppConfig):
    name = "equity"
    verbose_name = _("Equity")

    def ready(self):
        from conditions import questions
        from equity import assessment
        from initiatives.choices import AssessmentKind

        questions.register_questions(
            AssessmentKind.EQUITY, assessment.QUESTIONS, assessment.topic_name
        )
