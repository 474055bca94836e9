"""The lecture's editions, kept in step: the Korean notebooks and their translations.

An edition is a folder of notebooks with an ``edition.json``::

    notebooks/edition.json     {"language": "ko", "name": "한국어", "markers": {...}, "site": {...}}
    notebooks/en/edition.json  {"language": "en", ..., "source": "..",
                                "follows": {"02_pros_and_cons.ipynb": "<fingerprint>", ...}}

The package reads ``language`` when a kernel starts in the folder (``virtlab_widgets.text``).
``characters_per_korean`` is how many characters the language takes for what Korean says in
one (the length limits of the prose and the handout scale with it); ``markers`` are the words
the notebook skeleton and the instructor's kit are parsed by (``## 더 알아보기``, ``생각해
보기``, …), ``skeleton`` the section headings every notebook has in order (NOTEBOOK_GUIDE.md),
``site`` the words of the built pages' navigation.

A translation names its ``source`` edition's folder and, per notebook, the fingerprint of the
source notebook it was last reviewed against (``follows``): a hash of the cells' types and
text. When a Korean notebook changes, its fingerprint no longer matches and :func:`check`
reports the translation as behind until a translator has brought it up to date and recorded
the new fingerprint. :func:`check` also compares each translation with its source, cell by
cell: same code cells, cell types, slide types, heading levels, section numbers, links,
questions and minutes; and the same for the quizzes and the instructor's kit.

    python tools/editions.py check              # every problem, exit status 1 if any
    python tools/editions.py status en          # which English notebooks follow the current Korean
    python tools/editions.py record en 02 04    # after reviewing them against the Korean change
    python tools/editions.py record en --all
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
EDITION_FILE = "edition.json"
DEFAULT = "ko"

_HEADING = re.compile(r"^(#+)\s", re.M)
_NUMBER = re.compile(r"^#+\s+(\d+(?:-\d+)?)\.", re.M)
_LINK = re.compile(r"\]\(([^)\s]+\.ipynb)(?:#[^)]*)?\)")


@dataclass(frozen=True)
class Edition:
    """One edition: its language, notebook folder, parsing words and (for a translation) sync record."""

    language: str
    folder: Path
    name: str
    characters_per_korean: float
    markers: dict[str, str]
    skeleton: list[str]
    site: dict[str, str]
    source: Path | None
    follows: dict[str, str]

    @property
    def is_translation(self) -> bool:
        return self.source is not None

    @property
    def notebooks(self) -> list[Path]:
        """Every notebook of the edition: index, sections, glossary."""
        return sorted(self.folder.glob("*.ipynb"))

    @property
    def sections(self) -> list[Path]:
        """The numbered notebooks (index and sections), in order."""
        return sorted(self.folder.glob("[0-9][0-9]_*.ipynb"))

    @property
    def kit(self) -> Path:
        """The instructor's kit folder: ``instructor/`` for the default language, else ``instructor/<language>/``."""
        base = _repo_of(self.folder) / "instructor"
        return base if self.language == DEFAULT else base / self.language

    @property
    def quizzes(self) -> Path:
        return _repo_of(self.folder) / "virtlab_widgets" / "data" / "quizzes" / self.language

    def core_minutes(self) -> re.Pattern[str]:
        return _line_pattern(self.markers["core_minutes"])

    def deep_minutes(self) -> re.Pattern[str]:
        return _line_pattern(self.markers["deep_minutes"])


def _repo_of(folder: Path) -> Path:
    """The repository holding an edition folder (``notebooks/`` or ``notebooks/<lang>/``)."""
    here = folder.resolve()
    while here.name != "notebooks" and here != here.parent:
        here = here.parent
    return here.parent


def _line_pattern(marker: str) -> re.Pattern[str]:
    """``"- Core path: {n} min"`` → a pattern matching that whole line, capturing n."""
    before, after = (re.escape(part) for part in marker.split("{n}"))
    return re.compile(rf"^{before}(\d+){after}\s*$", re.M)


def load_edition(folder: Path) -> Edition:
    data = json.loads((folder / EDITION_FILE).read_text("utf-8"))
    source = data.get("source")
    return Edition(data["language"], folder, data["name"], data["characters_per_korean"], data["markers"],
                   data["skeleton"], data["site"],
                   (folder / source).resolve() if source else None, dict(data.get("follows", {})))


def editions(root: Path = NOTEBOOKS) -> dict[str, Edition]:
    """Every edition under ``root`` (the default edition's folder), by language; default first."""
    found = [load_edition(root)] + [load_edition(p.parent) for p in sorted(root.glob(f"*/{EDITION_FILE}"))]
    return {e.language: e for e in found}


