"""Accessible HTML tables and lists for widgets that show text rather than a plot.

A real ``<table>`` with a ``<caption>`` and ``scope`` on header cells, so screen readers
announce each cell with its column; cells are escaped unless passed as :class:`Raw`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from .style import font_size


class Raw(str):
    """Cell text that is already HTML (a link, a status badge) and must not be escaped."""


def _cell(value) -> str:
    return value if isinstance(value, Raw) else escape(str(value))


def html_table(caption: str, headers: Sequence[str], rows: Iterable[Sequence], *,
               row_headers: bool = True) -> str:
    """A table: the first cell of every row is a row header when ``row_headers``."""
    head = "".join(f'<th scope="col" style="text-align:left;padding:6px 8px">{escape(h)}</th>' for h in headers)
    body = []
    for r in rows:
        cells = []
        for j, value in enumerate(r):
            tag, scope = ("th", ' scope="row"') if row_headers and j == 0 else ("td", "")
            cells.append(f'<{tag}{scope} style="text-align:left;vertical-align:top;padding:6px 8px;'
                         f'border-top:1px solid #ddd">{_cell(value)}</{tag}>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<table style="border-collapse:collapse;font-size:{font_size()}px;max-width:100%">'
            f'<caption style="text-align:left;font-weight:bold;padding:4px 0">{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def link(text: str, url: str | None) -> Raw:
    """``text`` as a link to ``url`` (plain text when there is no URL)."""
    return Raw(f'<a href="{escape(url, quote=True)}" target="_blank" rel="noopener">{escape(text)}</a>'
               if url else escape(text))


def bullet_list(items: Iterable[str]) -> Raw:
    """An unordered list of escaped items."""
    return Raw("<ul style='margin:0;padding-left:1.2em'>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
