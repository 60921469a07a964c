"""The Constructive Dialogues participation dashboard, as a library.

For notebooks and scripts::

    import dashboard
    d = dashboard.open()              # the store: DIALOGUES_DB, or the built-in one
    d.state.sessions = ["CD-2022-FA"] # the same filters as the app
    d.attendance_by_sector()          # each dashboard question as a DataFrame
    d.plot.attendance_by_sector()     # each view as a HoloViews object
    d.app()                           # the whole dashboard, inline in JupyterLab
    d.sql("SELECT ... WHERE session_id = ?", ["CD-2022-FA"])

``open``/``Dialogues`` are the facade (``dashboard.api``); ``DashboardState``, ``Filters``
and ``DataSource`` are the layers it composes. Importing ``dashboard`` does not import
Panel: only the methods that show Panel objects do.
"""

from importlib.metadata import PackageNotFoundError, version

from .api import Dialogues, open
from .data import DataSource
from .privacy import suppress_small_cells
from .queries import Filters
from .state import DashboardState

try:
    __version__ = version("dialogues-dashboard")
except PackageNotFoundError:  # a checkout on sys.path without `pip install -e .`
    __version__ = "0+unknown"

__all__ = [
    "DashboardState",
    "DataSource",
    "Dialogues",
    "Filters",
    "__version__",
    "open",
    "suppress_small_cells",
]
