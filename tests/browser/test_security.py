"""The served page in Chromium under attack from a link: nothing in it runs or becomes
markup. Each payload goes in a key, in a filter's value and in the search; the page must
fire no dialog, hold no injected element (shadow roots walked), log no error, and show
the payload as text in the notice."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote

import pytest
from playwright.sync_api import expect

from dashboard.state import MAX_SEARCH, DashboardState

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<img src=x onerror=alert('img')>",
    "<svg onload=alert('svg')>",
    "<script>alert('script')</script>",
    "<iframe srcdoc=\"<script>parent.alert('iframe')</script>\"></iframe>",
    "\"><img src=x onerror=alert('quote')>",
    "' onmouseover='alert(1)' x='",
    "[click](javascript:alert('md-link'))",
    "![x](javascript:alert('md-image'))",
    "&lt;img src=x onerror=alert('entity')&gt;",
    "&#60;svg onload=alert('numeric')&#62;",
    "%253Cimg%2520src%253Dx%2520onerror%253Dalert('double')%253E",
    "<a href=\"javascript:alert('anchor')\">link</a>",
    "<details open ontoggle=alert('details')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')>",
    "A" * 3000 + "<img src=x onerror=alert('long')>",
]

# Every element, in the document and in every (open) shadow root, that carries script:
# an on* handler, a javascript: address, an iframe/object/embed, or a script mentioning
# alert (Bokeh's and Panel's own scripts never do).
INJECTED = """() => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      const scripted = tag === 'script' && el.textContent.includes('alert');
      if (['iframe', 'object', 'embed'].includes(tag) || scripted)
        found.push(el.outerHTML.slice(0, 120));
      for (const a of el.attributes) {
        const name = a.name.toLowerCase(), value = a.value.replace(/\\s/g, '').toLowerCase();
        if (name.startsWith('on') || name === 'srcdoc' || value.startsWith('javascript:'))
          found.push(el.outerHTML.slice(0, 120));
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found;
}"""


def attack_link(payload: str) -> str:
    """The payload as a key, as an unknown sector and as the search, URL-encoded."""
    value = quote(payload, safe="")
    return f"{value}=1&sectors={value}&search={value}"


def watch_dialogs(page) -> list[str]:
    fired: list[str] = []

    def dismiss(dialog) -> None:
        fired.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return fired


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_a_link_cannot_inject_markup_or_script(page, server, source, payload):
    fired = watch_dialogs(page)
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    query = attack_link(payload)
    page.goto(f"{server.url}?{query}")
    notice = page.locator(".url-notices")
    expect(notice).to_be_visible()
    expected = DashboardState(source.options()).apply_query_string(query)
    assert len(expected) >= 2  # the key and the sector at least
    for text in expected:
        expect(notice).to_contain_text(text)
    search = dict(parse_qsl(query))["search"]
    if len(search) <= MAX_SEARCH:
        expect(page.locator(".selection-text")).to_contain_text(search)
    # Mouse over the notice and the selection bar: a smuggled on* handler would fire.
    notice.hover()
    page.locator(".selection-text").hover()
    assert page.evaluate(INJECTED) == []
    assert fired == []
    assert not [u for u in requested if u.rstrip("/").endswith(("/x", "/app/x"))]


def test_the_injection_check_finds_an_element_in_a_shadow_root(page, server):
    """The DOM walk above can fail: it finds a handler planted inside a shadow root."""
    page.goto(f"{server.url}?sectors=Nope")
    expect(page.locator(".url-notices")).to_be_visible()
    assert page.evaluate(INJECTED) == []
    page.evaluate(
        """() => {
      const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot);
      const planted = document.createElement('span');
      planted.setAttribute('onclick', 'void 0');
      host.shadowRoot.appendChild(planted);
    }"""
    )
    assert len(page.evaluate(INJECTED)) == 1
