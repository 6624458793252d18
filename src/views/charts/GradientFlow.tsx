/**
 * Gradient over time: ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖ for the LSTM) of the probe sequence against t,
 * on a log scale, with the fitted decay per step. For tasks whose loss sits at the last step
 * only, this is how much of the error signal reaches each earlier step. Values at 0 or below
 * the smallest float32 sit on the chart's floor.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { useShallow } from 'zustand/react/shallow';
import { selectCursor, selectSnapshot, useStore } from '../../store';
import { Axes, decadeTicks, thinTicks, tickCount } from '../primitives/Axes';
import { formatTick } from '../primitives/color';
import { F32_TINY, fitDecay, lastTargetStep, stepNorms, type DecayFit } from '../../engine/gradientStats';
import { GradientHistory } from './GradientHistory';
import { useMessages, useNumberFormat, type Messages, type NumberFormat } from '../../i18n';
import { Explainer } from '../primitives/Explainer';
import { ExportButtons } from '../primitives/ExportButtons';
import { useViewFocus } from '../primitives/useViewFocus';
import { useDrawingWidth } from '../primitives/useDrawingWidth';

/** The chart's ideal width (narrower on a narrow screen, see useDrawingWidth). */
const IDEAL_W = 640;
const H = 220;
const M = { left: 52, right: 16, top: 12, bottom: 30 };

function describeFit(m: Messages['gradient'], fmt: NumberFormat, name: string, fit: DecayFit | null): string {
  if (!fit) return m.tooFew(name);
  return m.fit(name, fit.perStep.toPrecision(2), fmt.int(fit.from), fmt.int(fit.to));
}

export function GradientFlow() {
  const viewFocus = useViewFocus('gradient');
  const [svgRef, W] = useDrawingWidth(IDEAL_W);
  const s = useStore(selectSnapshot);
  const { t } = useStore(useShallow(selectCursor));
  const msg = useMessages();
  const m = msg.gradient;
  const fmt = useNumberFormat();
  if (!s) return null;
  const { T, H: units } = s;
  const series = [{ key: 'h', label: '‖∂L/∂h(t)‖', norms: stepNorms(s.dh, T, units) }];
  if (s.cell === 'lstm') series.push({ key: 'c', label: '‖∂L/∂c(t)‖', norms: stepNorms(s.dc, T, units) });
  // The last step with a target: decay is measured backwards from there.
  const last = lastTargetStep(s.targetMask, T);
  const positive = series.flatMap((r) => Array.from(r.norms)).filter((v) => v > F32_TINY && Number.isFinite(v));
  const hi = positive.length ? Math.max(...positive) : 1;
  const lo = positive.length ? Math.max(Math.min(...positive), hi * 1e-30, F32_TINY) : hi / 10;
  const x = scaleLinear().domain([1, Math.max(T, 2)]).range([M.left, W - M.right]);
  const y = scaleLog()
    .domain([lo === hi ? lo / 10 : lo, hi])
    .range([H - M.bottom, M.top])
    .nice();
  const [floor, top] = y.domain() as [number, number];
  const place = (v: number) => y(Number.isFinite(v) ? Math.min(Math.max(v, floor), top) : v > 0 ? top : floor);
  const path = line<number>().x((_, k) => x(k + 1)).y((v) => place(v));
  const decades = Math.log10(top / floor);
  const yTicks = decades < 2 ? thinTicks(y.ticks()) : decadeTicks(y.ticks());
  const fits = series.map((r) => ({ key: r.key, text: describeFit(m, fmt, r.label, fitDecay(r.norms, last)) }));
  return (
    <section className="panel chart gradient-flow" aria-label={m.region} data-view="gradient" data-lesson={viewFocus}>
      <div className="panel-head">
        <h2>{m.heading}</h2>
        <span className="chart-key">
          {series.map((r) => (
            <span key={r.key} className={`key-grad-${r.key}`}>
              {r.label}
            </span>
          ))}
        </span>
        <ExportButtons name={m.region} file="gradient-over-time" />
      </div>
      <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={m.summary(fits.map((f) => f.text).join(msg.punct.sentence))}>
        <Axes width={W} height={H} margins={M} xTicks={x.ticks(tickCount(W, 80))} x={x} yTicks={yTicks} y={y} formatY={formatTick} />
        <line className="cursor-line" x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} />
        {series.map((r) => (
          <path key={r.key} className={`grad-line grad-${r.key}`} data-series={r.key} data-curve d={path(Array.from(r.norms)) ?? undefined} />
        ))}
      </svg>
      <ul className="decay-notes">
        {fits.map((f) => (
          <li key={f.key} data-fit={f.key}>
            {f.text}
          </li>
        ))}
      </ul>
      <GradientHistory />
      <Explainer ids={['vanishingGradient']} />
    </section>
  );
}
