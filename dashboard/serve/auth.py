"""Sign-in with Panel's own mechanisms: basic authentication against the users file, or an
OAuth provider (Microsoft Entra ID by default), and the role a signed-in user has.

Panel keeps the signed-in user in a signed cookie (``DIALOGUES_COOKIE_SECRET``) and
turns away every page, websocket and static request without one; the login handler
here checks names and passwords against the scrypt hashes of the users file and serves a
login form that carries the XSRF token (Panel's own form has none).
"""

from __future__ import annotations

from pathlib import Path

import tornado.escape
from jinja2 import Environment, FileSystemLoader, select_autoescape
from panel.auth import BasicAuthProvider, BasicLoginHandler
from tornado.ioloop import IOLoop

from ..config import Settings
from . import users

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["html"])
)


class UsersLoginHandler(BasicLoginHandler):
    """The login form and its check against the users file (``users_file`` set per server)."""

    users_file: Path

    def get(self) -> None:
        next_url = local_path(self.get_argument("next", ""))
        if next_url:
            self.set_cookie("next_url", next_url, httponly=True)
        page = TEMPLATES.get_template("login.html").render(
            action=self._login_endpoint,
            failed=bool(self.get_argument("error", "")),  # never echoed: the text is ours
            xsrf=tornado.escape.to_unicode(self.xsrf_token),
        )
        self.finish(page)

    async def post(self) -> None:
        name, password = self.get_argument("username", ""), self.get_argument("password", "")
        # scrypt takes a good fraction of a second on purpose: off the event loop, so a
        # login never stalls the pages of everyone else on this process.
        role = await IOLoop.current().run_in_executor(
            None, users.authenticate, self.users_file, name, password
        )
        if role is None:
            self.redirect(f"{self._login_endpoint}?error=1")
            return
        self.set_current_user(name)
        self.redirect(local_path(self.get_cookie("next_url", "")) or "/")


def local_path(url: str) -> str | None:
    """``url`` if it is a path on this server (never another host: no open redirect)."""
    return url if url.startswith("/") and not url.startswith(("//", "/\\")) else None


class UsersAuthProvider(BasicAuthProvider):
    """Panel's basic-auth provider, checking the users file instead of plain passwords."""

    def __init__(self, users_file: Path, **options):
        self.users_file = users_file  # before Bokeh's checks, which ask for login_handler
        super().__init__(**options)

    @property
    def login_handler(self) -> type[UsersLoginHandler]:
        return type(
            "LoginHandler",
            (UsersLoginHandler,),
            {"users_file": self.users_file, "_login_endpoint": self._login_endpoint},
        )


def staff_names(settings: Settings) -> set[str]:
    return {name.strip().lower() for name in settings.staff.split(",") if name.strip()}


def role_of(user: str | None, settings: Settings) -> str:
    """``staff`` or ``viewer`` for the signed-in user.

    No user means the server runs without authentication, which ``dialogues serve`` allows
    on localhost only: the one person at the machine is staff (local development).
    """
    if user is None:
        return "staff"
    if settings.auth == "users":
        return users.roles(settings.users_file).get(user, "viewer")
    return "staff" if user.lower() in staff_names(settings) else "viewer"
