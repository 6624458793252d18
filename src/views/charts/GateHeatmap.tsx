/**
 * Heatmaps on canvas: units × time for each gate, c and h of the probe sequence, the cursor
 * marked. They redraw through a store subscription, not through React renders; a click moves
 * the cursor to that step and unit.
 */
import { useEffect, useMemo, useRef } from 'react';
import { GATE_NAMES, type CellKind } from '../../engine/spec';
import { useStore, type Store } from '../../store';
import { gradientAt, valueAt } from '../../snapshot/values';
import type { NodeId } from '../diagrams/rolledLayouts';
import type { Snapshot } from '../../worker/protocol';
import { DECADES, LUT, MAGNITUDE_LUT, logTop, lutIndex, magnitudeIndex } from '../primitives/colorLut';
import { paintLut } from '../primitives/pixels';
import { useMessages, useNumberFormat, type Messages } from '../../i18n';
import { formatValue } from '../primitives/color';
import { ExportButtons } from '../primitives/ExportButtons';
import { useViewFocus } from '../primitives/useViewFocus';
import { ColorLegend } from '../primitives/ColorLegend';
import { GradientLegend } from '../primitives/ScaleLegend';

/** A value series (gates, states) in the diverging scale, or a gradient magnitude (|∂L/∂h|, |∂L/∂c|) on a log scale. */
type Series = { readonly key: string; readonly label: string; readonly gradient?: boolean };

function seriesOf(cell: CellKind, m: Messages['heatmaps']): Series[] {
  const gates = (GATE_NAMES[cell] as readonly string[]).map((k) => ({ key: k, label: m.gates[cell][k] ?? k }));
  const states = cell === 'lstm' ? [{ key: 'c', label: m.cellState }, { key: 'h', label: m.outputH }] : [{ key: 'h', label: m.stateH }];
  const grads = [
    { key: 'dh', label: m.magnitude('h', String(DECADES)), gradient: true },
    ...(cell === 'lstm' ? [{ key: 'dc', label: m.magnitude('c', String(DECADES)), gradient: true }] : []),
  ];
  return [...gates, ...states, ...grads];
}

/** Value of series `key` at step index k (0-based), unit j: dh and dc are ∂L/∂h and ∂L/∂c. */
function read(s: Snapshot, key: string, k: number, j: number): number {
  if (key === 'dh') return gradientAt(s, 'h', k + 1, j);
  if (key === 'dc') return gradientAt(s, 'c', k + 1, j);
  return valueAt(s, key as NodeId, k + 1, j);
}

/** The T×H gradients a magnitude series shows: ∂L/∂c for dc, ∂L/∂h for dh (read(s, key, k, j) in one array). */
const magnitudes = (s: Snapshot, key: string): Float32Array => (key === 'dc' ? s.dc : s.dh);

const CELL_W = 4;
const MAX_H_PX = 96;

/** Lowest, mean and highest value of a series over the probe (what a screen reader hears instead of colours). */
function stats(s: Snapshot, key: string): { min: number; mean: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let k = 0; k < s.T; k++) {
    for (let j = 0; j < s.H; j++) {
      const v = read(s, key, k, j);
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
  }
  return { min, mean: sum / (s.T * s.H), max };
}

/** The canvas's accessible text for a snapshot: its label, size and value range. */
type Describe = (s: Snapshot, st: { min: number; mean: number; max: number }) => string;

