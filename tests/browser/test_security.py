"""The served dashboard (``dialogues serve``) in Chromium and over raw HTTP: nothing from a
link runs or becomes markup; every response carries the security headers and the page
breaks no Content-Security-Policy rule; websockets need an allowed Origin; sign-in gives
viewers no upload panel and strangers no data; a broken store gets a page that says what
is wrong.

In the injection tests each payload goes in a key, in a filter's value and in the
search; the page must fire no dialog, hold no injected element (shadow roots walked), log
no error, and show the payload as text in the notice.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import urllib.error
import urllib.request
from urllib.parse import parse_qsl, quote, unquote

import pytest
from playwright.sync_api import expect

from dashboard.components.store_problem import reason
from dashboard.data import DataSource
from dashboard.errors import StoreError
from dashboard.ingest import ingest_files
from dashboard.serve import users
from dashboard.serve.headers import HEADERS
from dashboard.state import MAX_SEARCH, DashboardState

from .conftest import Recorder
from .secure_server import DialoguesServer, handshake

pytestmark = pytest.mark.browser
PASSWORDS = {"ana": "staff password 1", "ben": "viewer password 1"}
ROLES = {"ana": "staff", "ben": "viewer"}
COOKIE_SECRET = "a-test-cookie-secret-of-enough-length"
LOAD = 90_000  # ms for a page to render on a loaded 2-core machine (then 5 s per step)

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
    r"$$\href{javascript:alert('tex')}{tex}$$",  # TeX typeset would make a link of it
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


# Content-Security-Policy violations, as the page reports them (in shadow roots too).
RECORD_CSP = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);"""


def start(factory, name: str, env: dict[str, str]):
    server = DialoguesServer(factory.mktemp(name) / "serve.log", env).wait()
    yield server
    tracebacks = server.stop()
    assert not tracebacks, f"the server logged a traceback:\n{tracebacks}"


@pytest.fixture(scope="module")
def open_server(store_path, tmp_path_factory):
    """No sign-in, on localhost (what `dialogues serve` allows without authentication)."""
    yield from start(tmp_path_factory, "open", {"DIALOGUES_DB": str(store_path)})


@pytest.fixture(scope="module")
def signed_in_server(store_path, tmp_path_factory):
    """Basic authentication against a users file: ana is staff, ben a viewer."""
    users_file = tmp_path_factory.mktemp("users") / "users.json"
    for name, password in PASSWORDS.items():
        users.add(users_file, name, ROLES[name], password)
    env = {
        "DIALOGUES_DB": str(store_path),
        "DIALOGUES_AUTH": "users",
        "DIALOGUES_USERS_FILE": str(users_file),
        "DIALOGUES_COOKIE_SECRET": COOKIE_SECRET,
    }
    yield from start(tmp_path_factory, "signed-in", env)


STORED = {  # what a loaded file can put in the store, shown in the contributions table
    "organization": "<img src=x onerror=alert('org')>",
    "title": "<svg onload=alert('title')> [t](javascript:alert('title'))",
}


@pytest.fixture(scope="module")
def poisoned_server(store_path, tmp_path_factory):
    """A store holding a submission whose organization and title are injection payloads,
    loaded through the ordinary ingest path."""
    folder = tmp_path_factory.mktemp("poisoned")
    store = folder / "dialogues.duckdb"
    shutil.copy(store_path, store)
    export = folder / "submissions.csv"
    with export.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["session_id", "organization", "kind", "title", "date", "topics"])
        writer.writerow(["CD-2022-FA", STORED["organization"], "written submission",
                         STORED["title"], "2022-05-06", "data-availability"])  # fmt: skip
    with pytest.MonkeyPatch.context() as env:  # real loads need a pseudonym key
        env.setenv("DIALOGUES_PSEUDONYM_KEY", "a test key, never a real one")
        [summary] = ingest_files([export], "CD-2022-FA", db_path=store)
    assert summary.status == "loaded"
    yield from start(tmp_path_factory, "poisoned", {"DIALOGUES_DB": str(store)})


