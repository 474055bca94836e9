"""A plotly ``FigureWidget`` whose ~5 MB JavaScript is sent once per browser, not once per figure.

``go.FigureWidget`` is an anywidget: its JavaScript (plotly.js + the widget glue, plotly's
``package_data/widgetbundle.js``) is a synced trait (``_esm``) of *every* figure, so a notebook
with four figures sent ~20 MB over the kernel websocket, and the browser parsed plotly.js four
times. :class:`FigureWidget` keeps the whole ``go.FigureWidget`` Python API (it *is* one) and
replaces only ``_esm`` with a small loader that imports the same file once per page:

1. over HTTP from the local Jupyter server (``virtlab_widgets.jupyter.server_ext`` serves
   plotly's own ``widgetbundle.js`` at ``{base_url}virtlab/plotly/{plotly version}/widgetbundle.js``,
   versioned and cached by the browser; no CDN), or, where that route does not exist
   (VS Code, Colab, a server without the extension, a different plotly version),
2. from the kernel, once per page, over this widget's comm (a custom message).

It also makes every figure follow its container's width, which plotly's own widget does not
do under anywidget (it draws at plotly's default 700 px and never resizes): the figure is
drawn once its output area has a width, and redrawn at the new width whenever that changes
(a ``ResizeObserver``: window resizes, the side panel opening, presenter mode). A figure
keeps the ``height`` it was built with; only a ``layout.width`` set from Python pins it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import plotly
import plotly.graph_objects as go

from ..text import t

BUNDLE = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
ROUTE = "virtlab/plotly"  # under the server's base_url; see server_ext.py
REQUEST, REPLY = "virtlab:plotly-js?", "virtlab:plotly-js"

_HELPERS = r"""
const VERSION = __VERSION__;
const KEY = '__virtlabPlotlyWidget_' + VERSION;

function serverUrl() {
  const cfg = document.getElementById('jupyter-config-data');
  if (!cfg) return null;
  try {
    const base = JSON.parse(cfg.textContent).baseUrl || '/';
    return new URL(base + '__ROUTE__/' + encodeURIComponent(VERSION) + '/widgetbundle.js', location.href).href;
  } catch (e) { return null; }
}

function fromKernel(model, timeoutMs) {
  return new Promise((resolve, reject) => {
    const onMsg = (msg) => {
      if (msg && msg.type === '__REPLY__') { clearTimeout(timer); model.off('msg:custom', onMsg); resolve(msg.source); }
    };
    const timer = setTimeout(() => {
      model.off('msg:custom', onMsg);
      reject(new Error('no reply from the kernel in ' + timeoutMs / 1000 + ' s'));
    }, timeoutMs);
    model.on('msg:custom', onMsg);
    model.send({type: '__REQUEST__'});
  });
}

// The bundle sets window.Plotly while it is evaluated; keep the plotly.js that draws our
// figures (another extension may later put its own plotly.js on window).
function loaded(mod) {
  if (globalThis.Plotly && !globalThis[KEY + ':Plotly']) globalThis[KEY + ':Plotly'] = globalThis.Plotly;
  return mod.default;
}

async function fromServer() {
  const url = serverUrl();
  if (!url) return null;
  try { return loaded(await import(/* webpackIgnore: true */ url)); }
  catch (e) { console.info('[virtlab] plotly widget JS not served by Jupyter; asking the kernel', e); return null; }
}

async function fromKernelModule(model, timeoutMs) {
  const source = await fromKernel(model, timeoutMs);
  const blob = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
  try { return loaded(await import(/* webpackIgnore: true */ blob)); }
  finally { URL.revokeObjectURL(blob); }
}

// Resolves once el is in the page with a width (anywidget awaits render(), and the output
// area attaches el only after that, so this must never be awaited inside render()).
function whenSized(el, signal) {
  return new Promise((resolve) => {
    if (el.isConnected && el.clientWidth > 0) { resolve(true); return; }
    const ro = new ResizeObserver(() => { if (el.clientWidth > 0) { ro.disconnect(); resolve(true); } });
    ro.observe(el);
    if (signal) signal.addEventListener('abort', () => { ro.disconnect(); resolve(false); });
  });
}

// Redraw at the container's width whenever it changes (plotly keeps the figure's height).
function followWidth(el) {
  let last = el.clientWidth, frame = 0;
  const ro = new ResizeObserver(() => {
    const width = el.clientWidth;
    if (!width || Math.abs(width - last) < 1) return;
    last = width;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const plotly = globalThis[KEY + ':Plotly'];
      if (plotly && el._fullLayout && !(el.layout && el.layout.width)) plotly.Plots.resize(el);
    });
  });
  ro.observe(el);
  return () => { cancelAnimationFrame(frame); ro.disconnect(); };
}

// Page-wide cache: the server's answer (module default export, or null), then the kernel's.
function once(key, make) {
  if (!globalThis[key]) {
    globalThis[key] = make();
    globalThis[key].catch(() => { delete globalThis[key]; });
  }
  return globalThis[key];
}

