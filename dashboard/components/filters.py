"""The filter widgets, generated from the state's parameters (never the reverse).

``Widget.from_param`` links each widget both ways to its parameter: a click on a chart
that sets ``state.sectors`` ticks the sector's box here, and the other way round.
"""

from __future__ import annotations

import panel as pn
import param

from ..state import DashboardState
from .look import html

UNTITLED = (pn.widgets.CheckBoxGroup, pn.widgets.CheckButtonGroup, pn.widgets.RadioButtonGroup)
COUNT_CHOICES = {"Attendance": "attended", "Registrations": "registered"}
# Past this many choices a group of buttons or boxes would fill the sidebar: a search box
# (MultiChoice) takes its place, listing at most LISTED choices at a time (thousands of
# sessions stay quick to search).
MAX_BUTTONS = 8
LISTED = 100
# Filters whose values are lower-case words of the schema ("in person", "chair"): shown
# capitalized, like every other choice.
CAPITALIZED = ("modes", "roles")
# Button groups as buttons, as wide as their words: stretched across the sidebar, a
# single "2022" button looked like a text field. ("min", not a "fixed" sizing mode,
# which Bokeh wants a width and a height for: warning W-1005 in the server's log.)
BUTTONS = {"color": "primary", "variant": "outline", "sizing_mode": None, "width_policy": "min"}

# (parameter, widget type, extra widget options), grouped under headings.
GROUPS: tuple[tuple[str, tuple[tuple[str, type, dict], ...]], ...] = (
    (
        "Count",
        (
            (
                "count",
                pn.widgets.RadioButtonGroup,
                {"options": COUNT_CHOICES, "color": "primary", "variant": "outline"},
            ),
        ),
    ),
    (
        "Meetings",
        (
            ("years", pn.widgets.CheckButtonGroup, BUTTONS),
            ("series", pn.widgets.MultiChoice, {}),
            ("sessions", pn.widgets.MultiChoice, {}),
            ("topics", pn.widgets.MultiChoice, {}),
        ),
    ),
    (
        "Who",
        (
            ("sectors", pn.widgets.CheckBoxGroup, {}),
            ("modes", pn.widgets.CheckButtonGroup, BUTTONS),
            ("roles", pn.widgets.MultiChoice, {}),
        ),
    ),
    (
        "Where",
        (
            ("regional_groups", pn.widgets.MultiChoice, {}),
            ("regions", pn.widgets.CheckBoxGroup, {}),
            ("sub_regions", pn.widgets.MultiChoice, {}),
            ("countries", pn.widgets.MultiChoice, {}),
        ),
    ),
)


def placeholder(label: str) -> str:
    """'All roles', 'All UN regional groups': the label's plural, acronyms kept."""
    first, _, rest = label.partition(" ")
    words = " ".join(filter(None, (first if first.isupper() else first.lower(), rest)))
    return f"All {words if words.endswith('s') else words + 's'}"


class FilterPanel(pn.viewable.Viewer):
    """Every filter of the state as a widget, in groups; labels from ``state.label``."""

    state = param.ClassSelector(class_=DashboardState, allow_refs=False)

    def __init__(self, **params):
        super().__init__(**params)
        self.widgets: dict[str, pn.widgets.Widget] = {}
        sections = []
        for heading, members in GROUPS:
            sections.append(
                html(f'<h3 class="filter-group">{heading}</h3>', margin=(10, 10, 0, 10))
            )
            for name, widget_type, options in members:
                self.widgets[name] = widget = self._widget(name, widget_type, options)
                if isinstance(widget, UNTITLED) and name != "count":
                    # These widgets show no title of their own.
                    sections.append(
                        html(
                            f'<span class="filter-label">{self.state.label(name)}</span>',
                            margin=(6, 10, 0, 10),
                        )
                    )
                sections.append(widget)
        self._layout = pn.Column(
            *sections, sizing_mode="stretch_width", css_classes=["filter-panel"]
        )

    def _widget(self, name: str, widget_type: type, options: dict) -> pn.widgets.Widget:
        label = "" if name == "count" else self.state.label(name)
        many = name != "count" and len(self.state.choices(name)) > MAX_BUTTONS
        if many and widget_type in UNTITLED:
            widget_type, options = pn.widgets.MultiChoice, {}
        extra: dict = {"sizing_mode": "stretch_width"}
        if widget_type is pn.widgets.MultiChoice:
            extra["placeholder"] = placeholder(label)
            if many:
                extra |= {"option_limit": LISTED, "search_option_limit": LISTED}
        if name in CAPITALIZED:
            extra["options"] = {str(v).capitalize(): v for v in self.state.choices(name)}
        return widget_type.from_param(
            self.state.param[name],
            name=label,
            css_classes=[f"filter-{name.replace('_', '-')}"],
            **{**extra, **options},
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self._layout
