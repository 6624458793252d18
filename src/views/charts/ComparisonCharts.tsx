/**
 * The overlays of the comparison: loss curves and gradient-over-time curves, one colour and
 * one dash pattern per run (Okabe–Ito colours, readable with colour-blindness).
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import type { RunReport } from '../../worker/compareProtocol';
import type { RunId } from '../../presets';
import { useDrawingWidth } from '../primitives/useDrawingWidth';
import { Axes, decadeTicks, tickCount } from '../primitives/Axes';
import { formatTick } from '../primitives/color';
import { F32_TINY } from '../../engine/gradientStats';

export interface RunStyle {
  readonly id: RunId;
  readonly color: string;
  readonly dash: string;
}

export const RUN_STYLES: readonly RunStyle[] = [
  { id: 'fnn', color: '#56B4E9', dash: '1 3' },
  { id: 'rnn', color: '#E69F00', dash: '' },
  { id: 'lstm', color: '#0072B2', dash: '8 4' },
  { id: 'gru', color: '#009E73', dash: '2 3' },
  { id: 'lstm-peephole', color: '#CC79A7', dash: '10 3 2 3' },
  // The LSTM variants of Greff et al.: V and the two Greff found to cost little (NP, CIFG) in solid lines.
  { id: 'V', color: '#000000', dash: '' },
  { id: 'NIG', color: '#E69F00', dash: '6 3' },
  { id: 'NFG', color: '#D55E00', dash: '' },
  { id: 'NOG', color: '#56B4E9', dash: '2 2' },
  { id: 'NIAF', color: '#8C7A00', dash: '8 3 2 3' },
  { id: 'NOAF', color: '#CC79A7', dash: '4 2' },
  { id: 'NP', color: '#0072B2', dash: '' },
  { id: 'CIFG', color: '#009E73', dash: '' },
  { id: 'FGR', color: '#7F7F7F', dash: '1 2' },
];

/** The runs that compare the cells, and those that take the LSTM apart. */
export const CELL_RUNS: readonly RunId[] = ['fnn', 'rnn', 'lstm', 'gru', 'lstm-peephole'];

/** The charts' ideal width (narrower on a narrow screen, see useDrawingWidth). */
const IDEAL_W = 480;
const H = 200;
const M = { left: 52, right: 22, top: 10, bottom: 30 };

type Reports = Readonly<Record<string, RunReport>>;

/** The key's rows above the plot: items of KEY_ITEM px side by side, as many as fit a row. */
const KEY_ITEM = 130;
const KEY_ROW = 14;
const perRow = (W: number): number => Math.max(1, Math.floor((W - M.left - M.right) / KEY_ITEM));
const keyRows = (n: number, W: number): number => Math.ceil(n / perRow(W));

/** The key inside a chart (so an exported image carries it), above the plot so it covers no curve. */
function ChartKey({ runs, names, W }: { runs: readonly RunStyle[]; names: Readonly<Record<RunId, string>>; W: number }) {
  return (
    <g className="chart-key-svg" transform={`translate(${M.left}, 10)`}>
      {runs.map((r, k) => (
        <g key={r.id} transform={`translate(${(k % perRow(W)) * KEY_ITEM}, ${Math.floor(k / perRow(W)) * KEY_ROW})`}>
          <line x1={0} x2={22} y1={0} y2={0} style={{ stroke: r.color, strokeDasharray: r.dash, strokeWidth: 2.5 }} />
          <text x={28} y={4}>
            {names[r.id]}
          </text>
        </g>
      ))}
    </g>
  );
}

