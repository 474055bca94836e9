"""Build the kernel-less lecture: a static site (``--html``) and/or reveal.js slides (``--slides``).

    python tools/build_site.py --html            # _site/index.html, _site/NN_*.html, _site/en/…
    python tools/build_site.py --slides          # _site/NN_*.slides.html, _site/en/NN_*.slides.html
    python tools/build_site.py --html --only 00,04 --edition en --out /tmp/site   # a subset (tests)
    python tools/build_site.py --kit             # _site/instructor/, _site/en/instructor/

Every edition (``tools/editions.py``: Korean in ``notebooks/``, English in ``notebooks/en/``) is
built: the default one at the top of the output folder, the others in ``<language>/``; every
page links the same page of the other editions (the language switch).

Every notebook is executed (nbclient, in parallel) with ``VIRTLAB_STATIC=1``: each demo then
displays itself as a self-contained plotly figure with its own sliders and menus
(``virtlab_widgets/export``) instead of ipywidgets, which would be dead without a kernel.
No widget state is stored. The pages load everything from the output folder:

* ``assets/plotly.min.js`` — copied from the installed plotly package (once for all pages);
* ``assets/mathjax/``, ``assets/reveal.js/``, ``assets/require.min.js``, ``assets/jquery.min.js`` —
  no PyPI package ships usable copies, so they are downloaded once from the npm registry
  (pinned versions, checked against the registry's sha512) into ``build/vendor/`` and copied.

Slides are executed with ``VIRTLAB_PRESENT=1`` (projector fonts, lines and markers) and get
their speaker notes from the instructor's kit (``instructor/NN.md``, see ``tools/kit.py``);
the notebooks students open carry none.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import os
import re
import shutil
import sys
import tarfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kit  # noqa: E402  (tools/kit.py, beside this file)
from editions import DEFAULT, Edition, editions  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templates"
VENDOR = ROOT / "build" / "vendor"

# name: (tarball URL on the npm registry, sha512 integrity, {path in package: path under assets/})
NPM = {
    "mathjax": ("https://registry.npmjs.org/mathjax/-/mathjax-3.2.2.tgz",
                "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
                {"es5/tex-chtml-full.js": "mathjax/tex-chtml.js",
                 "es5/output/chtml/fonts/woff-v2/": "mathjax/output/chtml/fonts/woff-v2/"}),
    "reveal.js": ("https://registry.npmjs.org/reveal.js/-/reveal.js-4.6.1.tgz",
                  "sha512-1CW0auaXNPmwmvQ7TwpszwVxMi2Xr5cTS3J3EBC/HHgbPF32Dn7aiu/LKWDOGjMbaDwKQiGmfqcoGQ74HUHCMw==",
                  {"dist/reveal.js": "reveal.js/dist/reveal.js", "dist/reveal.css": "reveal.js/dist/reveal.css",
                   "dist/theme/": "reveal.js/dist/theme/",
                   "plugin/notes/notes.js": "reveal.js/plugin/notes/notes.js"}),
    "requirejs": ("https://registry.npmjs.org/requirejs/-/requirejs-2.3.7.tgz",
                  "sha512-DouTG8T1WanGok6Qjg2SXuCMzszOo0eHeH9hDZ5Y4x8Je+9JB38HdTLT4/VA8OaUhBa0JPVHJ0pyBkM1z+pDsw==",
                  {"require.js": "require.min.js"}),
    "jquery": ("https://registry.npmjs.org/jquery/-/jquery-3.7.1.tgz",
               "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",
               {"dist/jquery.min.js": "jquery.min.js"}),
}
HTML_ASSETS = ("mathjax",)
SLIDE_ASSETS = ("mathjax", "reveal.js", "requirejs", "jquery")


def log(msg: str) -> None:
    print(f"[build_site] {msg}", flush=True)


# --- assets ----------------------------------------------------------------------------
def npm_package(name: str) -> Path:
    """The unpacked npm package ``name`` in build/vendor (downloaded once, hash-checked)."""
    url, integrity, _ = NPM[name]
    target = VENDOR / Path(url).name.removesuffix(".tgz")
    if (target / ".complete").exists():
        return target
    log(f"downloading {url} (once; cached in {VENDOR.relative_to(ROOT)})")
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            blob = r.read()
    except OSError as exc:
        sys.exit(f"build_site: cannot download {name} from the npm registry ({exc}).\n"
                 f"  The offline pages serve {name} from their own folder; fetch it once with network access,\n"
                 f"  or unpack {url} into {target}/ by hand (e.g. `npm pack {Path(url).name.split('-')[0]}`).")
    algo, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algo, blob).digest()).decode()
    if digest != expected:
        sys.exit(f"build_site: {url} does not match its pinned {algo} ({digest} != {expected})")
    if target.exists():
        shutil.rmtree(target)
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            rel = member.name.split("/", 1)[1]  # strip "package/"
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(tar.extractfile(member).read())
    (target / ".complete").touch()
    return target


def copy_assets(out: Path, names: tuple[str, ...]) -> None:
    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    import plotly

    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    shutil.copyfile(plotly_js, assets / "plotly.min.js")
    for name in names:
        pkg = npm_package(name)
        for src, dst in NPM[name][2].items():
            if src.endswith("/"):
                shutil.copytree(pkg / src, assets / dst, dirs_exist_ok=True)
            else:
                (assets / dst).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(pkg / src, assets / dst)


# --- notebooks ---------------------------------------------------------------------------
def select(ed: Edition, only: str | None) -> list[Path]:
    """The edition's index and sections, then its glossary; only the numbers in ``only`` if given."""
    paths = ed.sections + [p for p in ed.notebooks if p not in ed.sections]
    if only:
        keys = {k.strip() for k in only.split(",")}
        paths = [p for p in paths if p.name[:2] in keys or p.stem in keys]
    if not paths:
        sys.exit(f"build_site: no notebooks match {only!r}")
    return paths


