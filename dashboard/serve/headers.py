"""Security headers on every response of the served dashboard (pages, static files, the
login page, /health, errors), added once as a tornado output transform.

The Content-Security-Policy is as strict as Bokeh 3.9 and Panel 1.9 allow: every
resource from this server only (no outside host), websockets to this origin only, no
plugins, no framing, forms posting here only. Scripts need ``'unsafe-inline'`` (the page
carries the document and its bootstrapping as inline scripts), ``'unsafe-eval'``
(Bokeh compiles ``CustomJS`` callbacks with ``new Function``) and ``blob:`` (Panel's
bundled es-module-shims loads the modules it rewrites from blob URLs, which only a
script already on the page can create); styles need
``'unsafe-inline'`` (Bokeh and Panel set element styles). Nothing from a link, a file or
a widget is ever rendered as markup (``dashboard.markup``), which is what keeps those
two allowances safe.
"""

from __future__ import annotations

from tornado.web import OutputTransform

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",  # CSP 3: 'self' covers ws:// and wss:// to this origin
        "media-src 'self' data: blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Only where every visit is over HTTPS: a browser then refuses plain HTTP for a year.
HSTS = {"Strict-Transport-Security": "max-age=31536000; includeSubDomains"}


def security_headers(behind_tls: bool) -> dict[str, str]:
    """The headers every response carries (HSTS only behind TLS)."""
    return {**HEADERS, **(HSTS if behind_tls else {})}


def header_transform(behind_tls: bool) -> type[OutputTransform]:
    """An ``OutputTransform`` class for ``Application.add_transform`` that sets them."""
    headers = security_headers(behind_tls)

    class SecurityHeaders(OutputTransform):
        def transform_first_chunk(self, status_code, response_headers, chunk, finishing):
            for name, value in headers.items():
                response_headers[name] = value
            return status_code, response_headers, chunk

    return SecurityHeaders