# --- reading notebooks ------------------------------------------------------------------------
def read(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def source(cell: dict) -> str:
    return "".join(cell["source"])


def fingerprint(nb: dict) -> str:
    """A hash of the notebook's cells (types and text): what a translation says it follows."""
    cells = [[c["cell_type"], source(c)] for c in nb["cells"]]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()[:16]


def think_questions(nb: dict, edition: Edition) -> list[str]:
    """Every question under a "think about it" heading (one ``- `` bullet each), in order."""
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        inside = False
        for line in source(cell).splitlines():
            if line.startswith("#"):
                inside = edition.markers["think"] in line
            elif inside and line.startswith("- "):
                out.append(line[2:].strip())
    return out


def minutes(nb: dict, edition: Edition) -> tuple[int, int] | None:
    """(core path, deep dive) minutes the notebook states, or None where it states none."""
    text = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    core, deep = edition.core_minutes().search(text), edition.deep_minutes().search(text)
    return (int(core.group(1)), int(deep.group(1))) if core and deep else None


def _links(text: str) -> Counter[str]:
    """Links to notebooks of the same edition (a link to another edition, ``en/…`` or ``../…``,
    is the language switch and differs by design)."""
    return Counter(t for t in _LINK.findall(text) if "/" not in t)


# --- comparing a translation with its source ----------------------------------------------------
def compare(src: dict, tr: dict, source_ed: Edition, translation: Edition) -> list[str]:
    """How a translated notebook differs in structure from its source (empty: in step)."""
    problems = []
    if src["metadata"] != tr["metadata"]:
        problems.append("notebook metadata differ")
    if len(src["cells"]) != len(tr["cells"]):
        return problems + [f"{len(tr['cells'])} cells, the source has {len(src['cells'])}"]
    for i, (a, b) in enumerate(zip(src["cells"], tr["cells"]), start=1):
        where = f"cell {i}"
        if a["cell_type"] != b["cell_type"]:
            problems.append(f"{where} is {b['cell_type']}, the source's is {a['cell_type']}")
            continue
        if a.get("metadata") != b.get("metadata"):
            problems.append(f"{where}: metadata (slide type) differ")
        if a["cell_type"] == "code":
            if source(a) != source(b):
                problems.append(f"{where}: the code differs from the source's (code cells are copied, not translated)")
            continue
        sa, sb = source(a), source(b)
        if _HEADING.findall(sa) != _HEADING.findall(sb):
            problems.append(f"{where}: heading levels {_HEADING.findall(sb)} vs the source's {_HEADING.findall(sa)}")
        if _NUMBER.findall(sa) != _NUMBER.findall(sb):
            problems.append(f"{where}: section numbers {_NUMBER.findall(sb)} vs the source's {_NUMBER.findall(sa)}")
        if _links(sa) != _links(sb):
            problems.append(f"{where}: links {sorted(_links(sb).elements())} vs the source's "
                            f"{sorted(_links(sa).elements())}")
    if len(think_questions(src, source_ed)) != len(think_questions(tr, translation)):
        problems.append(f"{len(think_questions(tr, translation))} questions to think about, "
                        f"the source has {len(think_questions(src, source_ed))}")
    if minutes(src, source_ed) != minutes(tr, translation):
        problems.append(f"minutes {minutes(tr, translation)} vs the source's {minutes(src, source_ed)}")
    return problems


def compare_quiz(src: list[dict], tr: list[dict]) -> list[str]:
    """A translated quiz asks the same questions: same order, choices, answers, sections, skills."""
    if len(src) != len(tr):
        return [f"{len(tr)} questions, the source has {len(src)}"]
    problems = []
    for i, (a, b) in enumerate(zip(src, tr), start=1):
        for key in ("section", "skill", "answer"):
            if a.get(key) != b.get(key):
                problems.append(f"question {i}: {key} {b.get(key)!r} vs the source's {a.get(key)!r}")
        if len(a["choices"]) != len(b["choices"]):
            problems.append(f"question {i}: {len(b['choices'])} choices, the source has {len(a['choices'])}")
    return problems


def compare_kit(src_text: str, tr_text: str, source_ed: Edition, translation: Edition, key: str) -> list[str]:
    """A translated run sheet keeps the minutes; notes and model answers keep their number."""
    import kit  # tools/kit.py, beside this file (it imports this module: imported here, not on top)

    a, b = kit.parse(src_text, key, source_ed.markers), kit.parse(tr_text, key, translation.markers)
    problems = []
    if [(r.start, r.end) for r in a.rows] != [(r.start, r.end) for r in b.rows]:
        problems.append("run-sheet minutes differ from the source's")
    if len(a.notes) != len(b.notes):
        problems.append(f"{len(b.notes)} speaker notes, the source has {len(a.notes)}")
    if len(a.answers) != len(b.answers):
        problems.append(f"{len(b.answers)} model answers, the source has {len(a.answers)}")
    return problems


def _key(path: Path) -> str:
    """How ``record`` names a notebook: its number (``02``), or its name (``glossary``)."""
    return path.name[:2] if path.name[:2].isdigit() else path.stem


def check_translation(translation: Edition, source_ed: Edition) -> dict[str, list[str]]:
    """Problems of one translation, by file (relative to the repository); empty when in step."""
    out: dict[str, list[str]] = {}

    def report(path: Path, problems: list[str]) -> None:
        if problems:
            out[str(path.relative_to(_repo_of(translation.folder)))] = problems

    for src_path in source_ed.notebooks:
        tr_path = translation.folder / src_path.name
        if not tr_path.exists():
            report(tr_path, ["missing: no translation of " + src_path.name])
            continue
        src = read(src_path)
        problems = compare(src, read(tr_path), source_ed, translation)
        recorded = translation.follows.get(src_path.name)
        if recorded != fingerprint(src):
            problems.insert(0, f"behind: {src_path.name} changed since this translation was reviewed "
                               f"(recorded {recorded}, now {fingerprint(src)}); update it, then run "
                               f"`python tools/editions.py record {translation.language} {_key(src_path)}`")
        report(tr_path, problems)
    for extra in sorted({p.name for p in translation.notebooks} - {p.name for p in source_ed.notebooks}):
        report(translation.folder / extra, ["no source notebook of this name"])
    for src_quiz in sorted(source_ed.quizzes.glob("*.json")):
        tr_quiz = translation.quizzes / src_quiz.name
        report(tr_quiz, compare_quiz(json.loads(src_quiz.read_text("utf-8")), json.loads(tr_quiz.read_text("utf-8")))
               if tr_quiz.exists() else ["missing: no translation of quiz " + src_quiz.name])
    for src_kit in sorted(source_ed.kit.glob("*.md")):
        tr_kit = translation.kit / src_kit.name
        if not tr_kit.exists():
            report(tr_kit, ["missing: no translation of instructor/" + src_kit.name])
        elif re.fullmatch(r"\d\d\.md", src_kit.name):
            report(tr_kit, compare_kit(src_kit.read_text("utf-8"), tr_kit.read_text("utf-8"),
                                       source_ed, translation, src_kit.stem))
    return out


def check(root: Path = NOTEBOOKS) -> dict[str, list[str]]:
    """Every problem of every translation under ``root``, by file."""
    eds = editions(root)
    by_folder = {e.folder.resolve(): e for e in eds.values()}
    out: dict[str, list[str]] = {}
    for e in eds.values():
        if e.source is not None:
            out.update(check_translation(e, by_folder[e.source]))
    return out


def record(translation: Edition, keys: list[str]) -> list[str]:
    """Record that the translation's notebooks ``keys`` (``"02"``, ``"glossary"``) follow the current source."""
    assert translation.source is not None, f"{translation.language} is not a translation"
    sources = {p.name: p for p in sorted(translation.source.glob("*.ipynb"))}
    chosen = [n for n in sources if any(n == k or n.startswith(f"{k}_") or n == f"{k}.ipynb" for k in keys)]
    unknown = [k for k in keys if not any(n == k or n.startswith(f"{k}_") or n == f"{k}.ipynb" for n in sources)]
    if unknown:
        raise ValueError(f"no source notebook for {unknown}")
    path = translation.folder / EDITION_FILE
    data = json.loads(path.read_text("utf-8"))
    follows = dict(data.get("follows", {}))
    follows.update({n: fingerprint(read(sources[n])) for n in chosen})
    data["follows"] = dict(sorted(follows.items()))
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="list every problem of every translation (exit 1 if any)")
    st = sub.add_parser("status", help="which notebooks of a translation follow the current source")
    st.add_argument("language")
    rec = sub.add_parser("record", help="record reviewed notebooks as following the current source")
    rec.add_argument("language")
    rec.add_argument("keys", nargs="*", help="notebook numbers (02) or names (glossary)")
    rec.add_argument("--all", action="store_true")
    args = ap.parse_args(argv)
    eds = editions()
    if args.command == "check":
        problems = check()
        for where, items in problems.items():
            print(where)
            for item in items:
                print(f"  - {item}")
        print(f"{sum(map(len, problems.values()))} problem(s)" if problems else "every edition is in step")
        return 1 if problems else 0
    if args.language not in eds or not eds[args.language].is_translation:
        ap.error(f"no translated edition {args.language!r}; editions: {', '.join(eds)}")
    ed = eds[args.language]
    sources = sorted(ed.source.glob("*.ipynb")) if ed.source else []
    if args.command == "status":
        for src in sources:
            ok = ed.follows.get(src.name) == fingerprint(read(src))
            print(f"{'in step' if ok else 'BEHIND ':8} {src.name}")
        return 0
    if not args.keys and not args.all:
        ap.error("give notebook numbers or --all")
    keys = [p.stem for p in sources] if args.all else args.keys
    try:
        done = record(ed, keys)
    except ValueError as exc:
        ap.error(str(exc))
    print(f"recorded {', '.join(done)} in {(ed.folder / EDITION_FILE).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
