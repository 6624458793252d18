/**
 * The time-unrolled diagram: the cell repeated along time, a window of steps around the
 * cursor drawn with its full inner structure (peepholes included when on), the c and h lines
 * coloured by the values they carry from step to step; below, an overview strip of every step
 * of the probe sequence, where a click moves the cursor.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectConfig, selectCursor, selectSnapshot, useStore } from '../../store';
import type { Snapshot } from '../../worker/protocol';
import { STEP_LAYOUTS, type StepLayout } from './unrolledLayouts';
import { labelAnchor } from './rolledLayouts';
import { gradientAt, valueAt } from '../../snapshot/values';
import { formatValue, inkOn, valueColor } from '../primitives/color';
import { usePresence } from '../primitives/usePresence';
import { useMessages, useNumberFormat, type Messages } from '../../i18n';
import { Explainer } from '../primitives/Explainer';
import { ExportButtons } from '../primitives/ExportButtons';
import { DECADES } from '../primitives/colorLut';
import { interpolateViridis } from 'd3-scale-chromatic';
import { OverviewStrip, STRIP_H } from './OverviewStrip';
import { strength } from './gradientScale';
import { ColorLegend } from '../primitives/ColorLegend';
import { GradientLegend } from '../primitives/ScaleLegend';
import { useViewFocus } from '../primitives/useViewFocus';
import { useScrollFocus } from '../primitives/useScrollFocus';
import { useDrawingWidth } from '../primitives/useDrawingWidth';
import { variantMarks, type NodeMark, type VariantMarks } from './variantMarks';

/** Which gate's pre-activation gradient flows back through an edge of a step column. */
const EDGE_GATE: Record<string, string> = {
  'f-mul': 'f', 'i-mul': 'i', 'g-mul': 'g', 'o-mul': 'o', 'peephole-i': 'i', 'peephole-f': 'f', 'peephole-o': 'o',
  'z-mul': 'z', 'z-oneminus': 'z', 'r-reset': 'r', 'reset-g': 'g',
};

/** |∂L/∂(something)| of the selected unit at step t (1-based; 0 before the first step). */
function gradAt(s: Snapshot, what: string, t: number, unit: number): number {
  return Math.abs(gradientAt(s, what, t, unit));
}

/** The screens on which the drawing scrolls sideways (the media query of .unrolled-track). */
const NARROW = '(max-width: 700px)';

/** Steps drawn in full around the cursor. */
const WINDOW = 5;

interface StepProps {
  /** The node tooltip, in the page's language. */
  nodeAt: Messages['unrolled']['nodeAt'];
  layout: StepLayout;
  s: Snapshot | null;
  t: number;
  unit: number;
  showPeepholes: boolean;
  /** The peephole connections are fading out. */
  leaving: boolean;
  current: boolean;
  hover: string | null;
  /** Backward mode: widths and colours follow the gradient flowing back, on a log scale topped at logMax. */
  backward: boolean;
  logMax: number;
  /** What the run's variant of the LSTM takes out or couples (marked in every column). */
  marks: VariantMarks;
}

/** A marked node's short label in a column: 1 for a gate taken out, 1−i for CIFG's f, g for a linear g. */
const SHORT_MARK: Record<NodeMark, string> = { removed: '1', coupled: '1−i', linear: 'g' };

