/**
 * The layout check, run in the page: what a reader cannot see because something covers it,
 * runs off the screen, or has no key. Each finding is one line naming the view and the texts
 * or parts involved.
 *
 * - overflow: the document is wider than the viewport.
 * - overlap: two texts of one view share more than TOLERANCE px in both directions. Text
 *   boxes are the browser's glyph-run boxes (one per line of HTML text, one per SVG text or
 *   tspan), trimmed by TRIM of their height at the top and the bottom: a font's line box
 *   reaches above and below its glyphs.
 * - on a node: a text lies on a diagram node, a × or a value strip it does not belong to.
 * - through a node: a connection passes through a node, a × or a strip that is not one of
 *   its two ends (sampled every 2 drawing units along the path).
 * - on a curve: a text of the view lies on a plotted curve (`path[data-curve]`, sampled every
 *   2 px of its length), as a chart's key drawn over its lines would.
 * - broken: a short text (a label, a header, a number: at most SHORT characters) breaks over
 *   lines inside a word (between two characters that are not spaces), as 損/失 or ステップ数
 *   one character per line did.
 * - small: a text drawn smaller than MIN_TEXT_PX (its font size times the scale of its drawing),
 *   as a chart scaled down to a phone would draw its labels.
 * - legend: a canvas, or an SVG whose shapes take three or more fill colours, carries no
 *   `data-scale`, or its view has no visible legend `[data-legend]` of that scale with an
 *   accessible name.
 */
import type { Page } from '@playwright/test';

export const TOLERANCE = 2;
export const TRIM = 0.15;
export const SHORT = 10;
export const MIN_TEXT_PX = 8;

export interface LayoutFindings {
  overflow: string[];
  overlap: string[];
  onNode: string[];
  onCurve: string[];
  throughNode: string[];
  broken: string[];
  small: string[];
  legend: string[];
}

