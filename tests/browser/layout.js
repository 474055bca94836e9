// The layout gate: what a person sees in each output must be readable and usable.
//
// Evaluated in the page by tests/browser/layout.py as `(options) => report`. Inside every
// output unit (a top-level `.jp-OutputArea-output`, or what `options.units` selects) it looks
// for these defects and returns each with the texts and boxes involved:
//
//   overlap     two visible texts drawn on top of each other (plotly SVG text: ticks, axis and
//               subplot titles, annotations, legend entries, bar/point labels, figure controls;
//               HTML text: widget labels, option labels, readouts, buttons, summaries;
//               dropdowns: the text the <select> shows);
//   crowded     two horizontal figure texts side by side so close that they read as one;
//   clipped     a text cut off by its figure (the SVG's edge, a plotly clip-path such as the
//               plot area) or by an HTML container with overflow hidden (a widget label's
//               ellipsis, a dropdown too narrow for its selected option);
//   intrudes    a chart's own text (tick labels, axis title, data labels) drawn over the plot
//               area of ANOTHER chart of the same figure (a neighbour's lines run through it);
//   unclickable a radio option whose radio centre, or any line of its label's text, is not
//               that option when clicked (another option's label is on top of it);
//   hscroll     an output (or the widget root, or any box in it that scrolls) wider than its
//               box: the reader has to scroll sideways.
//
// Geometry. Chromium's box for a line of text is the font's ascent + descent (about 1.45 em
// for Noto Sans CJK, the Hangul fallback here), not where the glyphs are, so boxes of texts
// that are clearly apart (two stacked tick labels, the "0" of the x axis and the "0" of the y
// axis at a chart's corner) would intersect. Each line is therefore reduced to its ink:
// SVG text to the glyphs' extent as canvas measures the same string in the same font
// (actualBoundingBox*), HTML text (and SVG text canvas cannot match) to its em height (the
// font size), where Hangul and Latin capitals are drawn. After that two texts overlap only if
// they intersect by more than `tol` px (default 1.5 px) in BOTH directions: anti-aliasing
// makes texts that merely touch (tick labels of neighbouring subplots, a legend entry and the
// next one) share a pixel or so, which is not a defect; real collisions found so far are
// 2–20 px deep. SVG text is measured in its own coordinates (getBBox) and mapped to the
// screen with getScreenCTM, so rotated texts (y-axis titles, slanted ticks) are compared as the
// rotated rectangles they are (separating-axis test), not as their larger screen-aligned boxes.
//
// What is ignored: invisible text (display none, visibility hidden, opacity 0 on it or any
// ancestor, the body of a closed <details>, transparent fill/colour, zero size, a box of zero
// width or height that hides its overflow), plotly's hover layer, mode bar and test
// scratch SVG, the <option>s inside a closed <select> (its shown text is measured instead),
// and pairs that are the same text in the same place (plotly draws a few texts twice, one
// copy hidden or exactly on top). A text is compared line by line, never with itself.
(options) => {
  const opts = Object.assign({units: null, scope: null, tol: 1.5, closeEm: 0.15, click: true, maxText: 80}, options || {});
  const TOL = opts.tol;
  const styleCache = new Map();
  const cs = (el) => { let s = styleCache.get(el); if (!s) { s = getComputedStyle(el); styleCache.set(el, s); } return s; };
  const round = (v) => Math.round(v * 10) / 10;
  const short = (s) => { s = s.replace(/\s+/g, ' ').trim(); return s.length > opts.maxText ? s.slice(0, opts.maxText - 1) + '…' : s; };
  const boxOf = (pts) => { const xs = pts.map(p => p.x), ys = pts.map(p => p.y);
    const x = Math.min(...xs), y = Math.min(...ys);
    return {x: round(x), y: round(y), w: round(Math.max(...xs) - x), h: round(Math.max(...ys) - y)}; };
  const quadOfRect = (r) => [{x: r.left, y: r.top}, {x: r.right, y: r.top}, {x: r.right, y: r.bottom}, {x: r.left, y: r.bottom}];
  const alpha = (color) => { const m = /rgba?\(([^)]*)\)/.exec(color || ''); if (!m) return color === 'transparent' ? 0 : 1;
    const p = m[1].split(/[ ,/]+/).filter(Boolean); return p.length > 3 ? parseFloat(p[3]) : 1; };

  // --- visibility ------------------------------------------------------------------------
  const visCache = new Map();
  function shown(el) {  // el and its ancestors are displayed, visible and not fully transparent
    if (!el || el.nodeType !== 1) return true;
    if (visCache.has(el)) return visCache.get(el);
    const s = cs(el);
    let ok = s.display !== 'none' && s.visibility !== 'hidden' && s.visibility !== 'collapse'
             && parseFloat(s.opacity) !== 0;
    // the "visually hidden" pattern (text kept for screen readers): clipped to nothing
    if (ok && (/^inset\(\s*50%/.test(s.clipPath || '') || /^rect\(0px,? 0px,? 0px,? 0px\)$/.test(s.clip || ''))) ok = false;
    // the body of a closed <details> keeps layout boxes in Chromium but is not drawn
    const parent = el.parentElement;
    if (ok && parent && parent.tagName === 'DETAILS' && !parent.open && el.tagName !== 'SUMMARY') ok = false;
    if (ok) ok = shown(el.parentElement);
    visCache.set(el, ok);
    return ok;
  }
  const IGNORE = '.hoverlayer, .modebar-container, .modebar, #js-plotly-tester, .plotly-notifier, '
               + 'script, style, noscript, template, select, option, textarea, .virtlab-layout-outline';

  // --- where a text is: a readable kind and the figure it belongs to ------------------------
  const KINDS = [['[class*="tick"]', 'tick label'],
    ['.annotation', 'annotation'], ['.legend', 'legend entry'], ['.bartext, .textpoint', 'data label'],
    ['.slider-container, .slider-group', 'figure slider'], ['.updatemenu-container, .updatemenu-button, .updatemenu-header', 'figure menu'],
    ['.widget-radio-box label, .jupyter-widget-radio-box label', 'option'],
    ['.widget-readout, .jupyter-widget-readout', 'slider readout'], ['.widget-label, .jupyter-widget-label, .widget-label-basic', 'widget label'],
    ['button', 'button'], ['.widget-html, .jupyter-widget-html, .widget-htmlmath', 'HTML'], ['.virtlab-summary', 'summary']];
  function kindOf(el) {
    const m = /(?:^|\s)g-([xy]\d*|g)title(?:\s|$)/.exec((el.closest('g[class^="g-"][class$="title"]') || {getAttribute: () => ''}).getAttribute('class') || '');
    if (m) return m[1] === 'g' ? 'figure title' : `${m[1]} axis title`;
    for (const [sel, name] of KINDS) if (el.closest(sel)) return name;
    return el instanceof SVGElement ? 'figure text' : 'text';
  }
  // plotly figures of an output (JupyterLab's plotly renderer makes the output itself the figure)
  const figuresIn = (unit) => [...(unit.matches('.js-plotly-plot') ? [unit] : []), ...unit.querySelectorAll('.js-plotly-plot')];
  function figureOf(el, unit) {
    const gd = el.closest('.js-plotly-plot');
    if (!gd) return null;
    const all = figuresIn(unit);
    return all.indexOf(gd) + 1;
  }

  const canvas = document.createElement('canvas').getContext('2d');

  // --- text items --------------------------------------------------------------------------
  // An item: {text, kind, figure, el, fs, lines: [{quad, box}]} (SVG: svg, HTML: node, <select>: selectText)
  function trimLocal(b, fs) {  // trim a horizontal line box to its em height (see header)
    const inset = Math.max(0, (b.height - fs) / 2);
    return {x: b.x, y: b.y + inset, width: b.width, height: b.height - 2 * inset};
  }
  // The ink of one line of SVG text, in its own coordinates: canvas measures the same string
  // in the same font (actualBoundingBox*: where glyphs are drawn, not their advance cells), placed
  // on the line's baseline. If canvas and the SVG disagree on the width (a bold tspan, another
  // font), fall back to the em-height box.
  function inkOf(str, s, b, fs) {
    canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const m = canvas.measureText(str);
    if (!(m.width > 0) || Math.abs(m.width - b.width) > Math.max(2, 0.04 * b.width)) return trimLocal(b, fs);
    const fa = m.fontBoundingBoxAscent, fd = m.fontBoundingBoxDescent;
    const baseline = b.y + (Math.abs(b.height - fa - fd) < 1 ? fa : b.height * fa / (fa + fd));
    const left = b.x - m.actualBoundingBoxLeft, right = b.x + m.actualBoundingBoxRight;
    const top = baseline - m.actualBoundingBoxAscent, bottom = baseline + m.actualBoundingBoxDescent;
    return {x: left, y: top, width: right - left, height: bottom - top};
  }
  function svgItem(text, unit) {
    if (!shown(text) || text.closest(IGNORE)) return null;
    const s = cs(text);
    const content = text.textContent;
    if (!content || !content.trim()) return null;
    const filled = s.fill !== 'none' && alpha(s.fill) > 0 && parseFloat(s.fillOpacity) > 0;
    const stroked = s.stroke !== 'none' && alpha(s.stroke) > 0 && parseFloat(s.strokeWidth) > 0;
    if (!filled && !stroked) return null;
    const ctm = text.getScreenCTM();
    if (!ctm) return null;
    const fs = parseFloat(s.fontSize) || 12;
    const parts = [...text.querySelectorAll('tspan.line')].filter(t => t.textContent.trim());
    const lines = [];
    for (const part of (parts.length ? parts : [text])) {
      let b;
      try { b = part.getBBox(); } catch (e) { continue; }
      if (!(b.width > 0.5 && b.height > 0.5)) continue;
      const t = inkOf(part.textContent.replace(/\s+/g, ' ').trim(), s, b, fs);
      const pts = [[t.x, t.y], [t.x + t.width, t.y], [t.x + t.width, t.y + t.height], [t.x, t.y + t.height]]
        .map(([x, y]) => { const p = new DOMPoint(x, y).matrixTransform(ctm); return {x: p.x, y: p.y}; });
      lines.push({quad: pts, box: boxOf(pts), text: short(part.textContent)});
    }
    if (!lines.length) return null;
    return {text: short(content), kind: kindOf(text), figure: figureOf(text, unit), el: text, lines, svg: true, fs};
  }
  function htmlItem(node, unit) {
    const parent = node.parentElement;
    if (!parent || parent.closest(IGNORE) || parent instanceof SVGElement || !shown(parent)) return null;
    const s = cs(parent);
    if (alpha(s.color) === 0) return null;
    const fs = parseFloat(s.fontSize) || 13;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [];
    for (const r of range.getClientRects()) {
      if (!(r.width > 0.5 && r.height > 0.5)) continue;
      const t = trimLocal({x: r.left, y: r.top, width: r.width, height: r.height}, fs);
      const pts = quadOfRect({left: t.x, top: t.y, right: t.x + t.width, bottom: t.y + t.height});
      lines.push({quad: pts, box: boxOf(pts)});
    }
    if (!lines.length) return null;
    return {text: short(node.textContent), kind: kindOf(parent), figure: figureOf(parent, unit), el: parent, node, lines, fs};
  }
  function selectItem(sel, unit) {  // the text a closed <select> shows, in its content box
    if (!shown(sel)) return null;
    const opt = sel.options[sel.selectedIndex];
    if (!opt || !opt.text.trim()) return null;
    const s = cs(sel);
    const r = sel.getBoundingClientRect();
    if (!(r.width > 0.5 && r.height > 0.5)) return null;
    canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const width = canvas.measureText(opt.text).width;
    const fs = parseFloat(s.fontSize) || 13;
    const left = r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft);
    const avail = r.width - parseFloat(s.borderLeftWidth) - parseFloat(s.borderRightWidth)
                - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    const top = r.top + (r.height - fs) / 2;
    const pts = quadOfRect({left, top, right: left + Math.min(width, avail), bottom: top + fs});
    return {text: short(opt.text), kind: 'dropdown', figure: null, el: sel, lines: [{quad: pts, box: boxOf(pts)}],
            selectText: opt.text, textWidth: width, avail, font: canvas.font};
  }

  // --- geometry ----------------------------------------------------------------------------
  function depth(a, b) {  // separating-axis test; returns how far the quads overlap (0 = apart)
    let min = Infinity;
    for (const q of [a, b]) {
      for (let i = 0; i < 2; i++) {
        const p0 = q[i], p1 = q[i + 1];
        let ax = p1.x - p0.x, ay = p1.y - p0.y;
        const len = Math.hypot(ax, ay);
        if (len < 1e-6) return 0;
        ax /= len; ay /= len;
        const proj = (quad) => { let lo = Infinity, hi = -Infinity;
          for (const p of quad) { const v = p.x * ax + p.y * ay; lo = Math.min(lo, v); hi = Math.max(hi, v); }
          return [lo, hi]; };
        const [alo, ahi] = proj(a), [blo, bhi] = proj(b);
        const d = Math.min(ahi, bhi) - Math.max(alo, blo);
        if (d <= 0) return 0;
        min = Math.min(min, d);
      }
    }
    return min;
  }
  const sameBox = (p, q) => Math.abs(p.x - q.x) <= 1 && Math.abs(p.y - q.y) <= 1
                            && Math.abs(p.w - q.w) <= 1 && Math.abs(p.h - q.h) <= 1;
  const rectBox = (r) => ({x: round(r.left), y: round(r.top), w: round(r.width), h: round(r.height)});

  // horizontal gap between two line boxes on the same line (their ink overlaps vertically by
  // at least 60 % of the lower one), or null when they are not side by side
  function sideGap(p, q) {
    const v = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y);
    if (v < 0.6 * Math.min(p.h, q.h)) return null;
    const gap = Math.max(q.x - (p.x + p.w), p.x - (q.x + q.w));
    return gap > -TOL ? Math.max(gap, 0) : null;
  }
  // the part of two intersecting boxes that is actually drawn: outside a text's clip (the
  // figure's edge, a plot area) it is not visible, and that loss is reported as clipping
  function drawnOverlap(a, b, p, q) {
    let l = Math.max(p.x, q.x), t = Math.max(p.y, q.y), r = Math.min(p.x + p.w, q.x + q.w), bt = Math.min(p.y + p.h, q.y + q.h);
    for (const it of [a, b]) for (const c of it.clips || []) {
      l = Math.max(l, c.rect.left); t = Math.max(t, c.rect.top); r = Math.min(r, c.rect.right); bt = Math.min(bt, c.rect.bottom);
    }
    return r - l > TOL && bt - t > TOL;
  }

  // --- clipping ----------------------------------------------------------------------------
  function clipRectOf(el) {  // screen quad of the clip-path applied to el, or null
    const ref = el.getAttribute && (el.getAttribute('clip-path') || (el.style && el.style.clipPath));
    const m = ref && /#([^)'"\s]+)/.exec(ref);
    if (!m) return null;
    const cp = document.getElementById(m[1]);
    const rect = cp && cp.querySelector('rect');
    const ctm = el.getScreenCTM && el.getScreenCTM();
    if (!rect || !ctm) return null;
    const x = rect.x.baseVal.value, y = rect.y.baseVal.value, w = rect.width.baseVal.value, h = rect.height.baseVal.value;
    const pts = [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]
      .map(([px, py]) => { const p = new DOMPoint(px, py).matrixTransform(ctm); return {x: p.x, y: p.y}; });
    const b = boxOf(pts);
    return {left: b.x, top: b.y, right: b.x + b.w, bottom: b.y + b.h};
  }
  function clippers(item, unit) {  // [{rect, what}] from the text up to the unit (inclusive)
    const out = [];
    for (let e = item.el; e; e = e.parentElement) {
      if (e instanceof SVGElement) {
        const c = clipRectOf(e);
        if (c) out.push({rect: c, what: `clip-path #${(/#([^)'"\s]+)/.exec(e.getAttribute('clip-path') || '') || [])[1] || ''}`
                                        + ` (${e.getAttribute('class') || e.tagName})`, svgClip: true});
        if (e.tagName.toLowerCase() === 'svg' && e.parentElement && !(e.parentElement instanceof SVGElement)) {
          const r = e.getBoundingClientRect();
          out.push({rect: {left: r.left, top: r.top, right: r.right, bottom: r.bottom}, what: 'figure edge (SVG bounds)', svgClip: true});
        }
      } else if (e !== item.el || !item.selectText) {
        const s = cs(e);
        // overflow does not apply to inline boxes nor to display: contents (no box at all)
        if (s.display === 'inline' || s.display === 'contents') { if (e === unit) break; continue; }
        const clipX = s.overflowX === 'hidden' || s.overflowX === 'clip';
        const clipY = s.overflowY === 'hidden' || s.overflowY === 'clip';
        if (clipX || clipY) {
          const r = e.getBoundingClientRect();
          const left = r.left + e.clientLeft, top = r.top + e.clientTop;
          out.push({rect: {left: clipX ? left : -Infinity, right: clipX ? left + e.clientWidth : Infinity,
                           top: clipY ? top : -Infinity, bottom: clipY ? top + e.clientHeight : Infinity},
                    what: describeEl(e) + (s.textOverflow === 'ellipsis' ? ' (overflow hidden, ellipsis)' : ' (overflow hidden)')});
        }
      }
      if (e === unit) break;
    }
    return out;
  }
  function describeEl(e) {
    const cls = (e.getAttribute('class') || '').split(/\s+/).filter(c => c && !c.startsWith('lm-') && !c.startsWith('p-')).slice(0, 2).join('.');
    return e.tagName.toLowerCase() + (cls ? '.' + cls : '');
  }
  function visiblePart(item, rect) {  // the characters of a clipped text that are inside rect
    const inside = (b) => b.left >= rect.left - TOL && b.right <= rect.right + TOL && b.top >= rect.top - TOL && b.bottom <= rect.bottom + TOL;
    let s = '';
    if (item.selectText) {
      let x = item.lines[0].box.x; const text = item.selectText; canvas.font = item.font;
      for (const ch of text) { const w = canvas.measureText(ch).width; if (x + w <= rect.right + TOL) s += ch; else break; x += w; }
      return s;
    }
    if (item.svg) {
      const t = item.el, ctm = t.getScreenCTM(), n = t.getNumberOfChars(), chars = [...t.textContent];
      if (chars.length !== n) return null;
      for (let i = 0; i < n; i++) {
        let ex; try { ex = t.getExtentOfChar(i); } catch (e) { return null; }
        const c = new DOMPoint(ex.x + ex.width / 2, ex.y + ex.height / 2).matrixTransform(ctm);
        s += inside({left: c.x, right: c.x, top: c.y, bottom: c.y}) ? chars[i] : '▯';
      }
    } else {
      const r = document.createRange(), text = item.node.textContent;
      for (let i = 0; i < text.length; i++) {
        r.setStart(item.node, i); r.setEnd(item.node, i + 1);
        const b = r.getBoundingClientRect();
        const cx = (b.left + b.right) / 2, cy = (b.top + b.bottom) / 2;
        s += (b.width === 0 || inside({left: cx, right: cx, top: cy, bottom: cy})) ? text[i] : '▯';
      }
    }
    return s.replace(/▯+/g, '▯').replace(/\s+/g, ' ').trim();
  }

  // --- subplots: plot areas of a plotly figure, and which of them a text belongs to ----------
  function plotAreas(gd) {
    const fl = gd._fullLayout, svg = gd.querySelector('.main-svg');
    const ctm = svg && svg.getScreenCTM();
    if (!fl || !fl._plots || !ctm) return [];
    const titles = (fl.annotations || []);
    const areas = Object.entries(fl._plots).map(([id, p]) => {
      const xa = p.xaxis, ya = p.yaxis;
      if (!xa || !ya || !(xa._length > 0) || !(ya._length > 0)) return null;
      const x = xa._offset, y = ya._offset, w = xa._length, h = ya._length;
      const quad = [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]
        .map(([px, py]) => { const q = new DOMPoint(px, py).matrixTransform(ctm); return {x: q.x, y: q.y}; });
      // subplot titles are paper annotations centred above their subplot: the nearest one above
      const title = titles.filter(a => a.xref === 'paper' && a.yref === 'paper' && a.text
        && Math.abs(a.x - (xa.domain[0] + xa.domain[1]) / 2) < 0.02 && a.y >= ya.domain[1] - 0.001)
        .sort((a, b) => a.y - b.y)[0];
      return {id, axes: [xa._id, ya._id], quad, title: title ? String(title.text).replace(/<[^>]*>/g, '') : ''};
    }).filter(Boolean);
    // overlaid subplots (secondary axes) share one plot area: they are one chart here
    for (const a of areas) a.group = new Set(areas.filter(b => depth(a.quad, b.quad) > 0.5 * Math.min(
      Math.hypot(a.quad[1].x - a.quad[0].x, a.quad[1].y - a.quad[0].y),
      Math.hypot(a.quad[3].x - a.quad[0].x, a.quad[3].y - a.quad[0].y))).map(b => b.id));
    return areas;
  }
  function ownPlots(el, areas) {  // ids of the subplots a text belongs to, or null (figure-wide text)
    const sub = el.closest('g.subplot');
    let ids = null;
    if (sub) {
      const id = [...sub.classList].find(c => c !== 'subplot');
      ids = areas.filter(a => a.id === id).map(a => a.id);
    } else {
      const t = el.closest('[class^="g-"][class$="title"]');
      const m = t && /^g-([xy]\d*)title$/.exec(t.getAttribute('class'));
      if (m) ids = areas.filter(a => a.axes.includes(m[1])).map(a => a.id);
    }
    if (!ids || !ids.length) return null;
    const own = new Set();
    for (const id of ids) for (const g of areas.find(a => a.id === id).group) own.add(g);
    return own;
  }

  // --- the checks ----------------------------------------------------------------------------
  let units = opts.units ? [...document.querySelectorAll(opts.units)]
    : [...document.querySelectorAll('.jp-OutputArea-output')].filter(u => !u.parentElement.closest('.jp-OutputArea-output'));
  if (opts.scope) units = units.filter(u => u.closest(opts.scope));
  document.querySelectorAll('[data-virtlab-layout-unit]').forEach(e => e.removeAttribute('data-virtlab-layout-unit'));
  units = units.filter(u => shown(u) && u.getBoundingClientRect().width > 0);
  const violations = [];
  const stats = {units: 0, texts: 0, pairs: 0, radios: 0};
  const info = [];
  const where = (unit) => {
    const cell = unit.closest('.jp-Cell');
    const cells = cell ? [...cell.parentElement.children].filter(c => c.classList.contains('jp-Cell')) : [];
    const slide = unit.closest('section');
    return {cell: cell ? cells.indexOf(cell) : null,
            source: cell ? short(((cell.querySelector('.jp-InputArea-editor') || {innerText: ''}).innerText
                                  .split('\n').find(l => l.trim()) || '')) : '',
            unit: units.indexOf(unit), slide: slide && slide.id ? slide.id : null,
            unitBox: rectBox(unit.getBoundingClientRect())};
  };
  const pub = (it) => ({text: it.text, kind: it.kind, figure: it.figure,
                        box: it.lines.length === 1 ? it.lines[0].box : boxOf(it.lines.flatMap(l => l.quad))});

  units.forEach((unit) => {
    stats.units++;
    const loc = where(unit);
    const items = [];
    for (const t of unit.querySelectorAll('svg text')) { const it = svgItem(t, unit); if (it) items.push(it); }
    const walker = document.createTreeWalker(unit, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const it = htmlItem(n, unit); if (it) items.push(it);
    }
    for (const sel of unit.querySelectorAll('select')) { const it = selectItem(sel, unit); if (it) items.push(it); }
    // A box at most 1 px wide or high that hides its overflow is the "visually hidden" pattern
    // (a widget description of width 0, or the usual 1×1 px screen-reader-only box): its text
    // is there for screen readers and not drawn.
    for (let i = items.length - 1; i >= 0; i--) {
      items[i].clips = clippers(items[i], unit);
      if (items[i].clips.some(c => c.rect.right - c.rect.left <= 1.5 || c.rect.bottom - c.rect.top <= 1.5)) items.splice(i, 1);
    }
    stats.texts += items.length;
    unit.setAttribute('data-virtlab-layout-unit', String(loc.unit));
    info.push({...loc, texts: items.length, figures: figuresIn(unit).length,
               widgets: unit.querySelectorAll('.jupyter-widgets, .widget-box, .jupyter-widget-box').length});

    // overlap; and, for horizontal figure texts side by side on one line, an ink gap too small
    // to read them as two ("100 %" + "98 %" 1 px apart reads "100 %98 %"). Between two words the
    // ink gap is a space plus side bearings, about 0.35 em; between letters of one word it is
    // 0.05–0.1 em. So texts closer than `closeEm` (0.15 em of the smaller font) read as one.
    // Texts of one axis, one legend or one figure control follow plotly's own spacing and are
    // not compared for closeness; neither are rotated texts (an axis title beside its ticks).
    const group = (it) => it.svg && it.el.closest('[class*="axislayer"], .legend, .slider-container, .updatemenu-container');
    const level = (q) => Math.abs(q[1].y - q[0].y) < 0.5 && q[1].x > q[0].x;
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i], b = items[j];
        if (a.el === b.el && a.node === b.node) continue;
        if (a.el.contains(b.el) && a.svg && b.svg) continue;  // nested SVG text (not expected)
        stats.pairs++;
        let hit = null, near = null;
        for (const la of a.lines) {
          for (const lb of b.lines) {
            if (a.text === b.text && sameBox(la.box, lb.box)) continue;
            const d = depth(la.quad, lb.quad);
            if (d > TOL && drawnOverlap(a, b, la.box, lb.box)) { hit = {la, lb, d}; break; }
            if (a.svg && b.svg && !near && opts.closeEm > 0 && level(la.quad) && level(lb.quad)
                && !(group(a) && group(a) === group(b))) {
              const gap = sideGap(la.box, lb.box);
              if (gap !== null && gap < opts.closeEm * Math.min(a.fs, b.fs)) near = {la, lb, gap};
            }
          }
          if (hit) break;
        }
        if (hit) violations.push({check: 'overlap', ...loc, a: {...pub(a), box: hit.la.box, line: hit.la.text},
                                  b: {...pub(b), box: hit.lb.box, line: hit.lb.text}, by: round(hit.d)});
        else if (near) violations.push({check: 'crowded', ...loc, a: {...pub(a), box: near.la.box, line: near.la.text},
                                        b: {...pub(b), box: near.lb.box, line: near.lb.text}, gap: round(near.gap)});
      }
    }

    // clipping
    for (const it of items) {
      if (it.selectText) {
        if (it.textWidth > it.avail + TOL) {
          violations.push({check: 'clipped', ...loc, a: pub(it), by: round(it.textWidth - it.avail),
                           container: `dropdown ${describeEl(it.el)} shows ${round(it.avail)} px of ${round(it.textWidth)} px`,
                           visible: visiblePart(it, {left: -Infinity, top: -Infinity, bottom: Infinity,
                                                     right: it.lines[0].box.x + it.avail})});
        }
      }
      const all = boxOf(it.lines.flatMap(l => l.quad));
      const b = {left: all.x, top: all.y, right: all.x + all.w, bottom: all.y + all.h};
      for (const c of it.clips) {
        const r = c.rect;
        const out = Math.max(r.left - b.left, b.right - r.right, r.top - b.top, b.bottom - r.bottom);
        if (out <= TOL) continue;
        const fully = b.right <= r.left || b.left >= r.right || b.bottom <= r.top || b.top >= r.bottom;
        if (fully && c.svgClip) continue;  // plotly hides out-of-range labels this way on purpose
        violations.push({check: 'clipped', ...loc, a: pub(it), by: round(out), container: c.what,
                         containerBox: {x: round(r.left), y: round(r.top), w: round(r.right - r.left), h: round(r.bottom - r.top)},
                         visible: fully ? '' : visiblePart(it, r)});
        break;  // the innermost clipper is the one to fix
      }
    }

    // a chart's text drawn over ANOTHER chart's plot area (a neighbour's tick labels or axis
    // title on top of this chart's lines), in figures with several subplots
    for (const gd of figuresIn(unit)) {
      const areas = plotAreas(gd);
      if (areas.length < 2) continue;
      for (const it of items) {
        if (!it.svg || !gd.contains(it.el)) continue;
        const own = ownPlots(it.el, areas);
        if (!own) continue;
        for (const area of areas) {
          if (own.has(area.id)) continue;
          for (const line of it.lines) {
            const d = depth(line.quad, area.quad);
            if (d > TOL) {
              violations.push({check: 'intrudes', ...loc, a: {...pub(it), box: line.box}, by: round(d),
                               container: `the plot area of chart ${area.id} (${area.title || 'untitled'})`,
                               containerBox: boxOf(area.quad)});
              break;
            }
          }
        }
      }
    }

    // horizontal scrolling: the output, the widget roots, and any box inside that scrolls sideways
    const scrollers = new Set([unit, ...unit.querySelectorAll(':scope > .jupyter-widgets, :scope > .widget-box, :scope > div > .jupyter-widgets')]);
    for (const e of unit.querySelectorAll('*')) {
      if (e instanceof SVGElement) continue;
      const s = cs(e);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && shown(e)) scrollers.add(e);
    }
    const wide = [];
    for (const e of [...scrollers].sort((x, y) => (x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING) ? -1 : 1)) {
      if (wide.some(o => o.contains(e))) continue;  // the outermost box that scrolls is the one the reader sees
      if (e.scrollWidth > e.clientWidth + 1 && shown(e)) {
        wide.push(e);
        violations.push({check: 'hscroll', ...loc, element: describeEl(e), scrollWidth: e.scrollWidth,
                         clientWidth: e.clientWidth, box: rectBox(e.getBoundingClientRect())});
      }
    }
  });

  // clickability of radio options (scrolls each into view, so it runs last)
  if (opts.click) {
    for (const unit of units) {
      for (const input of unit.querySelectorAll('input[type=radio], input[type=checkbox]')) {
        if (!shown(input)) continue;
        const label = input.closest('label') || (input.id && document.querySelector(`label[for="${CSS.escape(input.id)}"]`));
        const own = (el) => el === input || (label && label.contains(el));
        stats.radios++;
        input.scrollIntoView({block: 'center', inline: 'nearest'});
        const loc = where(unit);
        const r = input.getBoundingClientRect();
        const name = short(label ? label.textContent : input.getAttribute('aria-label') || '');
        const probes = [{what: 'its radio', x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2}];
        if (label) {
          const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
          let line = 0;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.textContent.trim()) continue;
            const range = document.createRange(); range.selectNodeContents(n);
            for (const lr of range.getClientRects()) {
              line++;
              if (lr.width > 0.5) probes.push({what: `its text, line ${line}`, x: (lr.left + lr.right) / 2, y: (lr.top + lr.bottom) / 2});
            }
          }
        }
        const misses = [];
        for (const p of probes) {
          const hit = document.elementFromPoint(p.x, p.y);
          if (hit && own(hit)) continue;
          const hitLabel = hit && hit.closest('label');
          misses.push({at: p.what, point: {x: round(p.x), y: round(p.y)},
                       hit: hit ? (hitLabel ? `the option "${short(hitLabel.textContent)}"` : describeEl(hit)) : 'nothing'});
        }
        if (misses.length) {
          violations.push({check: 'unclickable', ...loc, a: {text: name, kind: 'option',
                           box: label ? rectBox(label.getBoundingClientRect()) : rectBox(r)}, misses});
        }
      }
    }
  }
  // Boxes are reported relative to their output's top-left corner: stable whatever the
  // notebook's scroll position, and what a reader can find in the output's screenshot.
  const rel = (b) => b && {...b, x: round(b.x - ub.x), y: round(b.y - ub.y)};
  let ub;
  for (const v of violations) {
    ub = v.unitBox;
    for (const k of ['a', 'b']) if (v[k]) v[k].box = rel(v[k].box);
    if (v.containerBox) v.containerBox = rel(v.containerBox);
    if (v.box) v.box = rel(v.box);
    for (const m of v.misses || []) m.point = rel(m.point);
  }
  return {violations, stats, units: info};
}