const StepColumn = memo(function StepColumn({ nodeAt, layout, s, t, unit, showPeepholes, leaving, current, hover, backward, logMax, marks }: StepProps) {
  const setHover = useStore((st) => st.setHover);
  const value = (id: Parameters<typeof valueAt>[1], at = t) => (!s ? Number.NaN : at < 1 ? 0 : valueAt(s, id, at, unit));
  // The state lines carry h_{t−1}, c_{t−1} in (h_0 = c_0 = 0) and h_t, c_t out.
  const carried = new Map(layout.carriers.map(([edge, node, offset]) => [edge, value(node, t + offset)]));
  // Backward mode: what flows back through each edge: along the state lines, ∂L/∂h and ∂L/∂c of
  // the step they carry; through a gate's edges, ∂L/∂ of its pre-activation.
  const flow = (edgeId: string): number | undefined => {
    if (!s || !backward) return undefined;
    const carrier = layout.carriers.find(([edge]) => edge === edgeId);
    if (carrier) return strength(gradAt(s, carrier[1], t + carrier[2], unit), logMax);
    const gate = EDGE_GATE[edgeId];
    return gate ? strength(gradAt(s, gate, t, unit), logMax) : undefined;
  };
  return (
    <g className={`step${current ? ' step-current' : ''}`} data-step={t}>
      <rect className="step-frame" x={2} y={2} width={layout.width - 4} height={layout.height - 4} rx={8} />
      <text className="step-label" x={layout.width / 2} y={layout.height + 14}>
        t = {t}
      </text>
      {layout.edges
        .filter((e) => !e.peephole || showPeepholes)
        .map((e) => {
          const v = carried.get(e.id);
          const back = flow(e.id);
          const style =
            back !== undefined
              ? { stroke: interpolateViridis(back), strokeWidth: 1 + 6 * back }
              : v !== undefined && Number.isFinite(v) && !backward
                ? { stroke: valueColor(v) }
                : undefined;
          const path = (
            <path
              key={e.id}
              data-edge={e.id}
              data-flow={back !== undefined ? back.toFixed(3) : undefined}
              d={e.d}
              className={`edge${e.peephole ? ' edge-peephole' : ''}${e.peephole && leaving ? ' edge-leaving' : ''}${v !== undefined ? ' edge-carrier' : ''}`}
              style={style}
            />
          );
          // A carrier gets a dark casing, so that values near 0 (white) stay visible.
          return v === undefined ? path : [<path key={`${e.id}-casing`} d={e.d} className="edge-casing" />, path];
        })}
      {layout.ops.map((op, k) => (
        <g key={k} className={`op op-small${marks.outputTanhRemoved && op.symbol === 'tanh' ? ' op-removed' : ''}`} transform={`translate(${op.x},${op.y})`} data-gate={op.gate}>
          <circle r={9} />
          <text y={1}>{op.symbol}</text>
        </g>
      ))}
      {layout.nodes.map((n) => {
        const v = value(n.id);
        // Backward mode: every node on the gradient scale but the input, which no gradient is drawn for.
        const g = backward && s && n.id !== 'x' ? strength(gradAt(s, n.id, t, unit), logMax) : undefined;
        const neutral = backward && n.id === 'x';
        const fill = neutral ? 'var(--card)' : g !== undefined ? interpolateViridis(g) : Number.isFinite(v) ? valueColor(v) : '#eeeeee';
        return (
          <g
            key={n.id}
            className={`node node-small node-${n.shape}${hover === n.id ? ' node-hovered' : ''}${marks.nodes[n.id] ? ` node-mark-${marks.nodes[n.id]}` : ''}`}
            data-node={n.id}
            data-mark={marks.nodes[n.id]}
            transform={`translate(${n.x},${n.y})`}
            onPointerEnter={() => setHover(n.id)}
            onPointerLeave={() => setHover(null)}
          >
            <title>{nodeAt(n.id, String(t), formatValue(v))}</title>
            {n.shape === 'state' || n.shape === 'io' ? <rect x={-17} y={-11} width={34} height={22} rx={n.shape === 'io' ? 4 : 8} fill={fill} /> : <circle r={13} fill={fill} />}
            <text fill={neutral ? 'currentColor' : g !== undefined ? (g > 0.55 ? '#1b2430' : '#ffffff') : inkOn(v)} y={1}>
              {marks.nodes[n.id] ? SHORT_MARK[marks.nodes[n.id]!] : n.shape === 'sigma' ? `σ${n.id}` : n.id}
            </text>
          </g>
        );
      })}
    </g>
  );
});

/**
 * The FNN's window at the cursor: lines from the inputs x_{t−1} … x_{t−k+1} of earlier columns
 * into h_t (x_t feeds it inside its own column), and a note for the part left of the drawing.
 */
