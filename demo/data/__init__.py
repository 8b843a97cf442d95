"""What the demo holds, as plain tables: one module per app whose records it fills, read by the
loaders in ``demo.load``, which contain no content of their own.

The tables are Python (tuples and frozen dataclasses) rather than JSON or YAML because they
name the apps' choices — ``Role.PARTNER_EDITOR``, ``SeatType.COMMUNITY`` — so a renamed or
removed choice fails when the module is imported, not half-way through a load; because ruff
formats and checks them like any other code; and because the Hebrew and Arabic stay on the
lines next to the English they translate, with no parser or schema in between.

Two conventions hold in every table:

- Dates are whole days from the day the demo is loaded (``-30`` is a month ago, ``12`` is in
  twelve days), so the demo looks the same whenever it is loaded.
- Translated content is a ``Texts`` tuple in the order of ``CONTENT_LANGUAGES``: English,
  Hebrew, Arabic.
"""

Texts = tuple[str, str, str]
