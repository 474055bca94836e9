"""The instructor's kit: ``instructor/NN.md`` parsed, turned into slide notes and built into pages.

One file per notebook (``instructor/00.md`` … ``07.md`` for the Korean edition,
``instructor/<language>/NN.md`` for a translation, see ``tools/editions.py``), in three parts
whose headings start with the edition's ``markers`` (Korean / English):

* ``## 진행표`` / ``## Run sheet`` — a table whose first column is a minute range ``a–b``
  (minutes from the start of class), then what to show, the demo and its setting, the
  question to ask and the answer to expect;
* ``## 발표 메모`` / ``## Speaker notes`` — one ``### <heading>`` per slide, the heading copied
  from a markdown cell of the notebook; the slide build puts them into that slide's notes;
* ``## 생각해 보기 모범 답안`` / ``## Model answers`` — ``**Q.** question`` / ``**A.** answer``
  pairs, one for every "think about it" question of the notebook, in order.

``rubric.md`` (the lab-report rubric) and ``handout.md`` (the printable student handout) are
plain Markdown. ``python tools/build_site.py --kit`` builds every edition's kit into
``_site/instructor/`` and ``_site/<language>/instructor/`` (``handout.pdf`` too, printed by
headless Chromium where it exists). Students' notebooks contain none of this.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from editions import DEFAULT, Edition, editions

ROOT = Path(__file__).resolve().parents[1]
CLASS_MINUTES = 75

_RANGE = re.compile(r"^\s*(\d+)\s*[–-]\s*(\d+)\s*$")
_PART = re.compile(r"^## (.+)$", re.M)
_NOTE = re.compile(r"^### (.+)$", re.M)
_QA = re.compile(r"^\*\*Q\.\*\*\s*(.+?)\s*\n\s*\n?\*\*A\.\*\*\s*(.+?)(?=\n\s*\*\*Q\.\*\*|\Z)", re.M | re.S)


@dataclass(frozen=True)
class Row:
    """One run-sheet row: minutes ``start``–``end`` from the start of class and its cells."""

    start: int
    end: int
    cells: tuple[str, ...]


@dataclass
class Kit:
    """The instructor material of one notebook (``key`` is its two-digit number)."""

    key: str
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    answers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def window(self) -> tuple[int, int]:
        """The class minutes this notebook's run sheet covers."""
        return self.rows[0].start, self.rows[-1].end


def _parts(text: str) -> dict[str, str]:
    """``## Heading`` → body, keyed by the heading's first word (진행표, 발표, 생각해; Run, …)."""
    marks = list(_PART.finditer(text))
    out = {}
    for m, nxt in zip(marks, marks[1:] + [None]):
        body = text[m.end():nxt.start() if nxt else len(text)]
        out[m.group(1).split()[0]] = body.strip("\n")
    return out


def _table_rows(body: str) -> list[Row]:
    rows = []
    for line in body.splitlines():
        if not line.lstrip().startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        m = _RANGE.match(cells[0])
        if m:  # header and separator rows have no minute range
            rows.append(Row(int(m.group(1)), int(m.group(2)), tuple(cells[1:])))
    return rows


def parse(text: str, key: str, markers: dict[str, str]) -> Kit:
    """A kit from the text of ``instructor/<key>.md`` whose part headings start with the
    edition's ``markers``; ValueError if a part is missing."""
    title = re.search(r"^# (.+)$", text, re.M)
    parts = _parts(text)
    sheet, notes_part, answers = markers["kit_run_sheet"], markers["kit_notes"], markers["kit_answers"]
    missing = [p for p in (sheet, notes_part, answers) if p not in parts]
    if title is None or missing:
        raise ValueError(f"instructor/{key}.md lacks {'a # title' if title is None else ', '.join(missing)}")
    kit = Kit(key, title.group(1).strip(), _table_rows(parts[sheet]))
    if not kit.rows:
        raise ValueError(f"instructor/{key}.md: the run sheet has no row with a minute range 'a–b'")
    notes = parts[notes_part]
    marks = list(_NOTE.finditer(notes))
    for m, nxt in zip(marks, marks[1:] + [None]):
        kit.notes[m.group(1).strip()] = notes[m.end():nxt.start() if nxt else len(notes)].strip()
    kit.answers = [(q.strip(), a.strip()) for q, a in _QA.findall(parts[answers])]
    return kit


def edition(language: str | None = None) -> Edition:
    """An edition by language (default: the Korean one)."""
    return editions()[language or DEFAULT]


def load(key: str, ed: Edition | None = None) -> Kit:
    """The kit of notebook ``key`` (``"04"``) in edition ``ed`` (default: Korean)."""
    ed = ed or edition()
    return parse((ed.kit / f"{key}.md").read_text("utf-8"), key, ed.markers)


def keys(ed: Edition | None = None) -> list[str]:
    """Every notebook number that has instructor material, in order."""
    return sorted(p.stem for p in (ed or edition()).kit.glob("[0-9][0-9].md"))


def first_line(source: str) -> str:
    """A markdown cell's first line without its leading ``#``s (what notes are keyed by)."""
    line = source.strip().splitlines()[0] if source.strip() else ""
    return line.lstrip("#").strip()


