"""``DashboardState``: every filter and selection, one Parameterized object; no Panel.

The app generates its widgets from these parameters, notebooks set them directly, and
the URL query string is a readable image of them
(``?sessions=CD-2022-FA,CD-2022-TIP&count=registered``): ``to_query_string`` and
``apply_query_string`` go back and forth, ignoring unknown or malformed values with a
notice instead of failing, so any copied link opens.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlsplit

import param

from .queries import AREA_COLUMNS, COUNT_BASES, MODES, ROLES, Filters

# Filter parameters that hold lists, in the order they appear in URLs.
LIST_FILTERS = (
    "series",
    "years",
    "sessions",
    "sectors",
    "regions",
    "sub_regions",
    "regional_groups",
    "countries",
    "modes",
    "roles",
    "topics",
)
SCALARS = ("count", "area_level", "shares", "search")
# Keys a dashboard link may carry that are about the page, not the state: skipped quietly.
PAGE_KEYS = ("theme",)
MAX_SEARCH = 200  # characters of table search kept from a link
_LABELS = {
    "sub_regions": "Sub-regions",
    "regional_groups": "UN regional groups",
    "modes": "Mode",
    "roles": "Role",
    "count": "Count",
    "area_level": "Places by",
    "shares": "Show shares",
    "search": "Search",
}


class DashboardState(param.Parameterized):
    """What is selected. ``filters`` is the immutable value every query is built from."""

    series = param.ListSelector(default=[], objects=[], doc="Event series")
    years = param.ListSelector(default=[], objects=[], doc="Years of the series")
    sessions = param.ListSelector(default=[], objects=[], doc="Dialogue meetings")
    sectors = param.ListSelector(default=[], objects=[], doc="Sectors of organizations")
    regions = param.ListSelector(default=[], objects=[], doc="UN M49 regions")
    sub_regions = param.ListSelector(default=[], objects=[], doc="UN M49 sub-regions")
    regional_groups = param.ListSelector(default=[], objects=[], doc="UN regional groups")
    countries = param.ListSelector(default=[], objects=[], doc="Countries (ISO alpha-3)")
    modes = param.ListSelector(default=[], objects=list(MODES), doc="In person or online")
    roles = param.ListSelector(default=[], objects=list(ROLES), doc="Role in the meeting")
    topics = param.ListSelector(default=[], objects=[], doc="Themes raised or submitted on")
    count = param.Selector(
        default="attended", objects=list(COUNT_BASES), doc="Count attendance or registrations"
    )
    area_level = param.Selector(
        default="region",
        objects=list(AREA_COLUMNS),
        doc="Group participants by region, sub-region, group or country",
    )
    shares = param.Boolean(default=False, doc="Show each sector's share instead of counts")
    search = param.String(default="", doc="Words to find in the contributions table")

    def __init__(self, options: dict[str, list[tuple[object, str]]] | None = None, **params):
        super().__init__()
        for name, choices in (options or {}).items():
            if name in LIST_FILTERS:
                # {label: value}: widgets show labels, the state holds values.
                self.param[name].objects = {str(label): value for value, label in choices}
        self.param.update(**params)

    @param.depends(*LIST_FILTERS, "count")
    def filters(self) -> Filters:
        return Filters(
            **{name: tuple(getattr(self, name)) for name in LIST_FILTERS}, count=self.count
        )

    def defaults(self) -> dict[str, object]:
        """Every filter, selection and option at its default (nothing selected)."""
        return {name: [] for name in LIST_FILTERS} | {
            name: self.param[name].default for name in SCALARS
        }

    def clear(self) -> None:
        """Back to everything: every filter and selection cleared, in one batch."""
        self.param.update(self.defaults())

    def label(self, name: str) -> str:
        return _LABELS.get(name, name.capitalize())  # names with an "_" are all in _LABELS

    def choices(self, name: str) -> list:
        """The values a filter offers (param keeps a {label: value} dict as its values)."""
        return list(self.param[name].objects)

    # URL query string ------------------------------------------------------------------
    def to_query_string(self) -> str:
        """Only what differs from the defaults: ``sessions=A,B&count=registered``."""
        parts = [
            f"{name}={','.join(quote(str(v), safe='') for v in getattr(self, name))}"
            for name in LIST_FILTERS
            if getattr(self, name)
        ]
        parts += [
            f"{name}={quote(self._scalar_text(name), safe='')}"
            for name in SCALARS
            if getattr(self, name) != self.param[name].default
        ]
        return "&".join(parts)

    def _scalar_text(self, name: str) -> str:
        value = getattr(self, name)
        return str(value).lower() if isinstance(value, bool) else str(value)

    def apply_query_string(self, query: str) -> list[str]:
        """Set the state from a query string or URL; return notices for what was ignored.

        The link is the whole view: every key it does not name (or names with a value
        that is ignored) goes back to its default, so a link opens the same view in any
        state it is applied to.
        """
        if "?" in query or "://" in query:  # a whole link, or "?sessions=...": its query
            query = urlsplit(query).query
        notices: list[str] = []
        updates: dict[str, object] = {}
        for key, raw in parse_qsl(query, keep_blank_values=True):
            if key in LIST_FILTERS:
                updates[key] = self._parse_list(key, raw, notices)
            elif key in SCALARS:
                value = self._parse_scalar(key, raw, notices)
                if value is not None:
                    updates[key] = value
            elif key not in PAGE_KEYS:
                notices.append(f"Ignored unknown setting '{key}' in the link.")
        self.param.update({**self.defaults(), **updates})
        return notices

    def _parse_list(self, key: str, raw: str, notices: list[str]) -> list:
        allowed = self.choices(key)
        by_text = {str(v): v for v in allowed}
        values, unknown = [], []
        for text in (unquote(part) for part in raw.split(",") if part):
            (values if text in by_text else unknown).append(text)
        if unknown:
            notices.append(
                f"Ignored unknown {self.label(key).lower()} in the link: {', '.join(unknown)}."
            )
        return [by_text[t] for t in dict.fromkeys(values)]

    def _parse_scalar(self, key: str, raw: str, notices: list[str]) -> object:
        parameter = self.param[key]
        if isinstance(parameter, param.Boolean):
            if raw.lower() in {"true", "false"}:
                return raw.lower() == "true"
        elif isinstance(parameter, param.String):
            if len(raw) <= MAX_SEARCH:
                return raw
            notices.append(
                f"Ignored a {self.label(key).lower()} longer than {MAX_SEARCH} "
                "characters in the link."
            )
            return None
        elif raw in parameter.objects:
            return raw
        notices.append(f"Ignored '{raw}' for {self.label(key).lower()} in the link.")
        return None

    @classmethod
    def from_url(cls, url: str, options: dict | None = None) -> tuple[DashboardState, list[str]]:
        """A state opened from a shared dashboard link, with notices for what was ignored."""
        state = cls(options)
        return state, state.apply_query_string(url)