export function LossOverlay({ runs, reports, label, names }: { runs: readonly RunStyle[]; reports: Reports; label: string; names: Readonly<Record<RunId, string>> }) {
  const [svgRef, W] = useDrawingWidth(IDEAL_W);
  const all = runs.flatMap((r) => Array.from(reports[r.id]?.losses ?? [])).filter((v) => v > 0 && Number.isFinite(v));
  const maxStep = Math.max(1, ...runs.map((r) => reports[r.id]?.lossSteps.at(-1) ?? 1));
  const m = { ...M, top: M.top + keyRows(runs.length, W) * KEY_ROW + 6 }; // room for the key above the plot
  const x = scaleLinear().domain([0, maxStep]).range([m.left, W - m.right]);
  const y = scaleLog()
    .domain([all.length ? Math.min(...all) : 1e-3, all.length ? Math.max(...all) : 1])
    .range([H - m.bottom, m.top])
    .nice();
  const [lo, hi] = y.domain() as [number, number];
  return (
    <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <Axes width={W} height={H} margins={m} xTicks={x.ticks(tickCount(W, 96))} x={x} yTicks={decadeTicks(y.ticks())} y={y} formatY={formatTick} />
      {runs.map((r) => {
        const rep = reports[r.id];
        if (!rep) return null;
        const d = line<number>()
          .defined((k) => Number.isFinite(rep.losses[k]!))
          .x((k) => x(rep.lossSteps[k]!))
          .y((k) => y(Math.min(Math.max(rep.losses[k]!, lo), hi)))(Array.from({ length: rep.losses.length }, (_, k) => k));
        return d ? <path key={r.id} data-run={r.id} data-curve className="compare-line" d={d} style={{ stroke: r.color, strokeDasharray: r.dash }} /> : null;
      })}
      <ChartKey runs={runs} names={names} W={W} />
    </svg>
  );
}

export function GradientOverlay({ runs, reports, label, floorNote }: { runs: readonly RunStyle[]; reports: Reports; label: string; floorNote: (floor: string) => string }) {
  const [svgRef, W] = useDrawingWidth(IDEAL_W);
  const T = Math.max(2, ...runs.map((r) => reports[r.id]?.gradNorms.length ?? 2));
  const all = runs.flatMap((r) => Array.from(reports[r.id]?.gradNorms ?? [])).filter((v) => v > F32_TINY && Number.isFinite(v));
  const hi = all.length ? Math.max(...all) : 1;
  const lo = all.length ? Math.max(Math.min(...all), hi * 1e-30) : hi / 10;
  const x = scaleLinear().domain([1, T]).range([M.left, W - M.right]);
  const y = scaleLog().domain([lo === hi ? lo / 10 : lo, hi]).range([H - M.bottom, M.top]).nice();
  const [floor, top] = y.domain() as [number, number];
  const ticks = decadeTicks(y.ticks(), 7);
  // Norms below the chart's floor (or at 0) are drawn on it: the floor says so when any is.
  const clipped = runs.some((r) => Array.from(reports[r.id]?.gradNorms ?? []).some((v) => !(v >= floor)));
  // The note goes under the axis, where no curve can run (a curve on the floor would cross it inside).
  return (
    <svg ref={svgRef} viewBox={`0 0 ${W} ${clipped ? H + 16 : H}`} role="img" aria-label={label}>
      <Axes width={W} height={H} margins={M} xTicks={x.ticks(tickCount(W, 80))} x={x} yTicks={ticks} y={y} formatY={formatTick} />
      {clipped && (
        <g className="floor-note">
          <line x1={M.left} x2={W - M.right} y1={y(floor)} y2={y(floor)} />
          <text x={M.left} y={H + 10}>
            {floorNote(formatTick(floor))}
          </text>
        </g>
      )}
      {runs.map((r) => {
        const rep = reports[r.id];
        if (!rep) return null;
        // At 0 or below the smallest float32, a norm sits on the floor: never a gap or NaN.
        const d = line<number>()
          .x((_, k) => x(k + 1))
          .y((v) => y(Number.isFinite(v) ? Math.min(Math.max(v, floor), top) : v > 0 ? top : floor))(Array.from(rep.gradNorms));
        return d ? <path key={r.id} data-run={r.id} data-curve className="compare-line" d={d} style={{ stroke: r.color, strokeDasharray: r.dash }} /> : null;
      })}
    </svg>
  );
}

/** A line sample in a run's colour and dash pattern. */
export function RunSwatch({ run }: { run: RunStyle }) {
  return (
    <svg width={28} height={10} aria-hidden="true" className="run-swatch">
      <line x1={0} x2={28} y1={5} y2={5} style={{ stroke: run.color, strokeDasharray: run.dash, strokeWidth: 2.5 }} />
    </svg>
  );
}