def add_speaker_notes(nb, kit: Kit) -> int:
    """Insert each speaker note as a reveal.js ``notes`` cell after the cell it belongs to.

    Returns how many were placed; a note whose heading no cell has raises ValueError (a
    renamed heading must not silently drop its notes).
    """
    import nbformat

    by_heading = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            by_heading.setdefault(first_line(cell.source), i)
    missing = [h for h in kit.notes if h not in by_heading]
    if missing:
        raise ValueError(f"instructor's notes {kit.key}.md: no slide starts with heading(s) {missing}")
    for heading, i in sorted(((h, by_heading[h]) for h in kit.notes), key=lambda x: -x[1]):
        # a note follows its slide's last cell, i.e. just before the next slide or subslide
        j = i + 1
        while (j < len(nb.cells)
               and nb.cells[j].metadata.get("slideshow", {}).get("slide_type") not in ("slide", "subslide")):
            j += 1
        note = nbformat.v4.new_markdown_cell(kit.notes[heading])
        note.metadata["slideshow"] = {"slide_type": "notes"}
        nb.cells.insert(j, note)
    return len(kit.notes)


# --- the built kit ---------------------------------------------------------------------------
_CSS = """
body{font-family:"Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif;
     max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:0.5rem 0 1rem}th,td{border:1px solid #bbb;padding:4px 6px;
     vertical-align:top;font-size:0.92rem}th{background:#eef3f8}code{background:#f3f3f3;padding:0 2px}
nav a{margin-right:1rem}h2{border-bottom:2px solid #0072B2;padding-bottom:2px}
@media print{nav{display:none}body{margin:0;max-width:none;font-size:10.5pt}h1{font-size:16pt}
     h2{font-size:12.5pt;break-after:avoid}table,tr{break-inside:avoid}@page{size:A4;margin:14mm}}
"""


def markdown_html(text: str) -> str:
    import mistune

    return mistune.create_markdown(plugins=["table", "strikethrough"], escape=True)(text)


_PAGES = {"index.html": "kit_run_sheet", "notes.html": "kit_notes", "answers.html": "kit_answers",
          "rubric.html": "kit_rubric", "handout.html": "kit_handout"}


def page(ed: Edition, title: str, body: str) -> str:
    nav = "".join(f'<a href="{name}">{escape(ed.site[key])}</a>' for name, key in _PAGES.items())
    return (f'<!DOCTYPE html><html lang="{ed.language}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{_CSS}</style></head><body><nav>{nav}</nav>{body}</body></html>\n")


def _th(ed: Edition, *keys: str) -> str:
    return "<tr>" + "".join(f"<th>{escape(ed.site[k])}</th>" for k in keys) + "</tr>"


def run_sheet_html(ed: Edition, kits: list[Kit]) -> str:
    """The whole class, minute by minute, on one page."""
    header = _th(ed, "kit_col_minutes", "kit_col_screen", "kit_col_do", "kit_col_ask", "kit_col_expect")
    parts = [f"<h1>{escape(ed.site['kit_sheet_title'].format(minutes=CLASS_MINUTES))}</h1>",
             "<table>" + _th(ed, "kit_col_notebook", "kit_col_minutes", "kit_col_length")]
    parts += [f"<tr><td>{escape(k.title)}</td><td>{k.window[0]}–{k.window[1]}</td>"
              f"<td>{k.window[1] - k.window[0]}</td></tr>" for k in kits]
    parts.append("</table>")
    for k in kits:
        rows = "".join("<tr><td>{}–{}</td>{}</tr>".format(r.start, r.end, "".join(
            f"<td>{markdown_html(c).removeprefix('<p>').removesuffix('</p>' + chr(10))}</td>" for c in r.cells))
            for r in k.rows)
        parts.append(f"<h2>{escape(k.title)}</h2><table>{header}{rows}</table>")
    return page(ed, ed.site["kit_run_sheet"], "".join(parts))


def notes_html(ed: Edition, kits: list[Kit]) -> str:
    parts = [f"<h1>{escape(ed.site['kit_notes'])}</h1>"]
    for k in kits:
        parts.append(f"<h2>{escape(k.title)}</h2>")
        parts += [f"<h3>{escape(h)}</h3>{markdown_html(n)}" for h, n in k.notes.items()]
    return page(ed, ed.site["kit_notes"], "".join(parts))


def answers_html(ed: Edition, kits: list[Kit]) -> str:
    parts = [f"<h1>{escape(ed.site['kit_answers_title'])}</h1>"]
    for k in kits:
        if k.answers:
            parts.append(f"<h2>{escape(k.title)}</h2>")
            parts += [f"<p><b>Q.</b> {escape(q)}</p>{markdown_html('**A.** ' + a)}" for q, a in k.answers]
    return page(ed, ed.site["kit_answers"], "".join(parts))


def print_pdf(html_path: Path, pdf_path: Path, chromium: str = "/usr/bin/chromium") -> bool:
    """Print ``html_path`` to PDF with headless Chromium (offline); False where there is none."""
    exe = shutil.which("chromium") or (chromium if Path(chromium).exists() else None)
    if exe is None:
        return False
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
    subprocess.run([exe, *flags], check=True, capture_output=True, timeout=120)
    return pdf_path.exists()


def build(out: Path, ed: Edition | None = None) -> list[Path]:
    """Write edition ``ed``'s kit pages (default: Korean) into ``out`` and return them."""
    ed = ed or edition()
    out.mkdir(parents=True, exist_ok=True)
    kits = [load(k, ed) for k in keys(ed)]

    def plain(name: str, key: str) -> str:
        return page(ed, ed.site[key], markdown_html((ed.kit / name).read_text("utf-8")))

    pages = {"index.html": run_sheet_html(ed, kits), "notes.html": notes_html(ed, kits),
             "answers.html": answers_html(ed, kits), "rubric.html": plain("rubric.md", "kit_rubric"),
             "handout.html": plain("handout.md", "kit_handout")}
    written = []
    for name, html in pages.items():
        (out / name).write_text(html, "utf-8")
        written.append(out / name)
    if print_pdf(out / "handout.html", out / "handout.pdf"):
        written.append(out / "handout.pdf")
    return written
