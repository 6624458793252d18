/**
 * Gradient by time step: for one weight of the selected unit (an input weight, a recurrent
 * weight or an output weight, of one gate), the signed contribution of each time step to its
 * gradient, as bars over t. Steps that pull the weight in opposite directions are the weight
 * conflict. The numbers come from the snapshot (src/engine/gradientByStep.ts).
 */
import { useState } from 'react';
import { scaleBand, scaleLinear } from 'd3-scale';
import { useShallow } from 'zustand/react/shallow';
import { selectCursor, selectSnapshot, useStore } from '../../store';
import type { Snapshot } from '../../worker/protocol';
import { gradientByStep, pullBothWays, weightBlocks, type WeightRef } from '../../engine/gradientByStep';
import { Axes, thinTicks, tickCount } from '../primitives/Axes';
import { formatValue } from '../primitives/color';
import { ExportButtons } from '../primitives/ExportButtons';
import { useMessages } from '../../i18n';
import { useViewFocus } from '../primitives/useViewFocus';
import { useDrawingWidth } from '../primitives/useDrawingWidth';

type Kind = WeightRef['kind'];

/** The chart's ideal width (narrower on a narrow screen, see useDrawingWidth). */
const IDEAL_W = 640;
const H = 200;
const M = { left: 56, right: 12, top: 10, bottom: 28 };

interface StepBarsProps {
  /** One value per step, from step `first` on. */
  values: ArrayLike<number>;
  label: string;
  /** The cursor's step (its bar is outlined). */
  t: number;
  /** The step of values[0] (1 unless told). */
  first?: number;
  /** How the y ticks are written. */
  formatY?: (v: number) => string;
}

/** The bars of a series over time, signed around 0; a click moves the cursor to the step. */
/** A signed tick: two significant digits, exponent form when tiny or huge. */
const signedTick = (v: number): string => (v === 0 ? '0' : Math.abs(v) >= 0.01 && Math.abs(v) < 1e4 ? String(Number(v.toPrecision(2))) : v.toExponential(0));

