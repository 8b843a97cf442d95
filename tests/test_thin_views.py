"""Views stay thin (docs/architecture.md): a view reads its input, calls a selector or a
service, and renders or redirects. Page building goes to helpers, selectors or page builders
(measurement/pages.py), so no function in a views module grows past ~30 lines."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MOST_LINES = 30


def _view_modules():
    for pattern in ("*/views.py", "*/views/*.py"):
        for path in sorted(ROOT.glob(pattern)):
            if path.parts[len(ROOT.parts)] not in {".venv", "tests"}:
                yield path


def _body_lines(function: ast.FunctionDef) -> int:
    """Lines from the first statement after the docstring to the last."""
    body = function.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return body[-1].end_lineno - body[0].lineno + 1 if body else 0


def test_no_view_is_longer_than_thirty_lines():
    long = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({_body_lines(node)} lines)"
        for path in _view_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and _body_lines(node) > MOST_LINES
    ]
    assert long == []
