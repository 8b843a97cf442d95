"""The demo: River City Cradle to Career, an initiative in a mixed Jewish–Arab city, with some
of everything Yachad keeps — three years of partners' numbers, the five conditions' tools, the
equity strategies and the community's voice — and one account for each role. ``make demo``
loads it with ``manage.py load_demo`` (``--today`` pins the day it is loaded as of); the tests
and the browser journeys load it too.

The app sits on top of the others (it may import every app; only ``config`` and the tests
import it) and is laid out in two halves:

- ``demo/data/`` — the tables: what the demo holds, one module per app it fills (``people``,
  ``initiative``, ``measurement``, ``conditions``, ``equity``, ``community``). Plain tuples and
  dataclasses with the Hebrew and Arabic beside the English; dates are days from the day of the
  load. Change the story here.
- ``demo/load/`` — the loaders: read the tables and make every record through its app's
  services, so the demo goes through the same checks as a person would and each model is made
  in one place. ``demo_load`` (``load/__init__.py``) runs them in order; ``calendar`` turns the
  day of the load into quarters and dates; ``cast`` says who acts; ``definitions`` imports the
  definitions through the definitions file's service; ``numbers`` draws the partners' numbers
  from a seeded generator. Their only writes of their own: forgetting the demo as it stood,
  the demo accounts (no service makes accounts with a published password), and moving the
  time stamps services give (now) back to when the story says things happened
  (``calendar.backdate``).

Where the services did not cover something people need, the service was added to its app
(answers and ratings collected on paper, feedback heard in person) rather than written here.
"""
