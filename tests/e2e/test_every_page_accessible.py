"""Every page each role can reach, in English, Hebrew and Arabic, at a desktop's and a phone's
width: no axe-core violation of any impact, and no sideways scrolling on the phone.

The pages are found, not listed: each visitor's pages are crawled from its home by following
the links the pages themselves offer, so a new page is covered as soon as anything links to
it. One page per URL name is scanned for each visitor (a second indicator's page has the
template of the first). axe-core is the packaged build in tests/e2e/vendor (never a CDN),
run through the DevTools protocol, which the Content Security Policy does not apply to."""

from collections import defaultdict, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.choices import Role
from initiatives import services as initiatives_services
from measurement import services
from tests.conftest import CHROMIUM
from tests.e2e.conftest import CHROMIUM_ARGS, Visitor, account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
LANGUAGES = ("en", "he", "ar")
DESKTOP, PHONE = 1366, 390

# Who crawls, from where. None: no account (the share link's reader, or anyone at the door).
VISITORS = {
    "backbone-admin": "backbone@example.org",
    "backbone-staff": "staff@example.org",
    "partner-editor": "partner@example.org",
    "partner-viewer": "partner-viewer@example.org",
    "funder": "funder@example.org",
    "community-member": "community@example.org",
    "share-link": None,
    "signed-out": None,
}

# Not pages of Yachad's own: the Django admin (superusers' back office) and the API's
# browsable and generated documentation, which their libraries draw.
NOT_CRAWLED = ("/admin/", "/api/", "/static/", "/media/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href") and "download" not in attributes:
            self.hrefs.append(attributes["href"])


