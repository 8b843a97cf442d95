"""factory_boy factories, one module per app, and the helpers they share."""

import factory


def numbered(template: str) -> factory.Sequence:
    """A value unique to each object made: ``template`` with its sequence number at ``{n}``."""
    return factory.Sequence(lambda n: template.format(n=n))
