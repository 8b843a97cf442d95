"""Which of the tenancy's fields people read in their own language (core.translation has the
helpers)."""

from core.translation import register_translated
from initiatives.models import Initiative, Organization, Result

register_translated(
    {
        Initiative: ("name", "vision", "problem_statement", "population_focus", "geography"),
        Result: ("title", "description"),
        Organization: ("name",),
    }
)