@pytest.fixture(scope="module")
def oauth_server(store_path, tmp_path_factory):
    """Microsoft Entra ID sign-in (Panel's azurev2 provider), configured from the environment."""
    env = {
        "DIALOGUES_DB": str(store_path),
        "DIALOGUES_AUTH": "oauth",
        "DIALOGUES_COOKIE_SECRET": COOKIE_SECRET,
        "DIALOGUES_OAUTH_KEY": "test-client-id",
        "DIALOGUES_OAUTH_SECRET": "test-client-secret",
        "DIALOGUES_OAUTH_TENANT": "test-tenant",
        "DIALOGUES_OAUTH_ENCRYPTION_KEY": "Zm9yLXRlc3RzLW9ubHktMzItYnl0ZXMtbG9uZy1rZXk=",
    }
    yield from start(tmp_path_factory, "oauth", env)


@pytest.fixture(scope="module")
def corrupt_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("corrupt") / "dialogues.duckdb"
    path.write_bytes(b"not a duckdb file " * 4096)
    return path


@pytest.fixture(scope="module")
def broken_server(corrupt_store, tmp_path_factory):
    yield from start(tmp_path_factory, "broken", {"DIALOGUES_DB": str(corrupt_store)})


@pytest.fixture
def tab(chromium):
    """A fresh page that must stay clean (no console error, no outside host) and records
    Content-Security-Policy violations in ``window.__csp``."""
    context = chromium.new_context(viewport={"width": 1500, "height": 1100})
    context.set_default_timeout(60_000)
    context.add_init_script(RECORD_CSP)
    page = context.new_page()
    recorder = Recorder(page)
    yield page
    try:
        recorder.check()
    finally:
        context.close()


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    """Status, headers and body of a GET that does not follow redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=120) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


BATCHES = [PAYLOADS[i::3] for i in range(3)]  # three pages of five or six: loads are slow


def search_text(batch: list[str]) -> str:
    """As many of the payloads as fit in a search, space-separated."""
    text = ""
    for payload in batch:
        candidate = f"{text} {payload}".strip()
        text = candidate if len(candidate) <= MAX_SEARCH else text
    return text


def attack_link(batch: list[str]) -> str:
    """Each payload as a key and as an unknown sector, and in the search, URL-encoded."""
    keys = [f"{quote(p, safe='')}=1" for p in batch]
    sectors = ",".join(quote(p, safe="") for p in batch)
    return "&".join([*keys, f"sectors={sectors}", f"search={quote(search_text(batch))}"])


def watch_dialogs(page) -> list[str]:
    fired: list[str] = []

    def dismiss(dialog) -> None:
        fired.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return fired


@pytest.mark.parametrize("batch", BATCHES, ids=[f"payloads{i}" for i in range(len(BATCHES))])
def test_a_link_cannot_inject_markup_or_script(tab, open_server, source, batch):
    page = tab
    fired = watch_dialogs(page)
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    query = attack_link(batch)
    page.goto(f"{open_server.url}?{query}")
    notice = page.locator(".url-notices")
    expect(notice).to_be_visible(timeout=LOAD)
    expected = DashboardState(source.options()).apply_query_string(query)
    assert len(expected) == len(batch) + 1  # each key, and the sectors
    for text in expected:
        expect(notice).to_contain_text(text)
    for payload in batch:  # as typed (or as decoded once more, for the sector list)
        expect(notice).to_contain_text(unquote(payload))
    search = dict(parse_qsl(query))["search"]
    assert search
    expect(page.locator(".selection-text")).to_contain_text(search)
    # Mouse over the notice and the selection bar: a smuggled on* handler would fire.
    notice.hover()
    page.locator(".selection-text").hover()
    assert page.evaluate(INJECTED) == []
    assert fired == []
    assert not [u for u in requested if u.rstrip("/").endswith(("/x", "/app/x"))]


def test_values_from_a_loaded_file_are_text_in_the_table(tab, poisoned_server):
    fired = watch_dialogs(tab)
    tab.goto(f"{poisoned_server.url}?search=onload")
    row = tab.locator(".view-contributions .tabulator-row").first
    expect(row).to_contain_text(STORED["title"], timeout=LOAD)
    expect(row).to_contain_text(STORED["organization"])
    expect(tab.locator('.view-summary-text[data-view="contributions"]')).to_have_text(
        "1 contribution from 1 organization."
    )
    row.hover()
    assert tab.evaluate(INJECTED) == []
    assert fired == []


def test_the_injection_check_finds_an_element_in_a_shadow_root(tab, open_server):
    """The DOM walk above can fail: it finds a handler planted inside a shadow root."""
    page = tab
    page.goto(f"{open_server.url}?sectors=Nope")
    expect(page.locator(".url-notices")).to_be_visible(timeout=LOAD)
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


def static_script(page_html: str) -> str:
    """The address of the first script the page loads from this server's /static."""
    return "/" + re.search(r'src="/?(static/js/bokeh[^"]+)"', page_html).group(1)