export function findLayoutProblems(page: Page): Promise<LayoutFindings> {
  return page.evaluate(
    ({ tolerance, trim, short, minText }) => {
      type Box = { left: number; top: number; right: number; bottom: number };
      const out = { overflow: [] as string[], overlap: [] as string[], onNode: [] as string[], onCurve: [] as string[], throughNode: [] as string[], broken: [] as string[], small: [] as string[], legend: [] as string[] };
      const vw = document.documentElement.clientWidth;

      const shown = (el: Element): boolean => {
        for (let e: Element | null = el; e; e = e.parentElement) {
          const cs = getComputedStyle(e);
          if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false;
          if (e.tagName === 'DETAILS' && !(e as HTMLDetailsElement).open && el !== e && !e.querySelector(':scope > summary')?.contains(el)) return false;
        }
        return true;
      };
      // The part of a box left visible by the ancestors that clip it (scrolling tables, panels).
      const clip = (el: Element, b: Box): Box | null => {
        let r = { ...b };
        for (let e = el.parentElement; e; e = e.parentElement) {
          const cs = getComputedStyle(e);
          if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
          const c = e.getBoundingClientRect();
          r = { left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom) };
        }
        return r.right - r.left > 0.5 && r.bottom - r.top > 0.5 ? r : null;
      };
      const overlaps = (a: Box, b: Box, tol: number): boolean =>
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > tol && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tol;
      const trimmed = (r: DOMRect): Box => {
        const d = r.height * trim;
        return { left: r.left, right: r.right, top: r.top + d, bottom: r.bottom - d };
      };
      const viewName = (el: Element): string => {
        const v = el.closest('[aria-label], [data-view]');
        return v?.getAttribute('aria-label')?.slice(0, 40) ?? v?.getAttribute('data-view') ?? el.tagName;
      };
      const snippet = (s: string | null | undefined) => JSON.stringify((s ?? '').trim().slice(0, 30));
      const inside = (b: Box, q: DOMPoint, pad: number) => q.x > b.left + pad && q.x < b.right - pad && q.y > b.top + pad && q.y < b.bottom - pad;
      // Points along a path, on screen: every `step` drawing units, and its end.
      const samples = (path: SVGPathElement, step: (m: DOMMatrix) => number): DOMPoint[] => {
        const m = path.getScreenCTM();
        const len = path.getTotalLength();
        if (!m || !(len > 0)) return [];
        const points: DOMPoint[] = [];
        for (let at = 0, d = step(m); at <= len; at += d) points.push(path.getPointAtLength(at).matrixTransform(m));
        points.push(path.getPointAtLength(len).matrixTransform(m));
        return points;
      };

      // 1. Overflow, with the elements that reach past the right edge.
      if (document.documentElement.scrollWidth > vw + 0.5) {
        const wide = Array.from(document.body.querySelectorAll('*'))
          .filter((el) => shown(el) && el.getBoundingClientRect().right > vw + 0.5 && clip(el, el.getBoundingClientRect()) !== null)
          .filter((el, _, all) => !all.some((o) => o !== el && el.contains(o)))
          .slice(0, 6)
          .map((el) => `${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').split(' ')[0]} ${snippet(el.textContent)} right ${Math.round(el.getBoundingClientRect().right)}`);
        out.overflow.push(`page ${document.documentElement.scrollWidth} px wide at ${vw} px: ${wide.join('; ')}`);
      }

      // 2. Texts: one box per line of HTML text, per SVG text (or its tspans), grouped by view.
      const views = Array.from(document.querySelectorAll('.panel, .sidebar, header, .lesson-slot'));
      for (const view of views) {
        if (!shown(view) || view.parentElement?.closest('.panel')) continue;
        const texts: { owner: Element; box: Box; text: string }[] = [];
        const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const owner = n.parentElement;
          if (!owner || !n.textContent?.trim() || owner.closest('.katex, title, style, script, option, select, .sr-only')) continue;
          if (!shown(owner)) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          const rects = owner instanceof SVGElement ? [owner.getBoundingClientRect()] : Array.from(range.getClientRects());
          const px = Number.parseFloat(getComputedStyle(owner).fontSize) * (owner instanceof SVGGraphicsElement ? (owner.getScreenCTM()?.a ?? 1) : 1);
          if (px < minText - 0.05) out.small.push(`${viewName(view)}: ${snippet(n.textContent)} at ${px.toFixed(1)} px`);
          const lines = new Set(rects.filter((r) => r.width > 0.5).map((r) => Math.round(r.top)));
          if (!(owner instanceof SVGElement) && lines.size > 1 && Array.from(n.textContent.trim()).length <= short) {
            // Where the lines break: between two characters that are not spaces is inside a word.
            const text = n.textContent;
            const lineOf = (k: number) => {
              const r = document.createRange();
              r.setStart(n, k);
              r.setEnd(n, k + 1);
              const box = r.getClientRects()[0];
              return box ? Math.round(box.top) : null;
            };
            let inside = false;
            for (let k = 1; k < text.length; k++) {
              const a = lineOf(k - 1);
              const b = lineOf(k);
              if (a !== null && b !== null && a !== b && /\S/.test(text[k - 1]!) && /\S/.test(text[k]!)) inside = true;
            }
            if (inside) out.broken.push(`${viewName(view)}: ${snippet(text)} broken inside a word over ${lines.size} lines`);
          }
          for (const r of rects) {
            if (r.width < 0.5 || r.height < 0.5) continue;
            const box = clip(owner, trimmed(r));
            if (box) texts.push({ owner, box, text: n.textContent });
          }
        }
        for (let a = 0; a < texts.length; a++) {
          for (let b = a + 1; b < texts.length; b++) {
            const ta = texts[a]!;
            const tb = texts[b]!;
            if (ta.owner === tb.owner || ta.owner.contains(tb.owner) || tb.owner.contains(ta.owner)) continue;
            if (overlaps(ta.box, tb.box, tolerance)) out.overlap.push(`${viewName(view)}: ${snippet(ta.text)} and ${snippet(tb.text)}`);
          }
        }

        // 3. Plotted curves: no text of the view on them.
        for (const curve of Array.from(view.querySelectorAll<SVGPathElement>('path[data-curve]')).filter(shown)) {
          const points = samples(curve, (m) => 2 / Math.max(m.a, 1e-6)); // every 2 px
          if (points.length === 0) continue;
          const svgBox = curve.ownerSVGElement!.getBoundingClientRect();
          for (const t of texts) {
            if (t.owner.closest('[data-legend], .chart-key, title')) continue;
            const hit = points.some((q) => inside(t.box, q, 0) && q.y >= svgBox.top && q.y <= svgBox.bottom);
            if (hit) out.onCurve.push(`${viewName(view)}: ${snippet(t.text)} on the curve ${curve.getAttribute('data-run') ?? curve.getAttribute('data-series') ?? curve.getAttribute('class')}`);
          }
        }

        // 4. Diagram parts: nodes, ×, strips; texts over them and connections through them.
        for (const svg of Array.from(view.querySelectorAll('svg'))) {
          const parts = Array.from(svg.querySelectorAll('[data-node] > rect:first-of-type, [data-node] > circle, .op > circle, [data-strip]'))
            .filter(shown)
            .map((el) => ({ el, group: el.closest('[data-node], .op') ?? el, box: el.getBoundingClientRect() }));
          if (parts.length === 0) continue;
          const partName = (p: (typeof parts)[number]) =>
            p.el.getAttribute('data-strip') ? `strip ${p.el.getAttribute('data-strip')}` : p.group.getAttribute('data-node') ?? `op ${snippet(p.group.textContent)}`;
          for (const t of texts) {
            if (!svg.contains(t.owner)) continue;
            for (const p of parts) {
              const mine = p.group.contains(t.owner) || (p.el.getAttribute('data-strip') !== null && t.owner.closest(`[data-node="${p.el.getAttribute('data-strip')}"]`));
              if (!mine && overlaps(t.box, p.box, tolerance)) out.onNode.push(`${viewName(view)}: ${snippet(t.text)} on ${partName(p)}`);
            }
          }
          for (const path of Array.from(svg.querySelectorAll<SVGPathElement>('path[data-edge]')).filter(shown)) {
            const points = samples(path, () => 2); // every 2 drawing units
            if (points.length === 0) continue;
            const first = points[0]!;
            const last = points[points.length - 1]!;
            for (const p of parts) {
              // The part the connection leaves or reaches may hold its ends.
              if (inside(p.box, first, -4) || inside(p.box, last, -4)) continue;
              if (points.some((q) => inside(p.box, q, 1.5))) out.throughNode.push(`${viewName(view)}: ${path.getAttribute('data-edge')} through ${partName(p)}`);
            }
          }
        }

        // 5. Colour scales and their legends.
        const legends = Array.from(view.querySelectorAll('[data-legend]')).filter(shown);
        const coded = [
          ...Array.from(view.querySelectorAll('canvas')),
          ...Array.from(view.querySelectorAll('svg')).filter((svg) => {
            if (svg.closest('[data-legend]')) return false;
            const fills = new Set(
              Array.from(svg.querySelectorAll('rect, circle'))
                .filter(shown)
                .map((el) => getComputedStyle(el).fill)
                .filter((f) => f !== 'none' && !f.startsWith('url')),
            );
            return fills.size >= 3;
          }),
        ].filter((el) => shown(el) && el.getBoundingClientRect().width > 0);
        for (const el of coded) {
          const scale = el.closest('[data-scale]')?.getAttribute('data-scale');
          const what = `${viewName(view)}: ${el.tagName.toLowerCase()}${el.getAttribute('aria-label') ? ` ${snippet(el.getAttribute('aria-label'))}` : ''}`;
          if (!scale) {
            out.legend.push(`${what} is coloured by value but names no scale (data-scale)`);
            continue;
          }
          const legend = legends.find((l) => l.getAttribute('data-legend') === scale);
          if (!legend) out.legend.push(`${what}: no legend of its scale "${scale}" in the view`);
          else if (!(legend.getAttribute('aria-label') ?? '').trim()) out.legend.push(`${what}: the legend of "${scale}" has no accessible name`);
        }
      }
      return out;
    },
    { tolerance: TOLERANCE, trim: TRIM, short: SHORT, minText: MIN_TEXT_PX },
  );
}

/** All findings, as lines. */
export function problemLines(f: LayoutFindings): string[] {
  return [...f.overflow, ...f.overlap.map((s) => `overlap ${s}`), ...f.onNode.map((s) => `text on ${s}`), ...f.onCurve.map((s) => `text on ${s}`), ...f.throughNode.map((s) => `line ${s}`), ...f.broken.map((s) => `wrap ${s}`), ...f.small.map((s) => `small ${s}`), ...f.legend.map((s) => `legend ${s}`)];
}