// plotly's JS from the kernel, once per page, with a timeout and retries: a request whose reply
// never comes (its widget closed, a busy or restarted kernel) must not leave every figure blank.
// Each retry asks through the caller's own widget; after the last one the caller shows a message.
const KERNEL_TIMEOUTS_MS = globalThis.__virtlabKernelTimeoutsMs || [20000, 40000, 80000];  // tests shorten them
async function kernelBundle(model) {
  let last = null;
  for (const timeout of KERNEL_TIMEOUTS_MS) {
    try { return await once(KEY + ':kernel', () => fromKernelModule(model, timeout)); }
    catch (e) { last = e; console.warn('[virtlab] plotly widget JS from the kernel failed, retrying', e); }
  }
  throw last;
}

function showFailure(el, error) {
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.style.cssText = 'padding:8px 12px;border-left:4px solid #D55E00;background:#fff4ec;';
  box.textContent = __FAILED__ + ' (' + (error && error.message ? error.message : error) + ')';
  el.replaceChildren(box);
}

"""

# plotly's own widget, wrapped: records python->js edits while plotly.js loads, draws at the
# container's width
_WIDGET = r"""
const PY2JS = ['_py2js_addTraces', '_py2js_restyle', '_py2js_relayout', '_py2js_update', '_py2js_animate',
               '_py2js_deleteTraces', '_py2js_moveTraces', '_py2js_removeLayoutProps', '_py2js_removeTraceProps'];

// Same shape as plotly's own default export: a factory, called once per model.
export default () => {
  let inner = null;
  let ready = null;
  const make = async (def) => (typeof def === 'function' ? await def() : def);
  return {
    async initialize(ctx) {
      const served = await once(KEY + ':server', fromServer);
      if (served) { inner = await make(served); return inner.initialize ? inner.initialize(ctx) : undefined; }
      // Kernel fallback. Kernel messages are handled in order, so initialize must not wait for
      // the reply; record python->js edits made meanwhile and replay them once plotly is loaded.
      const model = ctx.model;
      const queue = [];
      const recorders = PY2JS.map((name) => {
        const cb = () => { const v = model.get(name); if (v !== null && v !== undefined) queue.push([name, v]); };
        model.on('change:' + name, cb);
        return [name, cb];
      });
      ready = (async () => {
        const def = await kernelBundle(model);
        for (const [name, cb] of recorders) model.off('change:' + name, cb);
        inner = await make(def);
        let override = null;
        const listeners = {};
        const proxied = new Proxy(model, {
          get(target, prop) {
            if (prop === 'get') return (k) => (override && override[0] === k ? override[1] : target.get(k));
            if (prop === 'on') return (event, cb, ...rest) => {
              (listeners[event] = listeners[event] || []).push(cb);
              return target.on(event, cb, ...rest);
            };
            const v = target[prop];
            return typeof v === 'function' ? v.bind(target) : v;
          },
        });
        if (inner.initialize) await inner.initialize({...ctx, model: proxied});
        for (const [name, value] of queue) {
          override = [name, value];
          for (const cb of listeners['change:' + name] || []) cb();
        }
        override = null;
      })();
    },
    async render(ctx) {
      if (ready) {
        try { await ready; } catch (e) { showFailure(ctx.el, e); return () => {}; }
      }
      const stops = [];
      let closed = false;
      whenSized(ctx.el, ctx.signal).then(async (sized) => {
        if (!sized || closed) return;
        const cleanup = await inner.render(ctx);  // plotly reads the width of ctx.el now
        if (typeof cleanup === 'function') stops.push(cleanup);
        stops.push(followWidth(ctx.el));
        if (closed) stops.splice(0).forEach((stop) => stop());
      });
      return () => { closed = true; stops.splice(0).forEach((stop) => stop()); };
    },
  };
};
"""


def _fill(source: str) -> str:
    return (source.replace("__VERSION__", json.dumps(plotly.__version__)).replace("__ROUTE__", ROUTE)
            .replace("__REQUEST__", REQUEST).replace("__REPLY__", REPLY)
            .replace("__FAILED__", json.dumps(t("fig.load_failed"), ensure_ascii=False)))


def loader_helpers() -> str:
    """The page-wide plotly loader alone (``serverUrl``, ``fromServer``, ``kernelBundle``, ``once``,
    ``showFailure`` …), for other widgets that draw with plotly.js (apps/browserfigure.py)."""
    return _fill(_HELPERS)


def loader_esm() -> str:
    """The ``_esm`` of :class:`FigureWidget`: the loader helpers and plotly's wrapped widget."""
    return _fill(_HELPERS + _WIDGET)


@lru_cache(maxsize=1)
def bundle_source() -> str:
    return BUNDLE.read_text("utf-8")


class FigureWidget(go.FigureWidget):
    """``go.FigureWidget`` with a ~3 KB ``_esm`` (see the module docstring)."""

    _esm = loader_esm()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_msg(self._virtlab_on_msg)

    def _virtlab_on_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == REQUEST:
            self.send({"type": REPLY, "source": bundle_source()})
