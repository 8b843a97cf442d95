"""Starting an initiative from the browser: the installation's first run, a new initiative,
and the definitions it starts from — a shipped template, a copy of another initiative's, or
a definitions file (docs/setup.md)."""

import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.translation import translations_of
from initiatives import roles
from initiatives import services as initiative_services
from initiatives.models import Initiative
from initiatives.roles import Perm
from measurement.definition_templates import template_named
from measurement.selectors.definitions import definitions_export
from measurement.selectors.disclosure import disclosure_policy
from measurement.services.definitions_file import DefinitionsError, definitions_import

# Where definitions come from, as the forms name it: a template's key or an initiative's slug
# after these prefixes; an uploaded file is read by ``definitions_from_file``.
FROM_TEMPLATE = "template:"
FROM_INITIATIVE = "copy:"


@dataclass(frozen=True)
class Definitions:
    """Definitions to load into an initiative, and whether their organizations join it (a
    copy of another initiative's leaves its partners behind)."""

    data: dict
    with_organizations: bool


def definitions_from_file(content: bytes) -> Definitions:
    """An uploaded definitions file. Raises DefinitionsError when it is no JSON object."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        message = _("The file is not valid JSON: %(error)s") % {"error": error}
        raise DefinitionsError([message]) from None
    return Definitions(data, with_organizations=True)


def definitions_from_source(*, actor, source: str) -> Definitions | None:
    """The definitions ``source`` names (``template:<key>`` or ``copy:<slug>``), or None for
    an empty start. Copying another initiative's takes content rights there."""
    if source.startswith(FROM_TEMPLATE):
        template = template_named(source.removeprefix(FROM_TEMPLATE))
        if template is None:
            raise ValidationError(_("There is no such template."))
        return Definitions(template.definitions(), with_organizations=False)
    if source.startswith(FROM_INITIATIVE):
        original = Initiative.objects.filter(slug=source.removeprefix(FROM_INITIATIVE)).first()
        if original is None or not roles.can(actor, original, Perm.MANAGE_CONTENT):
            raise ValidationError(_("You can copy only an initiative whose content you manage."))
        return Definitions(definitions_export(initiative=original), with_organizations=False)
    return None


@transaction.atomic
def definitions_load(*, actor, initiative: Initiative, definitions: Definitions) -> Initiative:
    """Load definitions into the initiative: records are matched by code, added or updated,
    never duplicated, and nothing else is removed. The initiative keeps its own name, common
    agenda and disclosure policy (changing that is an admin's act on its own page). All or
    nothing: DefinitionsError lists each problem with where it is."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    data = dict(definitions.data)
    data["initiative"] = {
        "slug": initiative.slug,
        **translations_of(initiative, "name"),
        "disclosure": disclosure_policy(initiative=initiative).as_dict(),
    }
    if not definitions.with_organizations:
        data.pop("organizations", None)
    return definitions_import(data=data, change_known_organizations=False)


@transaction.atomic
def initiative_start_with(
    *, actor, name: str, slug: str, backbone: str, definitions: Definitions | None
) -> Initiative:
    """A new initiative with ``actor`` as its backbone admin, loaded with ``definitions``
    if given: all of it, or nothing when the definitions have a problem."""
    initiative = initiative_services.initiative_start(
        actor=actor, name=name, slug=slug, backbone=backbone
    )
    if definitions is not None:
        definitions_load(actor=actor, initiative=initiative, definitions=definitions)
    return initiative


@transaction.atomic
def installation_start(
    *, person: dict, name: str, slug: str, backbone: str, definitions: Definitions | None
):
    """The first run of an empty installation: its administrator (``person``: email,
    full_name, password) and their initiative. Returns both."""
    user = initiative_services.first_administrator_create(**person)
    initiative = initiative_start_with(
        actor=user, name=name, slug=slug, backbone=backbone, definitions=definitions
    )
    return user, initiative
