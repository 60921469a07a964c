"""`dialogues`: thin commands over the store, the ingest pipeline and the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import get_settings
from .errors import DialoguesError


def _cmd_build(args: argparse.Namespace) -> int:
    from .store.build import build_store
    from .store.imports import list_imports

    settings = get_settings(db_path=args.db)
    try:  # how many a discarding build drops; a store that cannot be read: unknown
        before = len(list_imports(settings.db_path)) if args.discard_imports else 0
    except DialoguesError:
        before = "any"
    summary = build_store(
        settings.db_path, settings.data_dir, replace=True, discard_imports=args.discard_imports
    )
    print(f"Built {settings.db_path}: " + ", ".join(f"{n} {t}" for t, n in summary.items()))
    if args.discard_imports:
        print(f"discarded {before} loaded import(s): load their exports again to restore them")
    else:
        print(f"kept {len(list_imports(settings.db_path))} loaded import(s), replayed in order")
    return 0


def _cmd_migrate(args: argparse.Namespace) -> int:
    from .store import rollups
    from .store.archive import new_archived_version
    from .store.connection import connect
    from .store.migrate import migrate, schema_version

    settings = get_settings(db_path=args.db)
    db = settings.db_path
    with new_archived_version(db, wait_seconds=settings.write_wait_seconds) as (version, staged):
        con = connect(version.path, read_only=False)
        try:
            before = schema_version(con)
            after = migrate(con)
            if after != before:  # the archive follows what the migration did to the rows
                staged.refresh_all(con)
            stale = not rollups.ready(con)  # e.g. written by a version without rollups
            if stale:
                rollups.refresh(con)
            version.publish = after != before or stale
            con.execute("CHECKPOINT")
        finally:
            con.close()
    print(f"{db}: schema version {after}")
    return 0


def _cmd_key_new(args: argparse.Namespace) -> int:
    from .store.keys import write_key_file

    path = args.key_file or get_settings().pseudonym_key_file
    write_key_file(path)
    print(
        f"Wrote a new pseudonym key to {path} (owner-only). Keep a copy somewhere safe: "
        "without it, people in later loads cannot be matched to those already loaded."
    )
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
        replace=args.replace,
    )
    if args.json:
        print(json.dumps([s.to_dict() for s in summaries], indent=2, default=str))
    else:
        for summary in summaries:
            stream = sys.stderr if summary.status == "refused" else sys.stdout
            print(summary.describe(), file=stream)
    return 2 if any(s.status == "refused" for s in summaries) else 0


def _cmd_remap(args: argparse.Namespace) -> int:
    from .ingest.remap import remap

    changes = remap(args.db)
    for change in changes:
        print(change.describe())
    print(
        f"{len(changes)} change(s) written as a new store version"
        if changes
        else "Nothing to change: every kept sector label and country maps as before"
    )
    return 0


def _add_remap_command(commands, db_help: str) -> None:
    remap = commands.add_parser(
        "remap",
        help="apply edited sector labels and country aliases to what is already loaded",
        description="Map every loaded organization's sector label and participant's country "
        "again, from the values kept as read at ingest, after editing "
        "data/reference/sector_labels.csv or the country aliases; no reload. Prints what "
        "changed; writes a new store version.",
    )
    remap.add_argument("--db", type=Path, help=db_help)
    remap.set_defaults(func=_cmd_remap)


def _cmd_generate(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .store.generate import Plan, generate_store

    plan = Plan(scale=args.scale, seed=args.seed)
    with tqdm(total=plan.sessions, unit="session", disable=not sys.stderr.isatty()) as bar:
        counts = generate_store(args.db, get_settings().data_dir, plan, progress=bar.update)
    print(f"Generated {args.db}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve.server import ServeOptions, serve

    options = ServeOptions(
        address=args.address,
        port=args.port,
        allow_websocket_origin=tuple(args.allow_websocket_origin),
        num_procs=args.num_procs,
    )
    serve(options, get_settings(db_path=args.db))
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    password = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("Again: ") != password:
        raise DialoguesError("the two passwords differ; nothing changed.")
    return password


def _cmd_users(args: argparse.Namespace) -> int:
    from .serve import users

    path = get_settings(users_file=args.file).users_file
    if args.action == "add":
        new = users.add(path, args.name, args.role, _read_password(args))
        print(f"{'Added' if new else 'Updated'} {args.name} ({args.role}) in {path}")
    elif args.action == "remove":
        users.remove(path, args.name)
        print(f"Removed {args.name} from {path}")
    else:
        for name, role in users.roles(path).items():
            print(f"{name}\t{role}")
    return 0


def _add_serve_commands(commands) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve the dashboard (safe defaults: localhost, exact origins, XSRF, headers)",
        description="Serve the dashboard at /app, with /health. Bound to 127.0.0.1 unless "
        "--address says otherwise; any other address needs authentication "
        "(DIALOGUES_AUTH=users or oauth, and DIALOGUES_COOKIE_SECRET). Exit status 2 "
        "when the configuration is unsafe or incomplete.",
    )
    serve.add_argument("--address", default="127.0.0.1", help="address to bind (127.0.0.1)")
    serve.add_argument("--port", type=int, default=5006, help="port to listen on (5006)")
    serve.add_argument(
        "--allow-websocket-origin",
        action="append",
        default=[],
        metavar="HOST[:PORT]",
        help="a public name the page is reached at, e.g. behind a proxy "
        "(dialogues.example.org); repeatable",
    )
    serve.add_argument(
        "--num-procs", type=int, default=1, help="worker processes sharing the port (1)"
    )
    serve.add_argument("--db", type=Path, help="the DuckDB store (default: DIALOGUES_DB)")
    serve.set_defaults(func=_cmd_serve)

    users_parser = commands.add_parser(
        "users",
        help="who may sign in to the served dashboard (DIALOGUES_AUTH=users)",
        description="Add, list or remove users of the users file (DIALOGUES_USERS_FILE). "
        "Passwords are stored as salted scrypt hashes; the file is owner-only.",
    )
    actions = users_parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a user, or change a user's role and password")
    add.add_argument("name")
    add.add_argument("--role", choices=["viewer", "staff"], required=True)
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    remove = actions.add_parser("remove", help="remove a user")
    remove.add_argument("name")
    actions.add_parser("list", help="list users and roles")
    users_parser.add_argument("--file", type=Path, help="the users file (DIALOGUES_USERS_FILE)")
    users_parser.set_defaults(func=_cmd_users)


def _cmd_export(args: argparse.Namespace) -> int:
    from .api import Dialogues
    from .export import export

    d = Dialogues.open(args.db)
    if args.link:  # what the link asks for that this store cannot show, as in the app
        for notice in d.apply_url(args.link):
            print(f"dialogues export: {notice}", file=sys.stderr)
    print(f"Wrote {export(d, args.format, args.out)}")
    return 0


# Imports and series --------------------------------------------------------------------


def _cmd_imports(args: argparse.Namespace) -> int:
    from .store.imports import list_imports, remove_import

    if args.action == "remove":
        removed = remove_import(args.import_id, args.db)
        print(
            f"Removed import {removed.import_id} ({removed.file_name}, session "
            f"{removed.session_id}); every other import was kept"
        )
        return 0
    imports = list_imports(args.db)
    if args.json:
        print(imports.to_json(orient="records", date_format="iso", date_unit="us", indent=2))
    elif imports.empty:
        print("No loaded imports (only the illustrative samples)")
    else:
        print(imports.to_string(index=False))
    return 0


def _cmd_series_new(args: argparse.Namespace) -> int:
    from .store.series import new_series

    folder = new_series(args.data or get_settings().data_dir, args.year)
    print(
        f"Wrote {folder}: replace the example rows with the series' own (only series.csv "
        "and the meetings are required), then run `dialogues build`"
    )
    return 0


def _add_import_commands(commands, db_help: str) -> None:
    imports = commands.add_parser(
        "imports",
        help="list the loaded imports, or remove one",
        description="Without an action: list the loaded imports (id, file, format, kind, "
        "session, when, records read, loaded, rejected). `imports remove ID` undoes one: "
        "the store is rebuilt from data/ with every other import replayed, in one step.",
    )
    imports.add_argument("--db", type=Path, help=db_help)
    imports.add_argument("--json", action="store_true", help="list as JSON")
    actions = imports.add_subparsers(dest="action")
    remove = actions.add_parser("remove", help="remove one import (see the list for its id)")
    remove.add_argument("import_id", type=int, metavar="ID")
    remove.add_argument("--db", type=Path, help=db_help, default=argparse.SUPPRESS)
    imports.set_defaults(func=_cmd_imports)

    series = commands.add_parser("series", help="add a series (a year of meetings) to data/")
    series_commands = series.add_subparsers(dest="series_command", required=True)
    new = series_commands.add_parser(
        "new",
        help="write data/series/YEAR/ with every file's headers and one example row",
        description="Write the folder of a new series: series.csv and meetings (required), "
        "topics, people, published figures and figure rules (optional: delete what you do "
        "not have). Refuses a folder that is already there.",
    )
    new.add_argument("year", type=int, metavar="YEAR")
    new.add_argument("--data", type=Path, help="the data folder (default: DIALOGUES_DATA_DIR)")
    new.set_defaults(func=_cmd_series_new)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dialogues", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    db_help = "the DuckDB store (default: DIALOGUES_DB or data/dialogues.duckdb)"

    build = commands.add_parser("build", help="(re)build the store from the committed data/")
    build.add_argument("--db", type=Path, help=db_help)
    build.add_argument(
        "--discard-imports",
        action="store_true",
        help="drop every loaded import instead of replaying it (load the exports again)",
    )
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
        "--replace",
        action="store_true",
        help="each file corrects one loaded for the session under the same name: that "
        "import is removed and the file loaded, in one step",
    )
    ingest.add_argument(
        "--json",
        action="store_true",
        help="print the summaries as JSON (records_read, participants, "
        "loaded, rejected, already_loaded, ...)",
    )
    ingest.set_defaults(func=_cmd_ingest)
    _add_remap_command(commands, db_help)

    generate = commands.add_parser(
        "generate",
        help="write a synthetic store at any scale (illustrative data, for trying things)",
        description="Build the store from data/ and add 4 x SCALE synthetic sessions "
        "(about 150 participation rows each) over up to 20 years: --scale 100 gives "
        "400 sessions and about 60 thousand rows. Deterministic for a seed; every "
        "synthetic row is flagged illustrative.",
    )
    generate.add_argument("--scale", type=int, required=True, help="times the built-in data")
    generate.add_argument("--seed", type=int, default=2022, help="the random seed (2022)")
    generate.add_argument("--db", type=Path, required=True, help="where to write the store")
    generate.set_defaults(func=_cmd_generate)
    _add_serve_commands(commands)
    _add_import_commands(commands, db_help)

    key = commands.add_parser("key", help="the pseudonym key, kept outside the store")
    key_commands = key.add_subparsers(dest="key_command", required=True)
    key_new = key_commands.add_parser(
        "new",
        help="create a random pseudonym key file (owner-only); never overwrites one",
    )
    key_new.add_argument(
        "--key-file",
        type=Path,
        help="where to write it (default: DIALOGUES_PSEUDONYM_KEY_FILE or "
        "~/.config/dialogues/pseudonym.key)",
    )
    key_new.set_defaults(func=_cmd_key_new)

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
