/**
 * In or under each hidden-unit node of the rolled diagram (gates, c, h), a small strip shows the
 * node's whole vector at the cursor's step, one cell per unit, the selected unit outlined.
 * Drawn on a canvas over the SVG through a store subscription; a click on a strip selects
 * that unit.
 */
import { useEffect, useRef } from 'react';
import { useStore, type Store } from '../../store';
import type { Layout, NodeSpec } from './rolledLayouts';
import { valueAt } from '../../snapshot/values';
import { LUT, lutIndex } from '../primitives/colorLut';
import { paintLut } from '../primitives/pixels';

const STRIP_W = 56;
const STATE_STRIP_W = 50;
const STRIP_H = 7;

/** Nodes that are vectors over the hidden units. */
export const STRIP_NODES: ReadonlySet<string> = new Set(['h', 'c', 'i', 'f', 'g', 'o', 'z', 'r']);

/** A node's strip, in drawing coordinates: inside the box of a state (c, h), under a neuron's circle. */
export function stripBox(n: NodeSpec): { x: number; y: number; w: number; h: number } {
  if (n.shape === 'state') return { x: n.x - STATE_STRIP_W / 2, y: n.y + 14, w: STATE_STRIP_W, h: STRIP_H };
  return { x: n.x - STRIP_W / 2, y: n.y + 28, w: STRIP_W, h: STRIP_H };
}

/** Map drawing coordinates to the rendered SVG (preserveAspectRatio xMidYMid meet). */
function fit(svg: SVGSVGElement, viewBox: readonly number[]) {
  const [vx, vy, vw, vh] = viewBox as [number, number, number, number];
  const w = svg.clientWidth;
  const h = svg.clientHeight;
  const scale = Math.min(w / vw, h / vh);
  return { scale, dx: (w - vw * scale) / 2 - vx * scale, dy: (h - vh * scale) / 2 - vy * scale, w, h };
}

export function NodeStrips({ layout, svgRef }: { layout: Layout; svgRef: React.RefObject<SVGSVGElement | null> }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const svg = svgRef.current;
    if (!canvas || !svg) return;
    const nodes = layout.nodes.filter((n) => STRIP_NODES.has(n.id));
    // Each strip is painted as one row of pixels, then scaled: no per-cell colour strings.
    const row = document.createElement('canvas');
    const draw = (state: Store) => {
      const ctx = canvas.getContext('2d');
      const s = state.snapshot;
      if (!ctx) return;
      const { scale, dx, dy, w, h } = fit(svg, layout.viewBox);
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
        canvas.width = Math.round(w * dpr);
        canvas.height = Math.round(h * dpr);
        canvas.style.width = `${w}px`;
        canvas.style.height = `${h}px`;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      if (!s || s.cell !== state.config.cell) return;
      for (const n of nodes) {
        const box = stripBox(n);
        const x0 = dx + box.x * scale;
        const y0 = dy + box.y * scale;
        const cw = (box.w * scale) / s.H;
        const ch = box.h * scale;
        paintLut(row, s.H, 1, LUT, (j) => lutIndex(valueAt(s, n.id, state.t, j)));
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(row, x0, y0, box.w * scale, ch);
        ctx.strokeStyle = '#8d877d';
        ctx.lineWidth = 0.5;
        ctx.strokeRect(x0, y0, box.w * scale, ch);
        ctx.strokeStyle = '#111';
        ctx.lineWidth = 1.5;
        ctx.strokeRect(x0 + state.unit * cw, y0 - 1, Math.max(cw, 1.5), ch + 2);
      }
    };
    draw(useStore.getState());
    const unsubscribe = useStore.subscribe((state, prev) => {
      if (state.snapshot !== prev.snapshot || state.t !== prev.t || state.unit !== prev.unit || state.config.cell !== prev.config.cell) draw(state);
    });
    const resize = new ResizeObserver(() => draw(useStore.getState()));
    resize.observe(svg);
    const onClick = (e: MouseEvent) => {
      const s = useStore.getState().snapshot;
      if (!s) return;
      const { scale, dx, dy } = fit(svg, layout.viewBox);
      const rect = svg.getBoundingClientRect();
      const vx = (e.clientX - rect.left - dx) / scale;
      const vy = (e.clientY - rect.top - dy) / scale;
      for (const n of nodes) {
        const box = stripBox(n);
        if (vx >= box.x && vx <= box.x + box.w && vy >= box.y - 2 && vy <= box.y + box.h + 2) {
          useStore.getState().setUnit(Math.floor(((vx - box.x) / box.w) * s.H));
          return;
        }
      }
    };
    svg.addEventListener('click', onClick);
    return () => {
      unsubscribe();
      resize.disconnect();
      svg.removeEventListener('click', onClick);
    };
  }, [layout, svgRef]);
  return <canvas ref={ref} className="node-strips" aria-hidden="true" />;
}
