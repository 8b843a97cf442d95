"""Dates, numbers and money in the reader's language and the initiative's conventions
(core.formats): the pure functions, the template filters, and pages and e-mails of an
initiative written as in its country."""

from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.template import Context, Template
from django.utils import translation

from conditions import services as conditions_services
from conditions.models import FeedPost
from core import formats
from initiatives.models import Initiative
from tests.factories.community import EngagementEventFactory
from tests.factories.conditions import MeetingFactory

DAY = date(2026, 11, 30)
MOMENT = datetime(2026, 12, 14, 1, 56, tzinfo=UTC)


def _locale(language, country):
    return formats.formatting_locale(language, country)


# ---- The pure functions ----


def test_an_english_reader_of_an_israeli_initiative_reads_the_day_first():
    assert formats.date_text(DAY, _locale("en", "IL")) == "30 Nov 2026"
    assert formats.date_text(DAY, _locale("en", "IL"), short=True) == "30/11/2026"


def test_an_english_reader_of_an_american_initiative_reads_the_month_first():
    assert formats.date_text(DAY, _locale("en", "US")) == "Nov 30, 2026"
    assert formats.date_text(DAY, _locale("en", "US"), short=True) == "11/30/2026"


def test_a_hebrew_reader_of_an_israeli_initiative_reads_hebrew_month_names():
    assert str(_locale("he", "IL")) == "he_IL"
    assert formats.date_text(DAY, _locale("he", "IL")) == "30 בנוב׳ 2026"


def test_a_language_without_the_country_in_cldr_falls_back_to_the_bare_language():
    assert str(_locale("he", "US")) == "he"
    assert str(_locale("ar", "AQ")) == "ar"
    assert str(_locale("en", "")) == "en"


def test_a_moment_is_written_in_the_given_time_zone_to_the_minute():
    from zoneinfo import ZoneInfo

    jerusalem = ZoneInfo("Asia/Jerusalem")
    assert formats.datetime_text(MOMENT, _locale("en", "IL"), jerusalem) == "14 Dec 2026, 3:56"
    assert (
        formats.datetime_text(MOMENT, _locale("en", "US"), UTC, short=True)
        == "12/14/2026, 1:56\u202fAM"
    )


def test_numbers_have_exactly_their_decimal_places():
    assert formats.number_text(1234.56, _locale("en", "US"), 1) == "1,234.6"
    assert formats.number_text(3, _locale("en", "US"), 2) == "3.00"
    assert formats.number_text(1234.5, _locale("de", "DE"), 1) == "1.234,5"
    assert formats.percent_text(41.25, _locale("en", "US"), 2) == "41.25%"


def test_money_carries_its_currency_symbol_and_whole_amounts_no_cents():
    assert formats.money_text(1500, _locale("en", "IL"), "ILS") == "₪1,500"
    assert formats.money_text(1500.5, _locale("en", "US"), "USD") == "$1,500.50"
    assert "₪" in formats.money_text(1500, _locale("he", "IL"), "ILS")


def test_an_initiative_without_a_currency_uses_its_countrys():
    assert formats.Conventions("IL", "").money_currency == "ILS"
    assert formats.Conventions("IL", "EUR").money_currency == "EUR"


def test_a_difference_has_a_true_minus_sign_and_its_unit():
    locale = _locale("en", "US")
    assert formats.difference_text(-27, locale, 1, "points") == "\u221227.0 points"
    assert formats.difference_text(3.44, locale, 1, "days") == "+3.4 days"
    assert formats.difference_text(-0.01, locale, 1) == "0.0"


# ---- The filters ----


class _Israeli:
    country, currency = "IL", ""


def _render(source, autoescape=True, **context):
    return Template("{% load formats %}" + source).render(Context(context, autoescape=autoescape))


def test_filters_isolate_values_in_bdi_in_html():
    with formats.conventions_of(_Israeli()), translation.override("en"):
        assert _render("{{ day|local_date }}", day=DAY) == "<bdi>30 Nov 2026</bdi>"
        assert _render("{{ amount|money }}", amount=1500) == "<bdi>₪1,500</bdi>"
        assert _render("{{ gap|points }}", gap=-0.8) == "<bdi>\u22120.8 points</bdi>"


def test_filters_write_plain_text_where_autoescaping_is_off():
    with formats.conventions_of(_Israeli()), translation.override("en"):
        assert _render("{{ day|local_date }}", autoescape=False, day=DAY) == "30 Nov 2026"


def test_an_empty_value_is_left_to_default():
    assert _render('{{ day|local_date|default:"—" }}', day=None) == "—"


# ---- Pages and e-mails of an initiative ----


@pytest.mark.django_db
@pytest.mark.parametrize(("country", "written"), [("IL", "30 Nov 2026"), ("US", "Nov 30, 2026")])
def test_an_initiatives_pages_write_dates_as_in_its_country(
    client, world, backbone_staff, country, written
):
    Initiative.objects.filter(pk=world.initiative.pk).update(country=country)
    MeetingFactory(initiative=world.initiative, title="Steering", held_on=DAY)
    client.force_login(backbone_staff)
    page = client.get(world.url("conditions:meeting-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert f"<bdi>{written}</bdi>" in page.content.decode()


@pytest.mark.django_db
def test_an_events_payments_are_in_the_initiatives_currency(client, world, backbone_staff):
    Initiative.objects.filter(pk=world.initiative.pk).update(country="IL")
    EngagementEventFactory(initiative=world.initiative)
    client.force_login(backbone_staff)
    page = client.get(world.url("community:event-list"))
    assert "₪" in page.content.decode()


@pytest.mark.django_db
def test_the_weekly_digest_is_written_for_the_initiatives_country_in_plain_text(
    world, backbone_staff
):
    Initiative.objects.filter(pk=world.initiative.pk).update(country="IL")
    world.initiative.refresh_from_db()
    FeedPost.objects.create(initiative=world.initiative, title="News", body="x")
    FeedPost.objects.update(created_at=datetime(2026, 11, 18, 10, tzinfo=UTC))
    with translation.override("en"):
        conditions_services.digest_send(initiative=world.initiative, today=date(2026, 11, 23))
    message = mail.outbox[0]
    assert "16 Nov 2026" in message.subject
    assert "16 Nov 2026" in message.body
    assert "<bdi>" not in message.body


@pytest.mark.django_db
def test_a_backbone_admin_chooses_the_country_and_currency(client, world, backbone_admin):
    client.force_login(backbone_admin)
    page = client.post(
        world.url("initiatives:initiative-formats"), {"country": "IL", "currency": "EUR"}
    )
    assert page.status_code == 302
    world.initiative.refresh_from_db()
    assert (world.initiative.country, world.initiative.currency) == ("IL", "EUR")


@pytest.mark.django_db
def test_a_country_that_does_not_exist_is_refused(client, world, backbone_admin):
    client.force_login(backbone_admin)
    client.post(world.url("initiatives:initiative-formats"), {"country": "XX", "currency": ""})
    world.initiative.refresh_from_db()
    assert world.initiative.country == "US"


@pytest.mark.django_db
def test_backbone_staff_cannot_choose_the_country(client, world, backbone_staff):
    client.force_login(backbone_staff)
    page = client.post(
        world.url("initiatives:initiative-formats"), {"country": "IL", "currency": ""}
    )
    assert page.status_code == 403
