"""Definitions an initiative can start from: shipped sets of results, dimensions and
indicators in the format of ``definitions_import`` (docs/formats.md), one JSON file each."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class DefinitionTemplate:
    key: str
    name: Promise
    description: Promise

    def definitions(self) -> dict:
        return json.loads((_HERE / f"{self.key}.json").read_text(encoding="utf-8"))


TEMPLATES = (
    DefinitionTemplate(
        "cradle_to_career",
        _("Cradle to career"),
        _(
            "The education milestones cradle-to-career partnerships track, from kindergarten "
            "readiness to a first job: four results and seven rates, broken down by gender "
            "and family income."
        ),
    ),
)


def template_named(key: str) -> DefinitionTemplate | None:
    return next((template for template in TEMPLATES if template.key == key), None)
