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


def _cmd_ingest(args: argparse.Namespace) -> int:
    import json

    from .ingest import ingest_files

    summaries = ingest_files(
        args.files,
        args.session,
        kind=args.kind,
        db_path=args.db,
        progress=not args.json and sys.stderr.isatty(),
        on_refusal="report",
    )
    if args.json:
        print(json.dumps([s.to_dict() for s in summaries], indent=2, default=str))
    else:
        for summary in summaries:
            stream = sys.stderr if summary.status == "refused" else sys.stdout
            print(summary.describe(), file=stream)
    return 2 if any(s.status == "refused" for s in summaries) else 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .api import Dialogues
    from .export import export

    d = Dialogues.open(args.db)
    if args.link:  # what the link asks for that this store cannot show, as in the app
        for notice in d.apply_url(args.link):
            print(f"dialogues export: {notice}", file=sys.stderr)
    print(f"Wrote {export(d, args.format, args.out)}")
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
    ingest = commands.add_parser(
        "ingest",
        help="load registration, attendance or submission exports",
        description="Load exports (Teams or Zoom attendance, Microsoft Forms or Indico "
        "registrations, the participation or submissions template) for one "
        "session. The format is detected from each file's content; each file "
        "is loaded in one transaction; a file loaded before changes nothing. "
        "Exit status 2 when any file is refused.",
    )
    ingest.add_argument("files", nargs="+", metavar="FILE", type=Path)
    ingest.add_argument(
        "--session",
        required=True,
        metavar="SESSION_ID",
        help="the session the files are about, e.g. CD-2022-FA",
    )
    ingest.add_argument(
        "--kind",
        choices=["registration", "attendance", "submissions"],
        help="what the files must be (checked against their content)",
    )
    ingest.add_argument("--db", type=Path, help=db_help)
    ingest.add_argument(
        "--json",
        action="store_true",
        help="print the summaries as JSON (records_read, participants, "
        "loaded, rejected, already_loaded, ...)",
    )
    ingest.set_defaults(func=_cmd_ingest)

    from .export import FORMATS  # the formats' names only: writers load when used

    export = commands.add_parser(
        "export",
        help="write the briefing pack of a dashboard view",
        description="Write the briefing of a dashboard view (the whole series, or the view "
        "of --link) as one format. Counts of fewer than min_cell_size people are "
        "suppressed. Formats: "
        + "; ".join(f"{name}: {spec[3]}" for name, spec in FORMATS.items())
        + ".",
    )
    export.add_argument("--format", required=True, choices=list(FORMATS))
    export.add_argument("--out", required=True, type=Path, metavar="PATH")
    export.add_argument(
        "--link",
        metavar="URL_OR_QUERY",
        help="a dashboard link, or its query string (sessions=CD-2022-FA&count=registered)",
    )
    export.add_argument("--db", type=Path, help=db_help)
    export.set_defaults(func=_cmd_export)
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
