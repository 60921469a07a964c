"""The page with many sessions: the banner counts them and lists them on demand, and a
filter with many choices is a search box rather than a wall of buttons."""

from __future__ import annotations

import pandas as pd
import panel as pn

from dashboard.components import FilterPanel, IllustrativeBanner
from dashboard.components.filters import LISTED, MAX_BUTTONS
from dashboard.components.status import INLINE_SESSIONS
from dashboard.state import DashboardState


def sample(count: int) -> pd.DataFrame:
    ids = [f"S-{i}" for i in range(count)]
    return pd.DataFrame({"session_id": ids, "session": [f"Meeting <{i}>" for i in range(count)]})


def test_few_sessions_are_named_in_the_banner_sentence():
    text = IllustrativeBanner._text(sample(INLINE_SESSIONS))
    assert f"these {INLINE_SESSIONS} sessions" in text and "<details" not in text
    assert "Meeting &lt;0&gt;, Meeting &lt;1&gt;" in text  # names escaped


def test_many_sessions_are_counted_and_listed_on_demand():
    text = IllustrativeBanner._text(sample(400))
    sentence, _, listing = text.partition("<details")
    assert "these 400 sessions" in sentence and "Meeting" not in sentence
    assert "Show the 400 sessions" in listing
    assert listing.count("<li>") == 400 and "Meeting &lt;399&gt;" in listing


def test_one_session_is_said_so():
    assert "of this session are" in IllustrativeBanner._text(sample(1))


def test_twenty_years_and_thousands_of_sessions_get_search_boxes():
    options = {
        "years": [(y, str(y)) for y in range(2022, 2042)],
        "sessions": [(f"S-{i}", f"Session {i}") for i in range(4000)],
        "sectors": [(s, s) for s in ("Government", "Academia")],
    }
    panel = FilterPanel(state=DashboardState(options))
    years, sessions = panel.widgets["years"], panel.widgets["sessions"]
    assert isinstance(years, pn.widgets.MultiChoice) and len(years.options) == 20 > MAX_BUTTONS
    assert sessions.search_option_limit == LISTED and sessions.option_limit == LISTED
    assert isinstance(panel.widgets["sectors"], pn.widgets.CheckBoxGroup)  # two: boxes
    years.value = [2031]
    assert panel.state.years == [2031]


def test_a_few_years_stay_buttons(source):
    panel = FilterPanel(state=DashboardState(source.options()))
    assert isinstance(panel.widgets["years"], pn.widgets.CheckButtonGroup)


def test_thousands_of_sessions_are_counted_as_the_headline_counts_them():
    text = IllustrativeBanner._text(sample(4004))
    assert "these 4,004 sessions" in text and "Show the 4,004 sessions" in text


def test_button_groups_are_as_wide_as_their_words_and_valid_for_bokeh():
    """Few years and modes are buttons sized to their words, which Bokeh accepts without
    a warning (a 'fixed' sizing mode without width and height logged W-1005)."""
    from bokeh.core.validation import check_integrity
    from bokeh.document import Document

    options = {"years": [(2022, "2022")], "modes": [(m, m) for m in ("in person", "online")]}
    panel = FilterPanel(state=DashboardState(options))
    for name in ("years", "modes"):
        widget = panel.widgets[name]
        model = widget.get_root(Document())
        assert isinstance(widget, pn.widgets.CheckButtonGroup)
        assert (model.sizing_mode, model.width_policy, model.width) == (None, "min", None)
        issues = check_integrity([model])
        assert not issues.warning and not issues.error, issues
