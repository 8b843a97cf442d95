"""Which of the definitions' fields people read in their own language."""

from core.translation import register_translated
from measurement.models import Category, Dimension, Indicator

register_translated(
    {
        Dimension: ("name", "description"),
        Category: ("name",),
        Indicator: Indicator.TRANSLATED,
    }
)