def test_every_response_carries_the_security_headers(open_server, signed_in_server):
    status, _, page_html = fetch(open_server.url)
    assert status == 200
    responses = {
        "page": fetch(open_server.url),
        "presenter view": fetch(open_server.base + "/briefing"),
        "static": fetch(open_server.base + static_script(page_html)),
        "health": fetch(open_server.base + "/health"),
        "missing": fetch(open_server.base + "/no-such-page"),
        "login": fetch(signed_in_server.base + "/login"),
        "redirect to login": fetch(signed_in_server.url),
    }
    assert [r[0] for r in responses.values()] == [200, 200, 200, 200, 404, 200, 302]
    for name, (_, headers, _) in responses.items():
        for header, value in HEADERS.items():
            assert headers.get(header) == value, f"{name}: {header}"
        assert "Strict-Transport-Security" not in headers, name  # not told it is behind TLS


def test_the_page_renders_under_the_policy_with_no_violation(tab, open_server, source):
    tab.goto(open_server.url)
    participants = f"{int(source.headline().loc[0, 'participants']):,}"
    expect(tab.locator('.headline-value[data-key="participants"]')).to_have_text(
        participants, timeout=LOAD
    )
    expect(tab.locator(".view-attendance-by-sector canvas").first).to_be_visible()
    expect(tab.locator(".view-contributions .tabulator-row").first).to_be_visible()
    assert tab.evaluate("window.__csp") == []


def test_pages_load_no_bokeh_bundle_they_do_not_use(open_server):
    """Neither MathJax (1.8 MB, which Panel adds for any HTML pane) nor WebGL is sent."""
    for path in ("/app", "/briefing"):
        status, _, page_html = fetch(open_server.base + path)
        scripts = re.findall(r'<script[^>]+src="([^"]+)"', page_html)
        assert status == 200 and any("/bokeh.min.js" in s for s in scripts), path
        assert [s for s in scripts if "/bokeh-mathjax." in s or "/bokeh-gl." in s] == [], path


def test_tex_in_a_link_stays_text_in_the_presenter_view(tab, open_server):
    tex = PAYLOADS[-1]
    fired = watch_dialogs(tab)
    scripts = []
    tab.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    tab.goto(f"{open_server.base}/briefing?countries={quote(tex, safe='')}")
    expect(tab.locator(".notice")).to_contain_text(tex, timeout=LOAD)
    assert tab.evaluate(INJECTED) == []
    assert tab.locator("mjx-container").count() == 0
    assert fired == [] and not [s for s in scripts if "mathjax" in s]


def session_token(server) -> str:
    _, _, page_html = fetch(server.url)
    return re.search(r'"token":"([^"]+)"', page_html).group(1)


def test_websockets_need_an_allowed_origin(open_server):
    port, path = open_server.port, "/app/ws"
    own = f"http://127.0.0.1:{port}"
    assert handshake(port, path, None, f"bokeh, {session_token(open_server)}") == 403
    assert (
        handshake(port, path, "http://evil.example", f"bokeh, {session_token(open_server)}") == 403
    )
    assert handshake(port, path, f"http://127.0.0.1:{port + 1}", "bokeh, x") == 403
    assert handshake(port, path, own, f"bokeh, {session_token(open_server)}") == 101


