/** The training loss over steps (the batch mean, decimated), with a log scale on request. */
import { useState } from 'react';
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { extent } from 'd3-array';
import { selectSnapshot, useStore } from '../../store';
import { formatLoss, formatTick } from '../primitives/color';
import { Axes, decadeTicks, tickCount } from '../primitives/Axes';
import { useMessages, useNumberFormat } from '../../i18n';
import { ExportButtons } from '../primitives/ExportButtons';
import { useViewFocus } from '../primitives/useViewFocus';
import { useDrawingWidth } from '../primitives/useDrawingWidth';

/** The chart's ideal width (narrower on a narrow screen, see useDrawingWidth). */
const IDEAL_W = 480;
const H = 200;
// Room on the right for the last tick label (a step count such as "3,000" is centred on the axis end).
const M = { left: 52, right: 24, top: 10, bottom: 30 };

export function LossChart() {
  const snapshot = useStore(selectSnapshot);
  const [svgRef, W] = useDrawingWidth(IDEAL_W);
  const [log, setLog] = useState(true);
  const m = useMessages().loss;
  const fmt = useNumberFormat();
  const steps = snapshot?.lossSteps ?? new Float64Array(0);
  const losses = snapshot?.losses ?? new Float32Array(0);
  const n = steps.length;
  const [x0, x1] = n > 0 ? [steps[0]!, Math.max(steps[n - 1]!, steps[0]! + 1)] : [0, 1];
  const positive = Array.from(losses).filter((v) => v > 0 && Number.isFinite(v));
  // (a run that diverged may have left values too large for float32: they are Infinity here)
  const [lo, hi] = extent(positive) as [number | undefined, number | undefined];
  const yLo = lo ?? 1e-3;
  const yHi = hi ?? 1;
  const x = scaleLinear().domain([x0, x1]).range([M.left, W - M.right]);
  const y = (log ? scaleLog().domain([Math.max(yLo, 1e-12), Math.max(yHi, yLo * 10)]) : scaleLinear().domain([0, yHi]))
    .range([H - M.bottom, M.top])
    .nice();
  // Losses below the floor (or 0) sit on it; losses beyond the top (or beyond float32) on the top.
  const [floor, top] = y.domain() as [number, number];
  const path = line<number>()
    .defined((k) => !Number.isNaN(losses[k]!))
    .x((k) => x(steps[k]!))
    .y((k) => y(Math.min(Math.max(losses[k]!, floor), top)))(Array.from({ length: n }, (_, k) => k));
  // Log scale: powers of ten when the range spans a decade or more, else a few round values.
  const [d0, d1] = y.domain() as [number, number];
  const decades = log ? Math.log10(d1 / d0) : 0;
  const yTicks = log
    ? decades >= 1
      ? decadeTicks(y.ticks())
      : y.ticks(3)
    : y.ticks(4);
  const viewFocus = useViewFocus('loss');
  return (
    <section className="panel chart" aria-label={m.region} data-view="loss" data-lesson={viewFocus}>
      <div className="panel-head">
        <h2>{m.heading}</h2>
        <label className="check">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> {m.logScale}
        </label>
        <ExportButtons name={m.region} file="loss" />
      </div>
      <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={n > 0 ? m.summary(formatLoss(losses[n - 1]!), fmt.int(steps[n - 1]!)) : m.none}>
        <Axes width={W} height={H} margins={M} xTicks={x.ticks(tickCount(W, 96))} x={x} yTicks={yTicks} y={y} formatY={log ? formatTick : formatLoss} />
        {path && <path className="loss-line" data-curve d={path} />}
        {n === 0 && (
          <text x={W / 2} y={H / 2} textAnchor="middle" className="muted">
            {m.pressPlay}
          </text>
        )}
      </svg>
    </section>
  );
}
