/** The probe sequence: the network's output y_t against the target, with the cursor's step marked. */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useShallow } from 'zustand/react/shallow';
import { selectCursor, selectSnapshot, useStore } from '../../store';
import { Axes, tickCount } from '../primitives/Axes';
import { formatValue } from '../primitives/color';
import { useMessages } from '../../i18n';
import { ExportButtons } from '../primitives/ExportButtons';
import { useViewFocus } from '../primitives/useViewFocus';
import { useDrawingWidth } from '../primitives/useDrawingWidth';

/** The chart's ideal width (narrower on a narrow screen, see useDrawingWidth). */
const IDEAL_W = 480;
const H = 170;
const M = { left: 40, right: 12, top: 10, bottom: 28 };

export function PredictionChart() {
  const viewFocus = useViewFocus('prediction');
  const [svgRef, W] = useDrawingWidth(IDEAL_W);
  const s = useStore(selectSnapshot);
  const { t } = useStore(useShallow(selectCursor));
  const newExample = useStore((st) => st.newExample);
  // With interventions on: y as it was before them (same example and step), dotted.
  const base = useStore((st) => st.interventionBase);
  const m = useMessages().prediction;
  if (!s) return null;
  const { T, O } = s;
  const ys = Array.from({ length: T }, (_, k) => s.y[k * O]!);
  const before = base && s.interventions.length > 0 && base.step === s.step && base.y.length === s.y.length
    ? Array.from({ length: T }, (_, k) => base.y[k * O]!)
    : null;
  const targets = Array.from({ length: T }, (_, k) => (s.targetMask[k] ? s.target[k * O]! : Number.NaN));
  const finite = [...ys, ...targets, ...(before ?? [])].filter(Number.isFinite);
  const lo = Math.min(-1, ...finite);
  const hi = Math.max(1, ...finite);
  const x = scaleLinear().domain([1, Math.max(T, 2)]).range([M.left, W - M.right]);
  const y = scaleLinear().domain([lo, hi]).range([H - M.bottom, M.top]).nice();
  const path = line<number>()
    .defined((v) => Number.isFinite(v))
    .x((_, k) => x(k + 1))
    .y((v) => y(v));
  const marked = targets.map((v, k) => ({ v, k })).filter(({ v }) => Number.isFinite(v));
  return (
    <section className="panel chart" aria-label={m.region} data-view="prediction" data-lesson={viewFocus}>
      <div className="panel-head">
        <h2>{m.heading}</h2>
        <span className="chart-key">
          <span className="key-y">y</span> <span className="key-target">{m.target}</span>
          {before && <span className="key-before">{m.before}</span>}
        </span>
        <ExportButtons name={m.region} file="prediction" />
      </div>
      <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={m.summary(formatValue(ys[t - 1] ?? Number.NaN), String(t))}>
        <Axes width={W} height={H} margins={M} xTicks={x.ticks(tickCount(W, 80))} x={x} yTicks={y.ticks(4)} y={y} />
        <line className="cursor-line" x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} />
        {marked.length > 3 ? (
          <path className="target-line" data-curve d={path(targets) ?? undefined} />
        ) : (
          marked.map(({ v, k }) => <rect key={k} className="target-mark" x={x(k + 1) - 4} y={y(v) - 4} width={8} height={8} />)
        )}
        {before && <path className="y-before-line" data-curve d={path(before) ?? undefined} />}
        <path className="y-line" data-curve d={path(ys) ?? undefined} />
      </svg>
      <div className="panel-foot">
        <span className="muted small">{m.probe}</span>
        <button type="button" className="small-button" onClick={newExample}>
          {m.newExample}
        </button>
      </div>
    </section>
  );
}
