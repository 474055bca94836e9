"""A TCP proxy on 127.0.0.1 that delays every byte by a fixed time in each direction.

Put in front of JupyterLab, it makes the browser-server round trip what it is on Binder or a
university JupyterHub: with ``delay_s=0.05`` every request and every kernel message pays
+100 ms round trip (HTTP and websockets alike; order within a connection is kept, bandwidth
is not limited). Used by ``benchmarks/bench_browser.py`` and the browser tests::

    with LabServer() as server, DelayProxy(server.port, 0.05) as proxy:
        session = NotebookSession(browser, proxy.server(server), "x.ipynb")
"""
from __future__ import annotations

import asyncio
import threading
import time

from labdriver import Loopback


class DelayProxy:
    """Forward ``127.0.0.1:<port>`` to ``127.0.0.1:<target_port>``, each chunk ``delay_s`` late.

    ``delay_s`` may be changed while the proxy runs (e.g. load a page fast, then slow the
    connection down before the step under test); it applies to chunks read from then on.
    """

    def __init__(self, target_port: int, delay_s: float):
        if delay_s < 0:
            raise ValueError(f"delay_s must be >= 0, got {delay_s!r}")
        self.target_port, self.delay_s = target_port, delay_s
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.base_events.Server | None = None
        self._tasks: set[asyncio.Task] = set()

    # --- the proxy --------------------------------------------------------------------------
    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        queue: asyncio.Queue = asyncio.Queue()

        async def read() -> None:
            try:
                while True:
                    chunk = await reader.read(65536)
                    queue.put_nowait((time.monotonic() + self.delay_s, chunk))
                    if not chunk:
                        return
            except ConnectionError:
                queue.put_nowait((time.monotonic(), b""))

        async def write() -> None:
            try:
                while True:
                    due, chunk = await queue.get()
                    wait = due - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    if not chunk:
                        break
                    writer.write(chunk)
                    await writer.drain()
            except ConnectionError:
                pass
            finally:
                writer.close()

        await asyncio.gather(read(), write(), return_exceptions=True)

    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._tasks.add(task)
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_w.close()
            self._tasks.discard(task)
            return
        try:
            await asyncio.gather(self._pipe(client_r, server_w), self._pipe(server_r, client_w))
        except asyncio.CancelledError:
            pass  # stop(): end quietly (asyncio's stream callback would report a cancelled handler)
        finally:
            client_w.close()
            server_w.close()
            self._tasks.discard(task)

    # --- start / stop -----------------------------------------------------------------------
    def start(self) -> DelayProxy:
        self._loop = asyncio.new_event_loop()
        started = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            self._server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
            self.port = self._server.sockets[0].getsockname()[1]
            started.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="delay-proxy", daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("the delaying proxy did not start")
        return self

    async def _shutdown(self) -> None:
        self._server.close()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def stop(self) -> None:
        loop = self._loop
        if loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(10)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            self._thread.join(10)
            loop.close()
            self._loop = None

    def __enter__(self) -> DelayProxy:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- a LabServer seen through the proxy -----------------------------------------------------
    def server(self, lab) -> ProxiedServer:
        """``lab`` (a LabServer) as the browser sees it through this proxy."""
        return ProxiedServer(lab, self)


class ProxiedServer(Loopback):
    """A LabServer whose ``url``/``host`` are the proxy's (everything else is the server's)."""

    def __init__(self, lab, proxy: DelayProxy):
        self._lab, self._proxy = lab, proxy

    @property  # type: ignore[override]
    def port(self) -> int:
        return self._proxy.port

    def __getattr__(self, name):
        return getattr(self._lab, name)