function FnnWindow({ layout, t, k, first, label }: { layout: StepLayout; t: number; k: number; first: number; label: string }) {
  const x = layout.nodes.find((n) => n.id === 'x')!;
  const h = layout.nodes.find((n) => n.id === 'h')!;
  const col = (step: number) => (step - first) * layout.width;
  const oldest = Math.max(1, t - k + 1);
  const hidden = Math.max(0, first - oldest);
  const lines = [];
  for (let step = Math.max(oldest, first); step < t; step++) {
    lines.push(<path key={step} data-edge="window-h" data-from={step} className="edge edge-window" d={`M${col(step) + x.x + 12},${x.y - 10} L${col(t) + h.x - 12},${h.y + 8}`} />);
  }
  return (
    <g className="fnn-window">
      {lines}
      {hidden > 0 && (
        <text className="window-more" x={4} y={x.y - 24}>
          {label}
        </text>
      )}
    </g>
  );
}

export function UnrolledTimeline() {
  const s = useStore(selectSnapshot);
  const config = useStore(selectConfig);
  const { t, unit } = useStore(useShallow(selectCursor));
  const hover = useStore((st) => st.hover);
  const cell = config.cell;
  const layout = STEP_LAYOUTS[cell];
  const peepholes = usePresence(cell === 'lstm' && config.peephole);
  // One object per variant, so that the memoised columns redraw only when it changes.
  const marks = useMemo(() => variantMarks({ cell: config.cell, forgetFixed: config.forgetFixed, change: config.change }), [config.cell, config.forgetFixed, config.change]);
  const [backward, setBackward] = useState(false);
  const [walking, setWalking] = useState(false);
  const msg = useMessages();
  const m = msg.unrolled;
  const fmt = useNumberFormat();
  // Play backward: walk the cursor from the last step to the first, as the error signal goes.
  useEffect(() => {
    if (!walking) return;
    const { snapshot, setT } = useStore.getState();
    setT(snapshot?.T ?? 1);
    const timer = window.setInterval(() => {
      const state = useStore.getState();
      if (state.t <= 1) {
        setWalking(false);
        return;
      }
      state.setT(state.t - 1);
    }, 120);
    return () => window.clearInterval(timer);
  }, [walking]);
  const live = s !== null && s.cell === cell ? s : null;
  // The top of the log scale: the largest gradient of the selected unit anywhere in the probe.
  const logMax = useMemo(() => {
    if (!live) return 0;
    let max = 0;
    for (let k = 0; k < live.T; k++) {
      max = Math.max(max, Math.abs(live.dh[k * live.H + unit] ?? 0), Math.abs(live.dy[k * live.O] ?? 0));
      if (live.dc.length) max = Math.max(max, Math.abs(live.dc[k * live.H + unit] ?? 0));
      for (let g = 0; g < live.G; g++) max = Math.max(max, Math.abs(live.dpre[k * live.G * live.H + g * live.H + unit] ?? 0));
    }
    return max > 0 ? Math.log10(max) : 0;
  }, [live, unit]);
  const T = live ? live.T : 1;
  const first = Math.max(1, Math.min(t - (WINDOW >> 1), T - WINDOW + 1));
  const last = Math.min(T, first + WINDOW - 1);
  const steps = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  const width = WINDOW * layout.width;
  const height = layout.height + 24;
  // The overview spans the panel at its own size (on a phone the drawing above scrolls, it does not).
  const [overviewRef, overviewW] = useDrawingWidth(width + 28, 200);
  const stripRows = cell === 'lstm' ? 2 : 1;
  const viewFocus = useViewFocus('unrolled');
  // On a narrow screen the drawing scrolls: keep the cursor's step in view.
  const scroller = useRef<HTMLDivElement | null>(null);
  const focusWhenScrolling = useScrollFocus();
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    // Only where the drawing scrolls (see .unrolled-track): elsewhere no layout is read on a cursor move.
    const narrow = window.matchMedia(NARROW);
    const centre = () => {
      if (!narrow.matches || box.scrollWidth <= box.clientWidth) return;
      const px = box.scrollWidth / (width + 28);
      box.scrollTo({ left: Math.max(0, (24 + (t - first + 0.5) * layout.width) * px - box.clientWidth / 2) });
    };
    centre();
    narrow.addEventListener('change', centre);
    return () => narrow.removeEventListener('change', centre);
  }, [t, first, layout.width, width]);
  return (
    <section className="panel unrolled" aria-label={m.region} data-mode={backward ? 'backward' : 'forward'} data-view="unrolled" data-lesson={viewFocus}>
      <div className="panel-head">
        <h2>
          {m.heading} <span className="muted">{m.window(fmt.int(first), fmt.int(last), fmt.int(T), fmt.int(unit + 1))}</span>
        </h2>
        <span className="head-controls">
          <button type="button" role="switch" aria-checked={backward} className="switch" onClick={() => setBackward(!backward)}>
            <span className="switch-knob" aria-hidden="true" />
            <span className="switch-label">{m.backward}</span>
          </button>
          <button
            type="button"
            className="small-button"
            aria-pressed={walking}
            onClick={() => {
              if (!walking) setBackward(true);
              setWalking(!walking);
            }}
          >
            {walking ? m.stop : m.playBackward}
          </button>
          <ExportButtons name={m.region} file={`${cell}-unrolled`} />
        </span>
      </div>
      {backward && (
        <p className="muted small">{m.backwardNote(fmt.int(unit + 1), String(DECADES), cell === 'lstm')}</p>
      )}
      <div
        className="unrolled-scroll"
        ref={(box) => {
          scroller.current = box;
          focusWhenScrolling(box);
        }}
      >
      <div className="unrolled-track">
      {/* Snap points, one per drawn step: on a narrow screen the drawing scrolls a step at a time. */}
      <div className="unrolled-snaps" aria-hidden="true" style={{ paddingLeft: `${(24 / (width + 28)) * 100}%` }}>
        {steps.map((step) => (
          <span key={step} style={{ width: `${(layout.width / (width + 28)) * 100}%` }} />
        ))}
      </div>
      <svg viewBox={`-24 -4 ${width + 28} ${height}`} data-scale={backward ? 'gradient' : 'value'} role="img" aria-label={m.summary(fmt.int(first), fmt.int(last), msg.cells[cell], fmt.int(unit + 1))}>
        {steps.map((step, k) => (
          // Keyed by position, so moving the cursor updates the columns instead of remounting them.
          <g key={k} transform={`translate(${k * layout.width}, 0)`}>
            <StepColumn
              nodeAt={m.nodeAt}
              layout={layout}
              s={live}
              t={step}
              unit={unit}
              showPeepholes={peepholes.mounted}
              leaving={peepholes.leaving}
              current={step === t}
              hover={hover}
              backward={backward}
              logMax={logMax}
              marks={marks}
            />
          </g>
        ))}
        {/* The gates' names at the cursor's step, above every column so that none covers them. */}
        <g className="gate-labels" transform={`translate(${(t - first) * layout.width}, 0)`}>
          {layout.ops.map((op, k) =>
            op.gate && op.labelAt ? (
              <text
                key={k}
                className="gate-label gate-label-small"
                x={op.x + op.labelAt[0]}
                y={op.y + op.labelAt[1]}
                style={{ textAnchor: labelAnchor(op) }}
              >
                <title>{msg.rolled.gates[op.gate]}</title>
                {m.gates[op.gate]}
              </text>
            ) : null,
          )}
        </g>
        {live && cell === 'fnn' && (
          <FnnWindow layout={layout} t={t} k={live.window} first={first} label={m.windowBefore(fmt.int(Math.max(0, first - Math.max(1, t - live.window + 1))))} />
        )}
      </svg>
      </div>
      </div>
      {live && (
        <svg ref={overviewRef} className="overview-strip" viewBox={`-24 -4 ${overviewW} ${stripRows * (STRIP_H + 2) + 8}`} data-scale={backward ? 'gradient' : 'value'}>
          <OverviewStrip s={live} t={t} unit={unit} first={first} last={last} width={overviewW - 28} hint={m.clickStep} logMax={backward ? logMax : null} />
        </svg>
      )}
      {backward ? (
        <GradientLegend scale="gradient" what="·" logMax={logMax} />
      ) : (
        <ColorLegend lines={false} />
      )}
      <Explainer ids={['rolledUnrolled']} />
    </section>
  );
}
