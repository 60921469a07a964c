"""Settings in one place: each has a default, an environment variable and help text.

Read them with ``get_settings()``; environment variables override the defaults, so
``DIALOGUES_DB=/srv/dialogues.duckdb panel serve dashboard/app.py`` points the app at
another store. ``SETTINGS`` is the documented list (the README's table is checked
against it by a test).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


BUNDLED_DATA_DIR = PACKAGE_DIR / "_data"


def _default_data_dir() -> Path:
    """The committed ``data/`` folder: beside the package in a checkout, inside it in a wheel."""
    return BUNDLED_DATA_DIR if BUNDLED_DATA_DIR.is_dir() else PACKAGE_DIR.parent / "data"


def _default_db_path(data_dir: Path) -> Path:
    """Beside the sources in a checkout; in the user's data folder for an installed wheel,
    whose package folder may not be writable."""
    if data_dir != BUNDLED_DATA_DIR:
        return data_dir / "dialogues.duckdb"
    user_data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return user_data / "dialogues" / "dialogues.duckdb"


def _default_users_file() -> Path:
    """Outside the project and the store: passwords never sit beside shared data."""
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config_home / "dialogues" / "users.json"


def _default_key_file() -> Path:
    """In the user's config folder: apart from the data and the store it protects."""
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "dialogues" / "pseudonym.key"


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "data_dir",
        "DIALOGUES_DATA_DIR",
        None,
        "Folder of committed sources the store is built from (series CSVs, reference "
        "tables, sector label mapping). Default: the project's data/ folder.",
    ),
    Setting(
        "db_path",
        "DIALOGUES_DB",
        None,
        "The DuckDB store the app, notebooks and CLI read. Built on first use when "
        "missing. Default: dialogues.duckdb in the data folder.",
    ),
    Setting(
        "cache_ttl_seconds",
        "DIALOGUES_CACHE_TTL",
        300,
        "How long each query's result is cached, in seconds; 0 disables.",
    ),
    Setting(
        "cache_size",
        "DIALOGUES_CACHE_SIZE",
        512,
        "How many query results are kept in the per-process cache; the least recently "
        "used go first.",
    ),
    Setting(
        "min_cell_size",
        "DIALOGUES_MIN_CELL",
        5,
        "Public outputs suppress counts below this (small-cell suppression).",
    ),
    Setting(
        "min_minutes_attended",
        "DIALOGUES_MIN_MINUTES",
        10,
        "Minutes present an online participant needs to count as having attended.",
    ),
    Setting(
        "store_raw_email",
        "DIALOGUES_STORE_RAW_EMAIL",
        False,
        "Keep raw e-mail addresses in participants.email. Off: only the keyed hash.",
    ),
    Setting(
        "pseudonym_key",
        "DIALOGUES_PSEUDONYM_KEY",
        "",
        "Secret key for participant pseudonyms (HMAC-SHA256). When empty, the key file "
        "(pseudonym_key_file) is read. Never kept in the store.",
    ),
    Setting(
        "uploads_enabled",
        "DIALOGUES_UPLOADS",
        True,
        "Show the dashboard's upload panel, where staff load exports into the store. "
        "Turn it off where exports should be loaded from the command line only.",
    ),
    Setting(
        "fuzzy_match_threshold",
        "DIALOGUES_FUZZY_THRESHOLD",
        92,
        "Similarity (0-100) above which an imported organization name is matched to "
        "an existing organization.",
    ),
    Setting(
        "auth",
        "DIALOGUES_AUTH",
        "",
        "How `dialogues serve` authenticates: users (the users file), oauth (the OAuth "
        "provider below) or empty (none: the server then binds to localhost only).",
    ),
    Setting(
        "users_file",
        "DIALOGUES_USERS_FILE",
        None,
        "The users file `dialogues users` writes and basic authentication reads (names, "
        "roles, scrypt password hashes; owner-only). Default: dialogues/users.json in "
        "the user's config folder ($XDG_CONFIG_HOME or ~/.config).",
    ),
    Setting(
        "staff",
        "DIALOGUES_STAFF",
        "",
        "Comma-separated OAuth user names or e-mail addresses that get the staff role "
        "(the upload panel); everyone else who signs in is a viewer.",
    ),
    Setting(
        "cookie_secret",
        "DIALOGUES_COOKIE_SECRET",
        "",
        "Secret that signs login cookies (required with authentication; e.g. the "
        "output of `python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`).",
    ),
    Setting(
        "oauth_provider",
        "DIALOGUES_OAUTH_PROVIDER",
        "azurev2",
        "Panel's OAuth provider for DIALOGUES_AUTH=oauth: azurev2 is Microsoft Entra ID "
        "(also github, google, okta, auth0, gitlab, generic).",
    ),
    Setting(
        "oauth_key",
        "DIALOGUES_OAUTH_KEY",
        "",
        "The OAuth application (client) id registered with the provider.",
    ),
    Setting(
        "oauth_secret",
        "DIALOGUES_OAUTH_SECRET",
        "",
        "The OAuth client secret registered with the provider.",
    ),
    Setting(
        "oauth_tenant",
        "DIALOGUES_OAUTH_TENANT",
        "",
        "The Microsoft Entra ID tenant (directory) id, so only your organization's "
        "accounts can sign in.",
    ),
    Setting(
        "oauth_redirect_uri",
        "DIALOGUES_OAUTH_REDIRECT_URI",
        "",
        "The public address the provider sends users back to, e.g. "
        "https://dialogues.example.org/login (as registered with the provider).",
    ),
    Setting(
        "oauth_encryption_key",
        "DIALOGUES_OAUTH_ENCRYPTION_KEY",
        "",
        "Key that encrypts OAuth tokens in cookies (required with oauth; a Fernet key: "
        "`python3 -c 'from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())'`).",
    ),
    Setting(
        "behind_tls",
        "DIALOGUES_BEHIND_TLS",
        False,
        "The server is reached over HTTPS only (e.g. behind nginx with TLS): send "
        "Strict-Transport-Security, so browsers refuse plain HTTP to it.",
    ),
    Setting(
        "pseudonym_key_file",
        "DIALOGUES_PSEUDONYM_KEY_FILE",
        None,
        "File holding the pseudonym key (owner-only permissions), created by `dialogues "
        "key new`. Needed before the first real import unless DIALOGUES_PSEUDONYM_KEY is "
        "set. Default: dialogues/pseudonym.key in the user's config folder "
        "(XDG_CONFIG_HOME or ~/.config).",
    ),
    Setting(
        "store_check_seconds",
        "DIALOGUES_STORE_CHECK_SECONDS",
        1,
        "How often (seconds) a serving process checks whether a load replaced the store; "
        "0 checks before every query.",
    ),
    Setting(
        "write_wait_seconds",
        "DIALOGUES_WRITE_WAIT",
        120,
        "How long a load, build or migration waits for another one writing the store.",
    ),
    Setting(
        "max_upload_mb",
        "DIALOGUES_MAX_UPLOAD_MB",
        10,
        "Largest export file (MB) the upload panel and `dialogues ingest` accept; also "
        "what bounds a load's memory (about 40 times a CSV's size).",
    ),
    Setting(
        "max_unpacked_mb",
        "DIALOGUES_MAX_UNPACKED_MB",
        100,
        "Largest total unpacked size (MB) of an .xlsx workbook, read from its zip "
        "directory before anything is unpacked.",
    ),
    Setting(
        "max_zip_ratio",
        "DIALOGUES_MAX_ZIP_RATIO",
        200,
        "Largest compression ratio of a workbook entry; a higher one is a zip bomb.",
    ),
    Setting(
        "max_zip_entries",
        "DIALOGUES_MAX_ZIP_ENTRIES",
        1000,
        "Most files an .xlsx workbook may hold.",
    ),
)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    db_path: Path
    cache_ttl_seconds: int
    cache_size: int
    min_cell_size: int
    min_minutes_attended: int
    store_raw_email: bool
    pseudonym_key: str
    uploads_enabled: bool
    fuzzy_match_threshold: int
    auth: str
    users_file: Path
    staff: str
    cookie_secret: str
    oauth_provider: str
    oauth_key: str
    oauth_secret: str
    oauth_tenant: str
    oauth_redirect_uri: str
    oauth_encryption_key: str
    behind_tls: bool
    pseudonym_key_file: Path
    store_check_seconds: int
    write_wait_seconds: int
    max_upload_mb: int
    max_unpacked_mb: int
    max_zip_ratio: int
    max_zip_entries: int


def _parse(raw: str, default: object) -> object:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    return raw


def get_settings(**overrides: object) -> Settings:
    """Defaults, overridden by the environment, overridden by keyword arguments."""
    values: dict[str, object] = {}
    for setting in SETTINGS:
        raw = os.environ.get(setting.env)
        values[setting.name] = setting.default if raw is None else _parse(raw, setting.default)
    values.update({k: v for k, v in overrides.items() if v is not None})
    data_dir = Path(values["data_dir"] or _default_data_dir())
    values["data_dir"] = data_dir
    values["db_path"] = Path(values["db_path"] or _default_db_path(data_dir))
    values["users_file"] = Path(values["users_file"] or _default_users_file())
    values["pseudonym_key_file"] = Path(values["pseudonym_key_file"] or _default_key_file())
    assert {f.name for f in fields(Settings)} == set(values), "SETTINGS and Settings differ"
    return Settings(**values)
