"""`dialogues`: thin commands over the store, the ingest pipeline and the app."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import get_settings
from .errors import DialoguesError


def _cmd_build(args: argparse.Namespace) -> int:
    from .store.build import build_store
    settings = get_settings(db_path=args.db)
    summary = build_store(settings.db_path, settings.data_dir, replace=True)
    print(f"Built {settings.db_path}: " + ", ".join(f"{n} {t}" for t, n in summary.items()))
    return 0


def _cmd_migrate(args: argparse.Namespace) -> int:
    from .store.connection import connect
    from .store.migrate import migrate
    db = get_settings(db_path=args.db).db_path
    con = connect(db, read_only=False)
    try:
        print(f"{db}: schema version {migrate(con)}")
    finally:
        con.close()
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from .data import DataSource
    source = DataSource.open(args.db)
    print(source.headline().T.to_string(header=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dialogues", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    db_help = "the DuckDB store (default: DIALOGUES_DB or data/dialogues.duckdb)"

    build = commands.add_parser("build", help="(re)build the store from the committed data/")
    build.add_argument("--db", type=Path, help=db_help)
    build.set_defaults(func=_cmd_build)

    migrate = commands.add_parser("migrate", help="bring an older store to the current schema")
    migrate.add_argument("--db", type=Path, help=db_help)
    migrate.set_defaults(func=_cmd_migrate)

    info = commands.add_parser("info", help="print the store's headline figures")
    info.add_argument("--db", type=Path, help=db_help)
    info.set_defaults(func=_cmd_info)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DialoguesError as exc:
        print(f"dialogues {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
