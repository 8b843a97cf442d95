"""The JavaScript vendored in static/vendor matches what the Python side expects of it."""

import re
from pathlib import Path

from plotly.offline import get_plotlyjs_version

VENDOR = Path(__file__).resolve().parents[1] / "static" / "vendor"


def test_the_vendored_plotly_bundle_is_the_plotly_js_the_plotly_package_builds_figures_for():
    # An upgrade of the plotly package that forgets the bundle would build figures for a
    # plotly.js the pages do not load.
    banner = (VENDOR / "plotly" / "plotly-basic.min.js").read_text()[:200]
    vendored = re.search(r"plotly\.js \(basic - minified\) v(\S+)", banner)
    assert vendored is not None, banner
    assert vendored.group(1) == get_plotlyjs_version()


def test_every_vendored_library_ships_with_its_licence():
    for library in VENDOR.iterdir():
        assert (library / "LICENSE").is_file(), library.name