def _route(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(client: Client, *homes: str) -> list[str]:
    """The HTML pages reachable from ``homes`` by links, one per URL name, in the order met."""
    seen_routes: set[str] = set()
    seen_paths: set[str] = set()
    pages: list[str] = []
    queue = deque(homes)
    while queue:
        path = queue.popleft()
        if path in seen_paths:
            continue
        seen_paths.add(path)
        route = _route(urlsplit(path).path)
        if route is None or route in seen_routes:
            continue
        response = client.get(path, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        final = response.request["PATH_INFO"]
        if response.request.get("QUERY_STRING"):
            final += "?" + response.request["QUERY_STRING"]
        final_route = _route(response.request["PATH_INFO"])
        if final_route is None or final_route in seen_routes:
            continue
        seen_routes.add(final_route)
        pages.append(final)
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            target = urlsplit(urljoin(final, href))
            if target.netloc not in ("", "testserver") or target.scheme not in ("", "http"):
                continue
            if target.path.startswith(NOT_CRAWLED) or target.path.endswith("/logout/"):
                continue
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return pages


@dataclass(frozen=True)
class Finding:
    language: str
    width: int
    path: str
    rule: str
    detail: str

    def __str__(self):
        return f"{self.language} {self.width}px {self.path}: {self.rule}: {self.detail}"


def scan(tab: Visitor, path: str, language: str) -> list[Finding]:
    """axe at both widths, and the phone's sideways scrolling, for one page already open."""
    findings = []
    for width in (DESKTOP, PHONE):
        tab.page.set_viewport_size({"width": width, "height": 900})
        tab.charts_fit()
        results = tab.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        for violation in results:
            for node in violation["nodes"][:3]:
                where = " ".join(map(str, node["target"]))
                detail = f"[{violation['impact']}] {where} {node['html'][:160]}"
                findings.append(Finding(language, width, path, violation["id"], detail))
        if width == PHONE:
            overflow = tab.page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                findings.append(
                    Finding(
                        language,
                        width,
                        path,
                        "scrolls-sideways",
                        f"{overflow}px wider than the screen",
                    )
                )
    return findings


def scan_in(language: str, base_url: str, pages: list[str], cookies: list[dict]) -> list[Finding]:
    """Every page in one language, in a browser of this thread's own."""
    from playwright.sync_api import sync_playwright

    findings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            tab = Visitor(browser, base_url)
            tab.context.add_cookies(
                [*cookies, {"name": "django_language", "value": language, "url": base_url}]
            )
            for path in pages:
                tab.goto(path)
                if tab.page.locator("[data-figure]").count():
                    tab.charts_drawn()
                tab.page.evaluate(AXE_SOURCE)
                findings.extend(scan(tab, path, language))
                findings.extend(
                    Finding(language, DESKTOP, path, "console-error", error)
                    for error in tab.console_errors
                )
                tab.console_errors.clear()
        finally:
            browser.close()
    return findings


def _doors(demo) -> list[str]:
    """Where someone without a session comes in: the sign-in page, and the links e-mails
    carry, which no page links to — a new password's and an invitation's."""
    someone = account("partner@example.org")
    reset = reverse(
        "accounts:password-reset-confirm",
        args=[
            urlsafe_base64_encode(force_bytes(someone.pk)),
            default_token_generator.make_token(someone),
        ],
    )
    links: list[str] = []

    def accept_url_for(token: str) -> str:
        links.append(reverse("initiatives:invitation-accept", args=[token]))
        return links[-1]

    initiatives_services.invitation_create(
        actor=account("backbone@example.org"),
        initiative=demo,
        email="newcomer@example.org",
        role=Role.COMMUNITY_MEMBER,
        organization=None,
        accept_url_for=accept_url_for,
    )
    return ["/accounts/login/", reset, *links]


@pytest.mark.parametrize("who", VISITORS)
def test_every_page_passes_axe_in_three_languages_on_desktop_and_phone(
    who, browser, live_server, demo
):
    # ``browser`` is unused but for its check: no Chromium fails the test under CI's rules.
    client = Client()
    email = VISITORS[who]
    if email:
        client.force_login(account(email))
        homes = ["/"]
    elif who == "share-link":
        link = services.share_link_create(
            actor=account("backbone@example.org"), initiative=demo, label="Board", days=30
        )
        homes = [f"/s/{link.token}/"]
    else:
        homes = _doors(demo)
    pages = crawl(client, *homes)
    # Even the doors have four pages (signing in, a forgotten password, a new password from
    # the e-mail's link, an invitation); any role has more.
    assert len(pages) >= 4, f"the crawl from {homes} found only {pages}"

    if email:
        get_user_model().objects.filter(email=email).update(language="")
    session = client.cookies.get("sessionid")
    cookies = (
        [{"name": "sessionid", "value": session.value, "url": live_server.url}] if session else []
    )
    findings = scan_in_every_language(live_server.url, pages, cookies)
    assert not findings, f"{who}: {len(pages)} pages crawled\n{report(findings)}"


def test_the_first_run_page_passes_axe_in_three_languages_on_desktop_and_phone(
    browser, live_server
):
    # ``browser`` is unused but for its check, as above. Only an installation without any
    # account has this page, so it is scanned on its own, without the demo.
    first_run = reverse("initiatives:first-run")
    assert Client().get(first_run).status_code == 200  # the page itself, not a redirection
    findings = scan_in_every_language(live_server.url, [first_run], [])
    assert not findings, report(findings)


def scan_in_every_language(base_url: str, pages: list[str], cookies: list[dict]) -> list[Finding]:
    # The three languages are scanned at once, each by its own browser in its own thread (a
    # Playwright instance per thread, as Playwright requires), so that the waits of one
    # overlap the work of another. The language comes from the switcher's cookie, so a
    # signed-in person's own choice is left empty by the caller.
    with ThreadPoolExecutor(max_workers=len(LANGUAGES)) as pool:
        scans = pool.map(lambda language: scan_in(language, base_url, pages, cookies), LANGUAGES)
        return [finding for language_findings in scans for finding in language_findings]


def report(findings: list[Finding]) -> str:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_rule[finding.rule].append(finding)
    return "\n".join(
        f"{rule}: {len(items)} on {len({(f.path, f.language, f.width) for f in items})} scans\n"
        + "\n".join(f"  {item}" for item in items[:12])
        for rule, items in sorted(by_rule.items())
    )
