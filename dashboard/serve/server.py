"""``dialogues serve``: Panel's server around ``dashboard/app.py`` with safe defaults.

Bound to 127.0.0.1 unless told otherwise; websockets only from the exact origins the
server is reached at; XSRF cookies on; unused sessions expired; no admin or REST
endpoints; security headers on every response; ``/health``. Without authentication it
refuses any address but localhost, and any public name (a proxy in front).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings, get_settings
from ..errors import DialoguesError
from . import users

PACKAGE = Path(__file__).resolve().parents[1]
PAGES = {"app": PACKAGE / "app.py", "briefing": PACKAGE / "briefing.py"}  # /app, /briefing
LOGOUT_PAGE = Path(__file__).with_name("logout.html")
AUTH_MODES = ("", "users", "oauth")
# A page's session that no browser connects to within 30 s is dropped, checked every 10 s
# (Bokeh's 15 s drops pages that a loaded 2-core machine takes longer to open); a page's
# session token, which opens its websocket, is valid for 5 minutes (Bokeh's default).
UNUSED_SESSION_MS = 30_000
CHECK_UNUSED_MS = 10_000
SESSION_TOKEN_MS = 300_000


class ServeError(DialoguesError):
    """The server was asked for something unsafe or incompletely configured."""


@dataclass(frozen=True)
class ServeOptions:
    address: str = "127.0.0.1"
    port: int = 5006
    allow_websocket_origin: tuple[str, ...] = ()
    num_procs: int = 1


def is_loopback(address: str) -> bool:
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def host(origin: str) -> str:
    """``dialogues.example.org`` of ``dialogues.example.org:443``."""
    return origin.rsplit(":", 1)[0] if origin.count(":") == 1 else origin


def websocket_origins(options: ServeOptions) -> list[str]:
    """``host:port`` of every page allowed to open a websocket: the address served (and
    ``localhost`` for a loopback address), plus the public names a proxy serves it under."""
    derived = []
    if is_loopback(options.address):
        derived = [f"localhost:{options.port}", f"127.0.0.1:{options.port}"]
    elif not ipaddress.ip_address(options.address).is_unspecified:
        derived = [f"{options.address}:{options.port}"]
    return list(dict.fromkeys([*derived, *options.allow_websocket_origin]))


def check(options: ServeOptions, settings: Settings) -> None:
    """Refuse an unsafe or incomplete configuration, saying how to fix it."""
    if settings.auth not in AUTH_MODES:
        raise ServeError(
            f"DIALOGUES_AUTH is '{settings.auth}'; use users, oauth or leave it empty."
        )
    public_names = [o for o in options.allow_websocket_origin if not is_loopback(host(o))]
    if not settings.auth and (not is_loopback(options.address) or public_names):
        exposed = options.address if not is_loopback(options.address) else public_names[0]
        raise ServeError(
            f"refusing to serve on {exposed} without authentication. Set "
            "DIALOGUES_AUTH=users (add users with `dialogues users add NAME --role "
            "viewer|staff`) or DIALOGUES_AUTH=oauth (DIALOGUES_OAUTH_KEY, "
            "DIALOGUES_OAUTH_SECRET, DIALOGUES_OAUTH_TENANT, DIALOGUES_OAUTH_ENCRYPTION_KEY), "
            "and DIALOGUES_COOKIE_SECRET; see the README's 'Serving securely'."
        )
    if options.num_procs > 1 and not options.port:
        raise ServeError("--num-procs above 1 needs a fixed --port (each process binds it).")
    if not websocket_origins(options):
        raise ServeError(
            f"serving on {options.address}: name the address browsers use with "
            "--allow-websocket-origin (e.g. dialogues.example.org)."
        )
    needed = {"users": ["cookie_secret"], "oauth": ["cookie_secret", "oauth_key"]}
    needed["oauth"] += ["oauth_secret", "oauth_encryption_key"]
    missing = [name for name in needed.get(settings.auth, []) if not getattr(settings, name)]
    if missing:
        raise ServeError(
            f"DIALOGUES_AUTH={settings.auth} needs "
            + ", ".join(f"DIALOGUES_{name.upper()}" for name in missing)
            + " in the environment."
        )
    if settings.auth == "users" and not users.roles(settings.users_file):
        raise ServeError(
            f"{settings.users_file}: no users yet; add one with "
            "`dialogues users add NAME --role staff`."
        )


def auth_options(settings: Settings) -> dict:
    """``get_server`` arguments for the configured sign-in (none, users file, OAuth)."""
    if not settings.auth:
        return {}
    common = {"cookie_secret": settings.cookie_secret}
    if settings.auth == "users":
        from .auth import UsersAuthProvider

        provider = UsersAuthProvider(settings.users_file, logout_template=str(LOGOUT_PAGE))
        return {**common, "auth_provider": provider}
    return {
        **common,
        "logout_template": str(LOGOUT_PAGE),  # Panel's own fetches its icon from a CDN
        "oauth_provider": settings.oauth_provider,
        "oauth_key": settings.oauth_key,
        "oauth_secret": settings.oauth_secret,
        "oauth_redirect_uri": settings.oauth_redirect_uri or None,
        "oauth_extra_params": {"tenant": settings.oauth_tenant} if settings.oauth_tenant else {},
        "oauth_encryption_key": settings.oauth_encryption_key,
    }


def start_workers(count: int) -> None:
    """Fork ``count`` worker processes, each to listen on the port with a socket of its own.

    Bokeh's ``num_procs`` forks after binding one socket that every worker shares; the
    worker the kernel wakes first accepts a whole burst of connections (measured: 23 of
    24; with 20 sessions opened at once, one worker used 57 s of CPU and the other 6).
    With ``SO_REUSEPORT`` on a socket per worker, the kernel spreads the connections
    over the workers instead. The parent stays in ``fork_processes``, restarting a worker
    that dies, and exits when they all have.
    """
    from bokeh.server import server as bokeh_server
    from tornado import netutil, process

    process.fork_processes(count)

    def bind_own_socket(address: str | None, port: int):
        return netutil.bind_sockets(port, address=address, reuse_port=True), port

    # Bokeh binds through this name when it makes the server; no option of its own does.
    bokeh_server.bind_sockets = bind_own_socket


def serve(options: ServeOptions, settings: Settings | None = None) -> None:
    """Check the configuration, then serve ``/app`` and ``/briefing`` until stopped."""
    settings = settings or get_settings()
    check(options, settings)
    import panel as pn  # late: checking the configuration must not need a server

    from ..store.connection import resolve_store
    from .headers import header_transform
    from .health import HealthHandler
    from .websocket import require_origin

    resolve_store(settings.db_path)  # built from data/ on a fresh clone, before any fork
    if options.num_procs > 1:
        start_workers(options.num_procs)  # from here on, in one worker process of several
    require_origin()
    server = pn.io.server.get_server(
        {route: str(path) for route, path in PAGES.items()},
        port=options.port,
        address=options.address,
        websocket_origin=websocket_origins(options),
        admin=False,
        session_history=0,
        liveness=False,
        show=False,
        xsrf_cookies=True,
        use_xheaders=settings.behind_tls,  # the client's address and scheme, from nginx
        unused_session_lifetime_milliseconds=UNUSED_SESSION_MS,
        check_unused_sessions_milliseconds=CHECK_UNUSED_MS,
        session_token_expiration=SESSION_TOKEN_MS,
        extra_patterns=[(r"/health", HealthHandler, {"db_path": settings.db_path})],
        **auth_options(settings),
    )
    server._tornado.add_transform(header_transform(settings.behind_tls))
    server.start()
    server.io_loop.start()