function HeatmapCanvas({ series, cell, ariaLabel, describe }: { series: Series; cell: CellKind; ariaLabel: string; describe: Describe }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const pixels = document.createElement('canvas');
    let last: { snapshot: Snapshot | null; t: number; unit: number } = { snapshot: null, t: 0, unit: -1 };
    const draw = (state: Store) => {
      const { snapshot: s, t, unit } = state;
      if (s === last.snapshot && t === last.t && unit === last.unit) return;
      const fresh = s !== last.snapshot;
      last = { snapshot: s, t, unit };
      // A snapshot of another cell (just after the cell type changed) is not this series' data.
      if (!s || s.cell !== cell) return;
      const { T, H } = s;
      const rowPx = Math.max(1, Math.min(8, Math.floor(MAX_H_PX / H)));
      const width = T * CELL_W;
      const height = H * rowPx;
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      // One pixel per (t, unit), painted once per snapshot; a cursor move only redraws it scaled.
      if (fresh) {
        canvas.setAttribute('aria-label', describe(s, stats(s, series.key)));
        // Gradient magnitudes: log scale from the largest down DECADES decades.
        if (series.gradient) {
          const logMax = logTop(magnitudes(s, series.key));
          paintLut(pixels, T, H, MAGNITUDE_LUT, (k, j) => magnitudeIndex(read(s, series.key, k, j), logMax));
        } else {
          paintLut(pixels, T, H, LUT, (k, j) => lutIndex(read(s, series.key, k, j)));
        }
      }
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(pixels, 0, 0, width, height);
      // The cursor: the step as a column outline, the unit as a row outline.
      ctx.strokeStyle = series.gradient ? '#ffffff' : '#111';
      ctx.lineWidth = 1;
      ctx.strokeRect((t - 1) * CELL_W + 0.5, 0.5, CELL_W - 1, height - 1);
      ctx.strokeRect(0.5, unit * rowPx + 0.5, width - 1, Math.max(rowPx - 1, 1));
    };
    draw(useStore.getState());
    return useStore.subscribe(draw);
  }, [series, cell, describe]);

  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const canvas = e.currentTarget;
    const s = useStore.getState().snapshot;
    if (!s) return;
    const box = canvas.getBoundingClientRect();
    const k = Math.floor(((e.clientX - box.left) / box.width) * s.T);
    const j = Math.floor(((e.clientY - box.top) / box.height) * s.H);
    useStore.getState().setT(k + 1);
    useStore.getState().setUnit(j);
  };

  return (
    <figure className="heatmap" data-series={series.key} data-scale={series.gradient ? `gradient-${series.key}` : undefined}>
      <figcaption>{series.label}</figcaption>
      <canvas ref={ref} onClick={onClick} aria-label={ariaLabel} role="img" />
      {series.gradient && <MagnitudeKey series={series} />}
    </figure>
  );
}

/** The log scale of a gradient heatmap: its top is the series' largest magnitude in this snapshot, as painted. */
function MagnitudeKey({ series }: { series: Series }) {
  const s = useStore((st) => st.snapshot);
  return <GradientLegend scale={`gradient-${series.key}`} what={series.key === 'dc' ? 'c' : 'h'} logMax={s ? logTop(magnitudes(s, series.key)) : Number.NaN} />;
}

export function GateHeatmap() {
  const cell = useStore((s) => s.config.cell);
  const m = useMessages().heatmaps;
  // The series keep their identity across renders (their canvases redraw on change).
  const series = useMemo(() => seriesOf(cell, m), [cell, m]);
  const fmt = useNumberFormat();
  const summaries = useMessages().summaries;
  const viewFocus = useViewFocus('heatmaps');
  return (
    <section className="panel heatmaps" aria-label={m.region} data-view="heatmaps" data-lesson={viewFocus}>
      <div className="panel-head">
        <h2>
          {m.heading} <span className="muted">({m.explain})</span>
        </h2>
        <ExportButtons name={m.region} file={`${cell}-heatmaps`} />
      </div>
      <ColorLegend lines={false} />
      <div className="heatmap-grid" data-scale="value">
        {series.map((s) => (
          <HeatmapCanvas
            key={`${cell}-${s.key}`}
            series={s}
            cell={cell}
            ariaLabel={m.unitsByTime(s.label)}
            describe={(snap, st) =>
              summaries.heatmap(s.label, fmt.int(snap.T), fmt.int(snap.H), formatValue(st.min), formatValue(st.mean), formatValue(st.max))
            }
          />
        ))}
      </div>
    </section>
  );
}
