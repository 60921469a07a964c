"""The page for a store that cannot be opened: the store's message as text, safe steps."""

from __future__ import annotations

from dashboard.components.store_problem import reason, store_problem
from dashboard.errors import StoreError


def test_the_message_is_escaped_and_advice_that_drops_imports_is_left_out():
    error = StoreError(
        "<b>x</b>.duckdb: cannot open the store (IO Error); if the file is damaged, "
        "rebuild it with `dialogues build --db x.duckdb`"
    )
    assert reason(error) == "<b>x</b>.duckdb: cannot open the store (IO Error)"
    page = store_problem(error).object
    assert "&lt;b&gt;x&lt;/b&gt;.duckdb: cannot open the store" in page and "<b>x</b>" not in page
    assert "rebuild it with" not in page
    assert (
        "dialogues migrate" in page
        and "Do not run <code>dialogues build --discard-imports</code>" in page
    )


def test_a_version_message_is_kept_whole():
    error = StoreError("s.duckdb: store is at schema version 0, this code needs 1; run x")
    assert reason(error) == str(error)
