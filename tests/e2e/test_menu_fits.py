"""The menu fits: at 1366 px its five sections sit in one row for the backbone admin, who sees
the most items, in every language; on a 390-px phone it waits behind its menu button."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _section_rows(tab) -> int:
    return tab.page.evaluate(
        "new Set([...document.querySelectorAll('.nav__section')]"
        ".map(section => Math.round(section.getBoundingClientRect().top))).size"
    )


@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_the_menu_is_one_row_at_1366_pixels(visitor, world, backbone_admin, language):
    tab = visitor(signed_in=backbone_admin)
    tab.page.set_viewport_size({"width": 1366, "height": 900})
    tab.goto(f"/i/{world.initiative.slug}/")
    if language != "en":
        tab.choose_language(language)
    assert tab.page.locator(".nav__section").count() == 5
    assert _section_rows(tab) == 1
    tab.assert_clean()


def test_on_a_phone_the_menu_opens_from_its_button(visitor, world, backbone_admin):
    tab = visitor(signed_in=backbone_admin)
    tab.page.set_viewport_size({"width": 390, "height": 800})
    tab.goto(f"/i/{world.initiative.slug}/")
    menu = tab.page.locator("#main-nav")
    button = tab.page.locator("[data-menu-toggle]")
    assert menu.is_hidden()
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert menu.is_visible()
    assert button.get_attribute("aria-expanded") == "true"
    tab.page.keyboard.press("Escape")
    assert menu.is_hidden()
    tab.assert_clean()
