"""Settings: defaults, environment overrides, keyword overrides."""

from __future__ import annotations

from pathlib import Path

from dashboard.config import SETTINGS, Settings, get_settings


def test_defaults_point_at_the_committed_data(monkeypatch):
    for setting in SETTINGS:
        monkeypatch.delenv(setting.env, raising=False)
    settings = get_settings()
    assert (settings.data_dir / "series" / "2022" / "meetings_2022.csv").exists()
    assert settings.db_path == settings.data_dir / "dialogues.duckdb"
    assert settings.store_raw_email is False and settings.min_cell_size == 5


def test_environment_overrides_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("DIALOGUES_DB", str(tmp_path / "x.duckdb"))
    monkeypatch.setenv("DIALOGUES_CACHE_TTL", "0")
    monkeypatch.setenv("DIALOGUES_STORE_RAW_EMAIL", "yes")
    settings = get_settings()
    assert settings.db_path == tmp_path / "x.duckdb"
    assert settings.cache_ttl_seconds == 0 and settings.store_raw_email is True
    assert get_settings(db_path=Path("/elsewhere.duckdb")).db_path == Path("/elsewhere.duckdb")


def test_every_setting_has_help_and_a_field():
    assert {s.name for s in SETTINGS} == set(Settings.__dataclass_fields__)
    assert all(len(s.help) > 20 and s.env.startswith("DIALOGUES_") for s in SETTINGS)
