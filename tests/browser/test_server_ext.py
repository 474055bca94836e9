"""The package's server extension against a real Jupyter server (no browser needed).

* plotly's widget JavaScript is served without authentication (a public file; JupyterHub
  redirects an XSRF-less module import to its login page otherwise) for exactly the installed
  plotly version;
* text assets are gzipped: JupyterLab's own jupyterlab-plotly extension, 4.85 MB per page load,
  goes over the wire at about 1.5 MB;
* the private jupyter_server hook it patches (Nagle off on kernel websockets) still exists:
  an upgrade that moves it fails here, loudly, instead of silently slowing every slider.
"""
from __future__ import annotations

import sys
import urllib.error
import urllib.request
from pathlib import Path

import plotly
import pytest
from labdriver import LabServer

LABEXT = Path(sys.prefix) / "share/jupyter/labextensions/jupyterlab-plotly/static"


TOKEN = "secret-class-token"


@pytest.fixture(scope="module")
def server():
    # a token-protected server: anything not public must be refused without the token
    with LabServer(token=TOKEN) as running:
        yield running


def _get(url: str, gzip: bool = False):
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.headers, r.read()


def test_plotly_bundle_is_public_and_versioned(server):
    status, headers, body = _get(f"{server.url}/virtlab/plotly/{plotly.__version__}/widgetbundle.js", gzip=True)
    assert status == 200 and headers["Content-Encoding"] == "gzip" and "immutable" in headers["Cache-Control"]
    with pytest.raises(urllib.error.HTTPError) as wrong:
        _get(f"{server.url}/virtlab/plotly/0.0.0/widgetbundle.js")
    assert wrong.value.code == 404
    with pytest.raises(urllib.error.HTTPError) as private:  # the rest of the server still needs the token
        _get(f"{server.url}/api/contents")
    assert private.value.code == 403


def test_jupyterlab_assets_are_gzipped(server):
    raw = sent = 0
    for path in sorted(LABEXT.glob("*.js")):
        status, headers, body = _get(f"{server.url}/lab/extensions/jupyterlab-plotly/static/{path.name}", gzip=True)
        assert status == 200
        raw += path.stat().st_size
        sent += len(body)
    assert raw > 1_000_000 and sent < raw / 2, f"jupyterlab-plotly: {raw} bytes on disk, {sent} sent"


def test_private_websocket_hook_still_exists():
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    from virtlab_widgets.jupyter import server_ext

    assert callable(KernelWebsocketHandler.open) and hasattr(KernelWebsocketHandler, "set_nodelay")
    server_ext._kernel_websockets_without_nagle(None)
    assert KernelWebsocketHandler._virtlab_nodelay is True
