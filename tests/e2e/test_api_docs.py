"""The API's documentation page in a real browser: Swagger UI draws the generated OpenAPI
description from files served by Yachad itself — nothing from a CDN, no console errors."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_page_works_offline(visitor, world, partner_a):
    tab = visitor(signed_in=partner_a)
    tab.goto("/api/v1/docs/")
    tab.page.wait_for_selector(".swagger-ui .info .title")
    assert "Yachad API" in tab.page.locator(".swagger-ui .info .title").inner_text()
    tab.page.wait_for_selector("text=/api/v1/initiatives/{slug}/values/")
    tab.screenshot("api-docs")
    tab.assert_clean()
