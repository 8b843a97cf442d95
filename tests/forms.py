"""What the page tests post and what they expect back: a formset's rows with the management
data the browser sends along, and a refused form that keeps what was typed."""


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    """The fields a page posts for the ``prefix`` formset: one row per dict, the first
    ``initial`` of them rows that already exist."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def assert_refused_keeping(response, *texts: str) -> None:
    """The form came back refused (400) and shows every one of ``texts``: what was typed, and
    why it was refused."""
    assert response.status_code == 400
    content = response.content.decode()
    for text in texts:
        assert text in content