export function StepBars({ values, label, t, first = 1, formatY = signedTick }: StepBarsProps) {
  const setT = useStore((s) => s.setT);
  const [svgRef, W] = useDrawingWidth(IDEAL_W);
  const T = values.length;
  const steps = Array.from({ length: T }, (_, k) => k + first);
  const x = scaleBand<number>().domain(steps).range([M.left, W - M.right]).padding(0.15);
  let max = 0;
  let signed = false;
  for (let k = 0; k < T; k++) {
    max = Math.max(max, Math.abs(values[k]!));
    if (values[k]! < 0) signed = true;
  }
  // Around 0 when the bars go both ways; from 0 up when none is negative (a gate's value).
  const y = scaleLinear().domain([signed ? -(max || 1) : 0, max || 1]).range([H - M.bottom, M.top]).nice(4);
  const xTicks = thinTicks(steps, tickCount(W, 64, 4));
  return (
    <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <Axes width={W} height={H} margins={M} xTicks={xTicks} x={(v) => x(v)! + x.bandwidth() / 2} yTicks={y.ticks(4)} y={y} formatY={formatY} />
      <line className="zero-line" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
      {steps.map((step) => {
        const v = values[step - first]!;
        return (
          <rect
            key={step}
            className={`step-bar ${v >= 0 ? 'bar-positive' : 'bar-negative'}${step === t ? ' bar-current' : ''}`}
            data-step={step}
            x={x(step)}
            width={x.bandwidth()}
            y={Math.min(y(0), y(v))}
            height={Math.abs(y(v) - y(0))}
            onClick={() => setT(step)}
          >
            <title>{`t = ${step}: ${formatValue(v)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** The other index of each kind of weight: the input column, the unit it comes from, the output. */
interface Picks {
  readonly input: number;
  readonly from: number;
  readonly output: number;
}

/** The columns of W: I inputs, or the FNN's window of k steps of I, newest first. */
const inputColumns = (s: Snapshot): number => (s.cell === 'fnn' ? s.window * s.I : s.I);

/** The weight the panel shows, kept within the snapshot's shape. */
function weightOf(s: Snapshot, kind: Kind, block: number, unit: number, picks: Picks): WeightRef {
  const b = Math.min(block, weightBlocks(s.cell).length - 1);
  if (kind === 'output') return { kind, output: Math.min(picks.output, s.O - 1), unit };
  if (kind === 'recurrent' && s.cell !== 'fnn') return { kind, block: b, unit, from: Math.min(picks.from, s.H - 1) };
  return { kind: 'input', block: b, unit, input: Math.min(picks.input, inputColumns(s) - 1) };
}

/** An input column by name: x[q], or in the FNN's window x(t−lag)[q]. */
function columnName(s: Snapshot, column: number): string {
  const q = (column % s.I) + 1;
  if (s.cell !== 'fnn') return `x[${q}]`;
  const lag = Math.floor(column / s.I);
  return lag === 0 ? `x(t)[${q}]` : `x(t−${lag})[${q}]`;
}

export function GradientByStep() {
  const s = useStore(selectSnapshot);
  const { t, unit } = useStore(useShallow(selectCursor));
  const m = useMessages().lesson.gradientByStep;
  const focus = useViewFocus('gradientByStep');
  const [kind, setKind] = useState<Kind>('input');
  const [block, setBlock] = useState(0);
  const [picks, setPicks] = useState<Picks>({ input: 0, from: 0, output: 0 });
  const weight = s ? weightOf(s, kind, block, unit, picks) : null;
  const values = s && weight ? gradientByStep(s, weight) : null;
  const pull = values ? pullBothWays(values) : null;
  const blocks = s ? weightBlocks(s.cell) : ['h'];
  const name = weight ? weightName(weight, blocks) : '';
  // What the bars say, in words: for the chart's screen-reader label and under it.
  const summary = pull ? m.summary(name, formatValue(pull.positive), formatValue(-pull.negative), pull.balance.toFixed(2)) : null;
  const kinds: readonly Kind[] = s?.cell === 'fnn' ? ['input', 'output'] : ['input', 'recurrent', 'output'];
  return (
    <section className="panel gradient-by-step" aria-label={m.region} data-view="gradientByStep" data-lesson={focus}>
      <div className="panel-head">
        <h2>
          {m.heading} <span className="muted">{name}</span>
        </h2>
        <span className="head-controls">
          <label className="inline-field">
            <span>{m.weight}</span>
            <select value={weight?.kind ?? kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {m.kinds[k]}
                </option>
              ))}
            </select>
          </label>
          {weight?.kind !== 'output' && blocks.length > 1 && (
            <label className="inline-field">
              <span>{m.gate}</span>
              <select value={Math.min(block, blocks.length - 1)} onChange={(e) => setBlock(Number(e.target.value))}>
                {blocks.map((b, k) => (
                  <option key={b} value={k}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
          )}
          {weight?.kind === 'input' && s && inputColumns(s) > 1 && (
            <label className="inline-field">
              <span>{m.input}</span>
              <select value={weight.input} onChange={(e) => setPicks({ ...picks, input: Number(e.target.value) })}>
                {Array.from({ length: inputColumns(s) }, (_, k) => (
                  <option key={k} value={k}>
                    {columnName(s, k)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {weight?.kind === 'recurrent' && s && (
            <label className="inline-field">
              <span>{m.from}</span>
              <select value={weight.from} onChange={(e) => setPicks({ ...picks, from: Number(e.target.value) })}>
                {Array.from({ length: s.H }, (_, k) => (
                  <option key={k} value={k}>
                    {k + 1}
                  </option>
                ))}
              </select>
            </label>
          )}
          <ExportButtons name={m.region} file="gradient-by-step" />
        </span>
      </div>
      {values && summary && (
        <>
          <StepBars values={values} t={t} label={summary} />
          <p className="muted small" data-balance={pull!.balance}>
            {summary}
          </p>
        </>
      )}
      <p className="muted small">{m.explain}</p>
    </section>
  );
}

/** The weight in the equations' names: W_i[j, q], U_f[j, m], W_y[o, j] (1-based indices). */
function weightName(w: WeightRef, blocks: readonly string[]): string {
  if (w.kind === 'output') return `W_y[${w.output + 1}, ${w.unit + 1}]`;
  const gate = blocks[w.block] === 'h' ? '' : `_${blocks[w.block]}`;
  return w.kind === 'input' ? `W${gate}[${w.unit + 1}, ${w.input + 1}]` : `U${gate}[${w.unit + 1}, ${w.from + 1}]`;
}
