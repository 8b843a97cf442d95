"""Serve plotly.js from the copy inside the installed plotly package, so the bundle always
matches the Python library that builds the figures and nothing is fetched from a CDN."""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_STATIC_PATH = "vendor/plotly/plotly.min.js"


class PlotlyJsFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=Path(plotly.__file__).parent / "package_data")
        self.storage.prefix = "vendor/plotly"

    def find(self, path, find_all=False, **kwargs):
        # Django's finders answer [] for "not here" whatever find_all says: staticfiles.find
        # would turn a None into [None], a match, and the request into a 500.
        if path != PLOTLY_STATIC_PATH:
            return []
        found = self.storage.path("plotly.min.js")
        return [found] if find_all else found

    def list(self, ignore_patterns):
        yield "plotly.min.js", self.storage