def subfolder(ed: Edition) -> str:
    """Where an edition's pages go in the output folder: the top for the default, else ``<language>/``."""
    return "" if ed.language == DEFAULT else f"{ed.language}/"


def execute(path: Path, present: bool):
    """The notebook executed in kernel-less mode (a fresh kernel in the notebook's folder, so in
    its edition's language; no widget state kept)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.metadata.pop("widgets", None)
    return nb


def title_of(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return re.sub(r"[*_`]", "", m.group(1)).strip()
    return fallback


def relink(html: str, slides: bool) -> str:
    """Links between notebooks (in this edition or another) point at the built pages."""
    suffix = ".slides.html" if slides else ".html"
    return re.sub(r'href="((?:\.{1,2}/)?(?:[a-z]{2}/)?[\w-]+)\.ipynb(#[^"]*)?"',
                  lambda m: f'href="{m.group(1)}{suffix}{m.group(2) or ""}"', html)


def switch_html(ed: Edition, eds: dict[str, Edition], name: str, suffix: str) -> str:
    """Links to the same page in every other edition built, each named in its own language."""
    up = "../" * subfolder(ed).count("/")
    links = [f'<a href="{up}{subfolder(o)}{name}{suffix}" hreflang="{o.language}" lang="{o.language}">'
             f"{escape(o.name)}</a>" for o in eds.values() if o.language != ed.language]
    if not links:  # only this edition built: nothing to switch to
        return ""
    return (f'<span class="virtlab-editions" role="group" aria-label="{escape(ed.site["editions"])}"'
            f'>{" ".join(links)}</span>')


def nav_html(ed: Edition, eds: dict[str, Edition], pages: list[tuple[str, str]], current: str) -> str:
    here = ' aria-current="page"'
    links = [f'<a href="{name}.html"{here if name == current else ""}>{escape(title)}</a>' for name, title in pages]
    return (f'<nav class="virtlab-nav" aria-label="{escape(ed.site["sections"])}">{"".join(links)}'
            f'{switch_html(ed, eds, current, ".html")}</nav>')


def pager_html(ed: Edition, pages: list[tuple[str, str]], current: str) -> str:
    names = [n for n, _ in pages]
    i = names.index(current)
    prev = (f'<a href="{pages[i - 1][0]}.html" rel="prev">← {escape(pages[i - 1][1])}</a>' if i > 0
            else "<span></span>")
    nxt = (f'<a href="{pages[i + 1][0]}.html" rel="next">{escape(pages[i + 1][1])} →</a>' if i + 1 < len(pages)
           else "<span></span>")
    return f'<nav class="virtlab-pager" aria-label="{escape(ed.site["pager"])}">{prev}{nxt}</nav>'


def build(ed: Edition, eds: dict[str, Edition], paths: list[Path], out: Path, slides: bool,
          executed: list) -> list[Path]:
    """Export one edition's executed notebooks as pages (or slides) into ``out/<subfolder>``.

    The pages keep nbconvert's ``<html lang="en">``: with ``lang="ko"`` Chromium picks another
    fallback font for Hangul and two of plotly's legends are clipped by a few pixels (the
    layout gate finds it), so the language is given on the edition links instead (``hreflang``).
    """
    from nbconvert import HTMLExporter, SlidesExporter

    folder = out / subfolder(ed)
    folder.mkdir(parents=True, exist_ok=True)
    assets = "../" * subfolder(ed).count("/") + "assets"
    pages = [(p.stem, title_of(nb, p.stem)) for p, nb in zip(paths, executed)]
    written = []
    for path, nb in zip(paths, executed):
        key = path.stem[:2]
        if slides and (ed.kit / f"{key}.md").exists():
            kit.add_speaker_notes(nb, kit.load(key, ed))
        common = {"virtlab_assets": assets}
        if slides:
            exporter = SlidesExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="virtlab_slides",
                                      reveal_url_prefix=f"{assets}/reveal.js",
                                      require_js_url=f"{assets}/require.min.js", jquery_url=f"{assets}/jquery.min.js",
                                      reveal_scroll=True, reveal_theme="white",
                                      reveal_width="1280", reveal_height="800", exclude_input_prompt=True,
                                      exclude_output_prompt=True)
            target = folder / f"{path.stem}.slides.html"
            extra = {"virtlab_switch": switch_html(ed, eds, path.stem, ".slides.html")}
        else:
            exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="virtlab_site")
            target = folder / f"{path.stem}.html"
            extra = {"virtlab_nav": nav_html(ed, eds, pages, path.stem),
                     "virtlab_pager": pager_html(ed, pages, path.stem)}
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title_of(nb, path.stem)},
                                                              **common, **extra})
        target.write_text(relink(body, slides), "utf-8")
        written.append(target)
    if not slides:
        first = paths[0].stem
        (folder / "index.html").write_text(
            f'<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={first}.html">'
            f'<title>virtlab</title><a href="{first}.html">{escape(pages[0][1])}</a>\n', "utf-8")
    return written


def build_all(eds: dict[str, Edition], only: str | None, out: Path, slides: bool, jobs: int) -> list[Path]:
    """Execute every chosen notebook of every edition (in parallel) and export them."""
    os.environ["VIRTLAB_STATIC"] = "1"  # inherited by every kernel started below
    if slides:
        os.environ["VIRTLAB_PRESENT"] = "1"
    else:
        os.environ.pop("VIRTLAB_PRESENT", None)
    chosen = {lang: select(ed, only) for lang, ed in eds.items()}
    flat = [p for paths in chosen.values() for p in paths]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        done = dict(zip(flat, pool.map(lambda p: execute(p, slides), flat)))
    log(f"executed {len(flat)} notebook(s) in {time.perf_counter() - t0:.1f} s")
    return [page for lang, paths in chosen.items()
            for page in build(eds[lang], eds, paths, out, slides, [done[p] for p in paths])]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--html", action="store_true", help="build the static site pages")
    ap.add_argument("--slides", action="store_true", help="build reveal.js slides")
    ap.add_argument("--kit", action="store_true", help="build the instructor's kit into OUT/instructor")
    ap.add_argument("--out", type=Path, default=ROOT / "_site", help="output folder (default: _site)")
    ap.add_argument("--only", help="comma-separated notebook numbers, e.g. 00,04 (default: all)")
    ap.add_argument("--edition", help="comma-separated languages, e.g. en (default: every edition)")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1), help="notebooks executed in parallel")
    args = ap.parse_args(argv)
    if not (args.html or args.slides or args.kit):
        ap.error("give --html, --slides and/or --kit")
    eds = editions()
    if args.edition:
        unknown = sorted(set(args.edition.split(",")) - set(eds))
        if unknown:
            ap.error(f"no edition {', '.join(unknown)}; editions: {', '.join(eds)}")
    chosen = {lang: ed for lang, ed in eds.items() if not args.edition or lang in args.edition.split(",")}
    if args.kit:
        for ed in chosen.values():
            target = args.out / subfolder(ed) / "instructor"
            written = kit.build(target, ed)
            log(f"instructor's kit ({ed.name}): {', '.join(p.name for p in written)} in {target}")
        if not (args.html or args.slides):
            return 0
    args.out.mkdir(parents=True, exist_ok=True)
    assets = (HTML_ASSETS if args.html else ()) + (SLIDE_ASSETS if args.slides else ())
    copy_assets(args.out, tuple(dict.fromkeys(assets)))
    for slides in [False] * args.html + [True] * args.slides:
        written = build_all(chosen, args.only, args.out, slides, args.jobs)
        largest = max(written, key=lambda p: p.stat().st_size)
        kind = "slides" if slides else "pages"
        log(f"{len(written)} {kind} in {args.out}; largest {largest.name} {largest.stat().st_size / 1e6:.2f} MB "
            f"(plotly.min.js {(args.out / 'assets/plotly.min.js').stat().st_size / 1e6:.1f} MB, shared)")
    log(f"open {args.out / 'index.html'}" if args.html else f"open {args.out}/00_index.slides.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
