"""What the page says when the store cannot be opened: what is wrong, what to do.

The store's own message (``StoreError``) says what is wrong, escaped; the steps keep
every loaded import: a damaged store is restored from a backup, never rebuilt with
``dialogues build --discard-imports``, which drops what was loaded.
"""

from __future__ import annotations

import panel as pn

from ..errors import StoreError
from ..markup import escape
from .look import alert

STEPS = (
    "<p><b>What to do:</b> nothing was changed or deleted. Whoever runs this server can:</p>"
    "<ul>"
    "<li>keep a copy of the store file before trying anything else;</li>"
    "<li>if another program is writing to it (<code>dialogues ingest</code>), wait for it "
    "to finish, then reload this page;</li>"
    "<li>if the store is at an older schema version, run "
    "<code>dialogues migrate --db STORE</code>; if at a newer one, upgrade the dashboard "
    "package;</li>"
    "<li>if the file is damaged, put back the latest backup of it.</li>"
    "</ul>"
    "<p>Do not run <code>dialogues build --discard-imports</code> on it: that rebuilds the "
    "store from the committed data and drops every loaded import.</p>"
)


def reason(error: StoreError) -> str:
    """The store's message without advice to rebuild (its clauses are ``; ``-separated)."""
    return "; ".join(p for p in str(error).split("; ") if "dialogues build" not in p)


def store_problem(error: StoreError) -> pn.pane.HTML:
    """A danger box: the store's message as text, then the safe steps."""
    return alert(
        "<h2>The dashboard cannot open its data store</h2>"
        f'<p class="store-problem-reason"><b>What is wrong:</b> {escape(reason(error))}</p>'
        + STEPS,
        "danger",
        css_classes=("store-problem",),
        margin=(20, 20),
    )
