"""The dashboard's briefing controls and print stylesheet.

``BriefingButtons``: "Download briefing" in a chosen format (the same ``dashboard.export``
code path as ``dialogues export`` and ``d.export``, for the page's current state) and
"Present", which opens the presenter view (``/briefing``) on the page's current URL.
``PRINT_CSS``: the browser's print of ``/app`` gives the cards without the sidebar and
the header's buttons, a row of cards per page.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import panel as pn
import param

from ..api import Dialogues
from ..data import DataSource
from ..export import FORMATS, build_briefing, write
from ..state import DashboardState

FORMAT_LABELS = {
    "PowerPoint (.pptx)": "pptx",
    "Web page (.html)": "html",
    "PDF (.pdf)": "pdf",
    "Pictures (.png, zipped)": "png",
    "Tables (.xlsx)": "xlsx",
}
# The presenter view is served beside /app: same folder, same query string.
OPEN_PRESENTER = "window.open('briefing' + window.location.search, '_blank');"

# The header is dark with light text, which the select would inherit.
READABLE_SELECT = "select.bk-input { color: #212529; background-color: #ffffff; }"

# Page-wide CSS (the template's own light DOM): the template's full-height, scrolling
# frame becomes a plain page (blocks, not flex: Chromium breaks pages between blocks).
# Each top-level component of the main area (under Panel's "display: contents" root)
# stays whole, and each row of cards starts a page. Landscape A3 keeps about the
# screen's width, so the charts keep their on-screen layout.
PRINT_CSS = """
@media print {
  @page { size: 420mm 297mm; margin: 10mm; }
  #header, #sidebar, #sidebar-toggle, #pn-Modal { display: none !important; }
  html, body, #container, #content, #main {
    height: auto !important; max-height: none !important; overflow: visible !important;
  }
  #container, #content, #main, #main > div { display: block !important; }
  #main { width: 100% !important; max-width: none !important; flex: none !important; }
  #main > div > div > * { break-inside: avoid; page-break-inside: avoid; }
  #main > div > div > .bk-GridBox { break-before: page; page-break-before: always; }
}
"""


def printable(template: pn.template.BaseTemplate) -> pn.template.BaseTemplate:
    """The template with the print stylesheet added (in its own config, per page)."""
    template.config.raw_css.append(PRINT_CSS)
    return template


class BriefingButtons(pn.viewable.Viewer):
    """Format, "Download briefing" and "Present", for the state of this page."""

    state = param.ClassSelector(class_=DashboardState, allow_refs=False)
    source = param.ClassSelector(class_=DataSource, allow_refs=False)

    def __init__(self, **params):
        super().__init__(**params)
        self.format = pn.widgets.Select(
            options=FORMAT_LABELS, value="pptx", width=190, margin=(0, 4),
            css_classes=["briefing-format"], stylesheets=[READABLE_SELECT],
        )  # fmt: skip
        self.download = pn.widgets.FileDownload(
            callback=self._file, filename=self._filename(), label="Download briefing",
            color="light", embed=False, width=170, margin=(0, 4),
            css_classes=["download-briefing"],
        )  # fmt: skip
        self.format.param.watch(self._rename, "value")
        self.present = pn.widgets.Button(
            label="Present", color="light", width=100, margin=(0, 8),
            css_classes=["present-briefing"],
        )  # fmt: skip
        self.present.js_on_click(code=OPEN_PRESENTER)

    def _filename(self) -> str:
        return f"briefing{FORMATS[self.format.value][2]}"

    def _rename(self, event) -> None:
        self.download.filename = self._filename()

    def _file(self) -> io.BytesIO:
        """The briefing of the page's current state, as the chosen format's bytes."""
        briefing = build_briefing(Dialogues(self.source, self.state))
        with tempfile.TemporaryDirectory() as folder:
            path = write(briefing, self.format.value, Path(folder) / self._filename())
            return io.BytesIO(path.read_bytes())

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Row(self.format, self.download, self.present, margin=0)
