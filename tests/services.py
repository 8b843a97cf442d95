"""Calling an app's save service as its page does, for the tests that record through services."""


def saved(save, world, actor, **record_and_fields):
    """What ``save`` returns when ``actor`` saves in the world's initiative: the record to
    change (None for a new one) goes under the service's own name for it, with ``fields`` and
    any other argument the service takes."""
    return save(actor=actor, initiative=world.initiative, **record_and_fields)
