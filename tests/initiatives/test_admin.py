"""The Django admin stays usable for the operator: an initiative's results inline asks for each
text once per language, never again under an untranslated name."""

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.initiatives import InitiativeFactory, ResultFactory


@pytest.mark.django_db
def test_the_results_inline_has_one_column_per_language_and_no_untranslated_title(client):
    initiative = InitiativeFactory()
    ResultFactory(initiative=initiative, title="Every child reads")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("admin:initiatives_initiative_change", args=[initiative.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for language in ("en", "he", "ar"):
        assert f'name="results-0-title_{language}"' in html
    assert 'name="results-0-title"' not in html


def _result_row(client, initiative, **row):
    url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    form = client.get(url).context["adminform"].form
    data = {
        **{k: ("" if v is None else v) for k, v in form.initial.items() if not isinstance(v, list)},
        "results-TOTAL_FORMS": 1,
        "results-INITIAL_FORMS": 0,
        "results-0-code": "readers",
        "results-0-order": 0,
        **{f"results-0-{name}": value for name, value in row.items()},
        "partnerships-TOTAL_FORMS": 0,
        "partnerships-INITIAL_FORMS": 0,
    }
    return client.post(url, data)


@pytest.mark.django_db
def test_a_result_without_any_title_is_refused_with_a_message(client):
    initiative = InitiativeFactory()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = _result_row(client, initiative)
    assert response.status_code == 200
    assert "Give the result a title in at least one language." in response.content.decode()
    assert not initiative.results.exists()


@pytest.mark.django_db
def test_a_result_added_in_the_admin_in_hebrew_only_saves(client):
    initiative = InitiativeFactory()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = _result_row(client, initiative, title_he="כל ילד קורא")
    assert response.status_code == 302
    assert initiative.results.get(code="readers").title == "כל ילד קורא"
