"""Jupyter server extension: serve plotly's widget JavaScript from the local server (no CDN),
and send kernel messages without Nagle's delay.

Enabled by ``etc/jupyter/jupyter_server_config.d/virtlab_widgets.json`` (installed with the
package), or by hand: ``jupyter server extension enable virtlab_widgets.jupyter.server_ext``.
It adds one read-only route, ``{base_url}virtlab/plotly/{version}/widgetbundle.js``, which
returns the ``widgetbundle.js`` of the plotly installed next to the server, only if ``version``
is that plotly's version (so the kernel's figures never get a mismatched bundle; a 404 makes
:mod:`virtlab_widgets.jupyter.figurewidget` ask the kernel instead). Versioned URLs are cached
by the browser for a year (gzip: 4.96 MB -> ~1.4 MB), so each browser downloads plotly.js
once, not once per figure.

The route is public (``allow_unauthenticated``): it serves a file every plotly installation
ships, nothing of the user's. That matters under JupyterHub (and so Binder): the browser's
module ``import()`` is a cookie-authenticated GET without an XSRF token, which the hub's
single-user auth rejects with a redirect to the login page (a 302 loop), so every page fell
back to fetching the bundle over the kernel websocket (tests/hub checks a real hub).

The extension also gzips the server's text responses (tornado's ``GZipContentEncoding``
transform, added with the public ``Application.add_transform``): JupyterLab's own
``jupyterlab-plotly`` extension alone is 4.85 MB of JavaScript per page load uncompressed.
"""
from __future__ import annotations

import gzip
import importlib.metadata
import importlib.util
import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

try:
    from jupyter_server.auth.decorator import allow_unauthenticated
except ImportError:  # jupyter_server < 2.13: handlers without a decorator are public already
    _Method = TypeVar("_Method", bound=Callable[..., Any])

    def allow_unauthenticated(method: _Method) -> _Method:
        return method

ROUTE = "virtlab/plotly"  # keep in step with figurewidget.py


def _plotly_package_data() -> Path | None:
    spec = importlib.util.find_spec("plotly")  # no import: keep the server start light
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "package_data"


@lru_cache(maxsize=4)
def _bundle_bytes(path: str, gzipped: bool) -> bytes:
    data = Path(path).read_bytes()
    return gzip.compress(data, compresslevel=6, mtime=0) if gzipped else data


class PlotlyBundleHandler(JupyterHandler):
    """Serves ``widgetbundle.js`` for exactly the installed plotly version (gzip, cached a year)."""

    def initialize(self, path: str, version: str) -> None:
        self.bundle_path = path
        self.version = version

    @allow_unauthenticated
    def get(self, version: str) -> None:
        if version != self.version:
            raise web.HTTPError(404)
        gzipped = "gzip" in self.request.headers.get("Accept-Encoding", "")
        body = _bundle_bytes(self.bundle_path, gzipped)
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.set_header("Vary", "Accept-Encoding")
        if gzipped:
            self.set_header("Content-Encoding", "gzip")
        self.finish(body)


def _kernel_websockets_without_nagle(log: logging.Logger) -> None:
    """Send kernel messages without Nagle's delay (TCP_NODELAY on kernel websockets).

    Jupyter server leaves Nagle's algorithm on for kernel websockets; a slider move's reply is a
    burst of small frames (status, restyle, summary), and Nagle holds all but the first until
    the browser's delayed ACK, ~40 ms on Linux: measured 40-45 ms of a ~95 ms slider -> plot
    round trip (benchmarks/bench_browser.py). Tornado documents ``set_nodelay(True)`` for exactly
    this; Jupyter does not call it, so the extension does, on every kernel websocket it opens.
    """
    try:
        from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
    except ImportError:  # pragma: no cover - other jupyter_server layouts: keep the default
        return
    if getattr(KernelWebsocketHandler, "_virtlab_nodelay", False):
        return
    original = KernelWebsocketHandler.open

    async def open(self: KernelWebsocketHandler, *args: Any, **kwargs: Any) -> None:  # tornado's method name
        try:
            self.set_nodelay(True)
        except Exception as e:  # noqa: BLE001 - never break the kernel connection over a socket option
            log.debug("virtlab_widgets: set_nodelay failed: %s", e)
        return await original(self, *args, **kwargs)

    # A deliberate patch of jupyter_server's handler (it offers no hook for socket options);
    # tests/browser/test_server_ext.py checks that the patched method still exists.
    KernelWebsocketHandler.open = open  # type: ignore[method-assign]  # the patch itself
    KernelWebsocketHandler._virtlab_nodelay = True  # type: ignore[attr-defined]  # our marker: patch once


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "virtlab_widgets.jupyter.server_ext"}]


def _compress_responses(web_app) -> None:
    """gzip text responses (JavaScript, CSS, JSON) for clients that accept it."""
    if web.GZipContentEncoding not in web_app.transforms:
        web_app.add_transform(web.GZipContentEncoding)


def _load_jupyter_server_extension(serverapp) -> None:
    _kernel_websockets_without_nagle(serverapp.log)
    _compress_responses(serverapp.web_app)
    data = _plotly_package_data()
    if data is None or not (data / "widgetbundle.js").is_file():
        serverapp.log.warning("virtlab_widgets: plotly's widgetbundle.js not found; figures load it from the kernel")
        return
    version = importlib.metadata.version("plotly")
    web_app = serverapp.web_app
    pattern = url_path_join(web_app.settings["base_url"], ROUTE, r"([^/]+)", r"widgetbundle\.js")
    bundle = str(data / "widgetbundle.js")
    web_app.add_handlers(".*$", [(pattern, PlotlyBundleHandler, {"path": bundle, "version": version})])
    serverapp.log.info("virtlab_widgets: serving plotly %s widget JS at %s", version, pattern)


# Older name used by some Jupyter server versions.
load_jupyter_server_extension = _load_jupyter_server_extension
