"""Table components: published figures next to recorded ones; the contributions table.

Each keeps one ``Tabulator`` and sets its ``value`` on a change. Both paginate on the
server (``pagination="remote"``: the browser gets one page of rows, however many the
store holds) and are as tall as their page of rows, with no inner scroll box. The
contributions table searches (the state's ``search``, so it is in the link too), sorts
(on the server) and downloads exactly the rows it shows, in the order shown, as CSV or
XLSX.
"""

from __future__ import annotations

import pandas as pd
import panel as pn

from .. import views
from ..views.specs import TableSpec
from .base import ViewComponent
from .download import csv_bytes, xlsx_bytes
from .look import LINKS_CSS

# Long texts wrap inside their cell, and headers of several words over lines, instead of
# being cut off ("Organi…"). A word breaks only if longer than its whole column: the
# columns' widths (views' TableSpec) hold their longest words at 1366x768.
WRAP_CELLS = """
.tabulator { font-size: 0.85rem !important; }
.tabulator-cell { white-space: normal !important; overflow-wrap: break-word; }
.tabulator-col-title { white-space: normal !important; text-overflow: clip !important; }
"""


def tabulator(spec: TableSpec, **options) -> pn.widgets.Tabulator:
    """A read-only Tabulator for a table spec (HTML columns rendered as HTML)."""
    return pn.widgets.Tabulator(
        spec.frame,
        disabled=True,
        show_index=False,
        selectable=False,
        formatters={c: {"type": "html"} for c in spec.html_columns},
        widths=dict(spec.widths),
        hidden_columns=list(spec.hidden_columns),
        layout="fit_columns",
        sizing_mode="stretch_width",
        header_align="left",
        stylesheets=[WRAP_CELLS, LINKS_CSS],
        **options,
    )


PAGE_SIZE = 15  # rows per page of a table


class TableComponent(ViewComponent):
    # Laid out with the page: a table built after the first paint, then changed by a filter
    # ticked while Tabulator still builds it, had Tabulator warn that its page count was
    # set before the table was initialized (a change can only come after the first paint).
    waits_for_first_paint = False

    def _spec(self, frame: pd.DataFrame) -> TableSpec:
        return self.view(frame)

    def _table_options(self) -> dict:
        return {"pagination": "remote", "page_size": PAGE_SIZE}

    def _build(self, frame: pd.DataFrame) -> pn.viewable.Viewable:
        self._table = tabulator(self._spec(frame), **self._table_options())
        return self._table

    def _update(self, frame: pd.DataFrame) -> None:
        self._table.value = self._spec(frame).frame

    @property
    def table(self) -> pn.widgets.Tabulator:
        return self._table


class PublishedVsRecorded(TableComponent):
    question = "published_vs_recorded"
    title = "Published figures and the record"
    hint = (
        "What UNODC and others published about each session, next to what the record "
        "shows when counted the same way. Sources open in a new tab."
    )


class ContributionsTable(TableComponent):
    question = "contributions"
    title = "Contributions"
    hint = (
        "Statements, submissions, recommendations and good practices. Search, sort by a "
        "column header, download the rows shown."
    )

    def _render_key(self) -> tuple:
        return (self.state.search,)

    def _spec(self, frame: pd.DataFrame) -> TableSpec:
        return self.view(frame, search=self.state.search)

    def _summary_text(self, frame: pd.DataFrame) -> str:
        shown = self._spec(frame).frame
        return views.summary(
            "contributions", shown.rename(columns={"Organization": "organization"})
        )

    def _controls(self) -> list:
        search = pn.widgets.TextInput.from_param(
            self.state.param.search,
            name="",
            placeholder="Search titles, organizations, topics, countries… (Enter)",
            sizing_mode="stretch_width",
            margin=(5, 10),
            css_classes=["contributions-search"],
        )
        csv = pn.widgets.FileDownload(
            callback=self._csv,
            filename="contributions.csv",
            label="Download CSV",
            embed=False,
            color="primary",
            variant="outline",
            width=160,
            css_classes=["download-csv"],
        )
        xlsx = pn.widgets.FileDownload(
            callback=self._xlsx,
            filename="contributions.xlsx",
            label="Download XLSX",
            embed=False,
            color="primary",
            variant="outline",
            width=160,
            css_classes=["download-xlsx"],
        )
        return [pn.Row(search, csv, xlsx, sizing_mode="stretch_width")]

    def rows(self) -> pd.DataFrame:
        """The rows as shown: current filters, search and the table's sort order."""
        return self._table.current_view

    def _csv(self):
        return csv_bytes(self.rows())

    def _xlsx(self):
        return xlsx_bytes(self.rows())
