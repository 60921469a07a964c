"""Readers: one protocol, one registry; detection asks every registered reader."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from dashboard.errors import IngestError
from dashboard.ingest.detect import detect
from dashboard.ingest.readers import base, register, registered
from dashboard.ingest.records import ParsedFile
from dashboard.ingest.source import Source


def test_every_reader_has_the_whole_protocol_and_its_own_format():
    readers = registered()
    assert [r.FORMAT for r in readers] == [
        "teams-attendance",
        "teams-attendance-list",
        "zoom-participants",
        "msforms-registration",
        "indico-registrants",
        "template-participation",
        "template-submissions",
    ]
    for reader in readers:
        assert isinstance(reader.DESCRIPTION, str) and reader.DESCRIPTION
        assert reader.KIND in reader.KINDS
        assert callable(reader.sniff) and callable(reader.read)


def test_register_refuses_what_is_not_a_reader_or_a_taken_format(monkeypatch):
    monkeypatch.setattr(base, "_REGISTERED", list(base._REGISTERED))
    with pytest.raises(TypeError, match="no DESCRIPTION, read"):
        register(SimpleNamespace(FORMAT="x", KIND="attendance", KINDS=(), sniff=len))
    taken = SimpleNamespace(**{**vars(_reader("zoom-participants")), "FORMAT": "zoom-participants"})
    with pytest.raises(ValueError, match="'zoom-participants' is already registered"):
        register(taken)


def _reader(fmt: str, score: float = 0.0, kinds=("attendance",)):
    return SimpleNamespace(
        FORMAT=fmt,
        KIND=kinds[0],
        KINDS=kinds,
        DESCRIPTION=f"{fmt} export",
        sniff=lambda source: score,
        read=lambda source, context: ParsedFile(source.name, source.sha256, fmt, kinds[0]),
    )


def test_a_registered_reader_is_detected_and_named_in_refusals(monkeypatch):
    monkeypatch.setattr(base, "_REGISTERED", list(base._REGISTERED))
    source = Source("webex.csv", b"Webex meeting,1\nSomeone,12\n")
    with pytest.raises(IngestError, match="expected one of: Microsoft Teams attendance report"):
        detect(source)
    webex = register(_reader("webex-attendance", score=0.7))
    assert detect(source) is webex
    with pytest.raises(IngestError, match="this is a webex-attendance export"):
        detect(source, kind="registration")
