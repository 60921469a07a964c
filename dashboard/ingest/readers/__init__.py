"""One reader per export format, behind one protocol (``base.Reader``) and a registry.

``detect.py`` asks every registered reader to sniff a file and picks the most confident.
"""

from __future__ import annotations

from . import indico, msforms, teams, teams_list, template, zoom
from .base import ReadContext, Reader, register, registered

for _reader in (
    teams,
    teams_list,
    zoom,
    msforms,
    indico,
    template.participation,
    template.submissions,
):
    register(_reader)

__all__ = ["ReadContext", "Reader", "register", "registered"]