def test_strangers_get_the_login_page_and_no_data(signed_in_server):
    for page in (signed_in_server.url, signed_in_server.base + "/briefing"):
        status, headers, body = fetch(page)
        assert status == 302 and "login" in headers["Location"] and "docs_json" not in body
    status, _, body = fetch(signed_in_server.base + "/login")
    assert status == 200 and 'name="password"' in body and "docs_json" not in body
    own = f"http://127.0.0.1:{signed_in_server.port}"
    assert handshake(signed_in_server.port, "/app/ws", own, "bokeh, x") != 101
    status, _, body = fetch(signed_in_server.base + "/health")
    assert status == 200 and set(json.loads(body)) == {"ok", "store_readable", "schema_version"}


def test_oauth_sends_strangers_to_entra_id_and_gives_no_data(oauth_server):
    status, headers, body = fetch(oauth_server.url)
    assert status == 302 and "login" in headers["Location"] and "docs_json" not in body
    status, headers, _ = fetch(oauth_server.base + "/login")
    authorize = "https://login.microsoftonline.com/test-tenant/oauth2/v2.0/authorize?"
    assert status == 302 and headers["Location"].startswith(authorize)
    assert "client_id=test-client-id" in headers["Location"]
    own = f"http://127.0.0.1:{oauth_server.port}"
    assert handshake(oauth_server.port, "/app/ws", own, "bokeh, x") != 101


def sign_in(page, server, name: str, password: str) -> None:
    page.goto(server.url)
    expect(page).to_have_url(re.compile(r"/login"), timeout=LOAD)
    page.fill("#username", name)
    page.fill("#password", password)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize(("name", "panels"), [("ben", 0), ("ana", 1)])
def test_only_staff_get_the_upload_panel(tab, signed_in_server, source, name, panels):
    sign_in(tab, signed_in_server, name, PASSWORDS[name])
    participants = f"{int(source.headline().loc[0, 'participants']):,}"
    expect(tab.locator('.headline-value[data-key="participants"]')).to_have_text(
        participants, timeout=LOAD
    )
    expect(tab.locator(".filter-sectors")).to_be_visible()
    expect(tab.locator(".upload-panel")).to_have_count(panels)
    assert tab.evaluate("window.__csp") == []


def test_signing_out_ends_the_session(tab, signed_in_server):
    sign_in(tab, signed_in_server, "ben", PASSWORDS["ben"])
    expect(tab.locator(".headline-value").first).to_be_visible(timeout=LOAD)
    tab.goto(signed_in_server.base + "/logout")
    expect(tab.locator(".signed-out")).to_contain_text("You have signed out")
    tab.goto(signed_in_server.url)
    expect(tab).to_have_url(re.compile(r"/login"), timeout=LOAD)


def test_a_wrong_password_is_refused(tab, signed_in_server):
    sign_in(tab, signed_in_server, "ana", PASSWORDS["ben"])
    expect(tab.locator(".login-error")).to_have_text("Wrong user name or password.", timeout=LOAD)
    tab.goto(signed_in_server.url)
    expect(tab).to_have_url(re.compile(r"/login"))
    expect(tab.locator(".headline-value")).to_have_count(0)


def test_a_broken_store_gets_a_page_that_says_what_is_wrong(tab, broken_server, corrupt_store):
    with pytest.raises(StoreError) as raised:
        DataSource(corrupt_store).options()
    tab.goto(broken_server.url)
    problem = tab.locator(".store-problem")
    expect(problem).to_contain_text("cannot open its data store", timeout=LOAD)
    expect(tab.locator(".store-problem-reason")).to_contain_text(reason(raised.value))
    expect(problem).to_contain_text("Do not run dialogues build")
    expect(problem).not_to_contain_text("rebuild it with")
    assert fetch(broken_server.base + "/health")[0] == 503
