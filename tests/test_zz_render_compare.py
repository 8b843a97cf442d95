"""Scratch: render every page before and after the template reformatting; compare."""
import copy
import html
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.test_authorization_matrix import ROUTES, OK, _submission_kwargs
from tests.factories.conditions import AssessmentFactory

BLOCK = "html|head|body|meta|link|title|script|div|p|ul|ol|li|table|thead|tbody|tfoot|tr|td|th|h1|h2|h3|h4|h5|h6|form|nav|header|footer|main|section|article|aside|figure|figcaption|dl|dt|dd|caption|fieldset|legend|details|summary|select|option|optgroup|progress|svg|br|hr|noscript|blockquote|pre|textarea|input|button|label|span|a|strong|em|code|time|small|abbr"
# note: inline tags included above only for whitespace normalization at tag boundaries is too lax;
# we keep a strict list for block tags and treat inline-adjacent whitespace as significant.
STRICT_BLOCK = "html|head|body|meta|link|title|script|div|p|ul|ol|li|table|thead|tbody|tfoot|tr|td|th|h1|h2|h3|h4|h5|h6|form|nav|header|footer|main|section|article|aside|figure|figcaption|dl|dt|dd|caption|fieldset|legend|details|summary|select|option|optgroup|noscript|blockquote|br|hr|colgroup|col|input|textarea"


def normalize(text):
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    text = re.sub(r'id="id_[^"]*"', "", text)
    text = html.unescape(text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*(</?(?:%s)\b[^>]*>)\s*" % STRICT_BLOCK, r"\1", text)
    text = re.sub(r"<(\w+) ([^>]*?)\s*>", lambda m: "<%s %s>" % (m.group(1), m.group(2).strip()), text)
    return text.strip()


def templates(dirs):
    t = copy.deepcopy(settings.TEMPLATES)
    t[0]["DIRS"] = [dirs]
    return t


PERSONAS = ["backbone_admin", "partner_a", "community_member", "funder"]


@pytest.mark.parametrize("lang", ["en", "he"])
@pytest.mark.parametrize("who", PERSONAS)
def test_pages_render_the_same(client, world, request, who, lang):
    user = request.getfixturevalue(who)
    client.force_login(user)
    client.cookies["django_language"] = lang
    names = sorted(n for n, r in ROUTES.items() if r.method == "get")
    extra = {
        "conditions:assessment-results:health": lambda w: {"slug": w.initiative.slug, "pk": AssessmentFactory(initiative=w.initiative, kind="health").pk},
        "conditions:assessment-results:backbone": lambda w: {"slug": w.initiative.slug, "pk": AssessmentFactory(initiative=w.initiative, kind="backbone").pk},
        "conditions:assessment-answer:health": lambda w: {"slug": w.initiative.slug, "pk": AssessmentFactory(initiative=w.initiative, kind="health").pk},
    }
    diffs = []
    checked = 0
    for name in names + list(extra):
        url_name = name.split(":")[0] + ":" + name.split(":")[1]
        kwargs = (extra[name] if name in extra else ROUTES[name].kwargs)(world)
        url = reverse(url_name, kwargs=kwargs)
        outs = []
        for d in ["/tmp/pages/templates_before", str(settings.BASE_DIR / "templates")]:
            cache.clear()
            with override_settings(TEMPLATES=templates(d)):
                r = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
                outs.append((r.status_code, r.content.decode("utf-8", "replace") if r.get("Content-Type", "").startswith("text/html") else ""))
        if outs[0][0] != outs[1][0]:
            diffs.append((name, "status", outs[0][0], outs[1][0]))
            continue
        a, b = normalize(outs[0][1]), normalize(outs[1][1])
        checked += 1
        if a != b:
            i = next(i for i in range(min(len(a), len(b))) if a[i] != b[i]) if a[:min(len(a),len(b))] != b[:min(len(a),len(b))] else min(len(a), len(b))
            diffs.append((name, a[max(0, i - 120): i + 120], b[max(0, i - 120): i + 120]))
    print("checked", checked)
    for d in diffs:
        print("\nDIFF", who, lang, d)
    assert not diffs
