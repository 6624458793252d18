/**
 * The rolled cell diagram: one cell in textbook notation, its loop drawn as a dashed arrow
 * from the previous time step. Every node shows its live value at the cursor (t, unit) as a
 * colour and a number. With peepholes on, three more connections appear.
 */
import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectConfig, selectCursor, selectSnapshot, useStore } from '../../store';
import type { Snapshot } from '../../worker/protocol';
import { LAYOUTS, labelAnchor, type NodeSpec } from './rolledLayouts';
import { valueAt } from '../../snapshot/values';
import { formatValue, inkOn, valueColor } from '../primitives/color';
import { ColorLegend } from '../primitives/ColorLegend';
import { NodeStrips, STRIP_NODES, stripBox } from './NodeStrips';
import { usePresence } from '../primitives/usePresence';
import type { CellKind, GateName } from '../../engine/spec';
import type { ExplanationId } from '../../i18n/explanations';
import { useMessages, useNumberFormat, type Messages, type NumberFormat } from '../../i18n';
import { Explainer } from '../primitives/Explainer';
import { ExportButtons } from '../primitives/ExportButtons';
import { useLessonNodes, useViewFocus } from '../primitives/useViewFocus';
import { PeepholeValues } from './PeepholeValues';
import { markedLabel, variantMarks, type NodeMark } from './variantMarks';

/** What the explanations under the diagram cover, per cell. */
const EXPLAINED = {
  lstm: ['gates', 'cec', 'weightConflict', 'peepholes'],
  gru: ['gruMerge', 'resetGate'],
  rnn: ['weightConflict'],
  fnn: ['fnnWindow'],
} as const satisfies Record<CellKind, readonly ExplanationId[]>;

interface NodeProps {
  spec: NodeSpec;
  /** What the node is, in words (its tooltip). */
  title: string;
  value: number;
  /** What the node prints, when it is more than its value (x of several inputs). */
  text?: string;
  hovered: boolean;
  /** The open chapter of the lesson points at it. */
  pointed: boolean;
  /** What the run's variant of the LSTM did to it (taken out, coupled, made linear). */
  mark: NodeMark | undefined;
  /** The gate lab holds it at a constant, or silences the unit (h, c). */
  lab: 'held' | 'silenced' | undefined;
  onHover: (node: string | null) => void;
  /** A gate node: choose it in the gate lab. */
  onChoose?: () => void;
}

function Node({ spec, title, value, text, hovered, pointed, mark, lab, onHover, onChoose }: NodeProps) {
  const fill = Number.isFinite(value) ? valueColor(value) : '#eeeeee';
  const label = mark ? markedLabel(spec.id, mark) : spec.shape === 'sigma' ? `σ ${spec.id}` : spec.id;
  // A state's box holds its strip under the value (see NodeStrips).
  const state = spec.shape === 'state';
  const body =
    state || spec.shape === 'io' ? (
      <rect x={-30} y={-22} width={60} height={state ? 48 : 44} rx={state ? 14 : 6} fill={fill} />
    ) : (
      <circle r={24} fill={fill} />
    );
  return (
    <g
      className={`node node-${spec.shape}${hovered ? ' node-hovered' : ''}${pointed ? ' node-lesson' : ''}${mark ? ` node-mark-${mark}` : ''}${lab ? ` node-${lab}` : ''}`}
      data-mark={mark}
      data-lab={lab}
      onClick={onChoose}
      data-node={spec.id}
      transform={`translate(${spec.x},${spec.y})`}
      onPointerEnter={() => onHover(spec.id)}
      onPointerLeave={() => onHover(null)}
    >
      <title>{`${title}: ${text ?? formatValue(value)}`}</title>
      {body}
      <text className="node-name" y={state ? -9 : -6} fill={inkOn(value)}>
        {label}
      </text>
      <text className="node-value" y={state ? 7 : 11} fill={inkOn(value)}>
        {text ?? formatValue(value)}
      </text>
    </g>
  );
}

/** Every input of step t, when there are several (the adding problem's value and marker). */
function inputText(s: Snapshot, t: number): string {
  return Array.from(s.x.subarray((t - 1) * s.I, t * s.I), formatValue).join(' · ');
}

/**
 * The gate that says whether the memory stays, in words: the LSTM's forget gate f, the GRU's
 * update gate z (which multiplies h_{t−1}); null for the RNN.
 */
function memoryWords(msg: Messages, s: Snapshot, t: number, unit: number, fmt: NumberFormat): string | null {
  if (s.cell === 'rnn' || s.cell === 'fnn') return null;
  const lstm = s.cell === 'lstm';
  const gate = lstm ? 'f' : 'z';
  const v = valueAt(s, gate, t, unit);
  const w = msg.summaries;
  const meaning = v >= 0.9 ? (lstm ? w.memory.kept : w.gru.kept) : v <= 0.1 ? (lstm ? w.memory.cleared : w.gru.replaced) : lstm ? w.memory.partly : w.gru.mixed;
  return msg.summaries.rolled(fmt.int(t), fmt.int(unit + 1), msg.heatmaps.gates[s.cell][gate] ?? gate, formatValue(v), meaning);
}

/** What a screen reader hears for the diagram: the cell, the cursor, and each node's value. */
function summary(head: string, s: Snapshot | null, t: number, unit: number, nodes: readonly NodeSpec[], titles: Readonly<Record<string, string>>): string {
  if (!s) return head;
  return `${head}: ${nodes.map((n) => `${titles[n.id] ?? n.id} ${formatValue(valueAt(s, n.id, t, unit))}`).join(', ')}`;
}

export function RolledCell() {
  const snapshot = useStore(selectSnapshot);
  const config = useStore(selectConfig);
  const { t, unit } = useStore(useShallow(selectCursor));
  const cell = config.cell;
  const layout = LAYOUTS[cell];
  const live = snapshot !== null && snapshot.cell === cell;
  const peepholes = usePresence(cell === 'lstm' && config.peephole);
  const marks = variantMarks(config);
  const setLabGate = useStore((s) => s.setLabGate);
  const labOf = (id: string): 'held' | 'silenced' | undefined => {
    if (!live) return undefined;
    const on = snapshot.interventions;
    if (on.some((iv) => iv.kind === 'ablate' && iv.unit === unit) && (id === 'h' || id === 'c')) return 'silenced';
    return on.some((iv) => iv.kind === 'clamp' && iv.gate === id && (iv.unit === 'all' || iv.unit === unit)) ? 'held' : undefined;
  };
  const gateIds: readonly string[] = cell === 'lstm' ? ['i', 'f', 'g', 'o'] : cell === 'gru' ? ['z', 'r', 'g'] : [];
  const svgRef = useRef<SVGSVGElement>(null);
  const pointed = useLessonNodes();
  const hover = useStore((s) => s.hover);
  const setHover = useStore((s) => s.setHover);
  const msg = useMessages();
  const m = msg.rolled;
  const fmt = useNumberFormat();
  const titles = m.nodes[cell];
  const words = live ? memoryWords(msg, snapshot, t, unit, fmt) : null;
  const head = words ? `${words}${msg.punct.sentence}${m.summary(msg.cells[cell], fmt.int(t), fmt.int(unit + 1))}` : m.summary(msg.cells[cell], fmt.int(t), fmt.int(unit + 1));
  const viewFocus = useViewFocus('rolled');
  const variantKey = cell === 'lstm' ? (config.change ?? (config.forgetFixed ? 'NFG' : null)) : null;
  return (
    <section className="panel rolled" aria-label={m.region} data-view="rolled" data-lesson={viewFocus}>
      <div className="panel-head">
        <h2>
          {m.heading(msg.cells[cell])} <span className="muted">{m.cursor(fmt.int(t), fmt.int(unit + 1))}</span>
        </h2>
        <ExportButtons name={m.region} file={`${cell}-cell`} />
      </div>
      <div className="rolled-figure" data-scale="value">
      <svg ref={svgRef} viewBox={layout.viewBox.join(' ')} className={`cell-${cell}`} role="img" aria-label={summary(head, live ? snapshot : null, t, unit, layout.nodes, titles)}>
        <defs>
          <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L8,4 L0,8 z" fill="#55606e" />
          </marker>
        </defs>
        <g className="edges">
          {layout.edges
            .filter((e) => (!e.peephole || peepholes.mounted) && (!e.coupled || marks.nodes.f === 'coupled') && (!e.gateRecurrence || marks.gateRecurrence))
            .map((e) => (
              <path
                key={e.id}
                data-edge={e.id}
                d={e.d}
                className={`edge${e.recurrent ? ' edge-recurrent' : ''}${e.peephole ? ' edge-peephole' : ''}${e.peephole && peepholes.leaving ? ' edge-leaving' : ''}${e.coupled || e.gateRecurrence ? ' edge-variant' : ''}`}
                markerEnd={e.bus ? undefined : 'url(#arrow)'}
              />
            ))}
        </g>
        {cell === 'fnn' && (
          <text className="window-label" x={64} y={248}>
            {m.windowLabel(fmt.int(config.window), config.window > 1 ? fmt.int(config.window - 1) : null)}
          </text>
        )}
        <g className="ops">
          {layout.ops.map((op, k) => (
            <g
              key={k} className={`op${marks.outputTanhRemoved && op.symbol === 'tanh' ? ' op-removed' : ''}`}
              transform={`translate(${op.x},${op.y})`} data-gate={op.gate} data-op={op.symbol}
            >
              <circle r={op.symbol.length > 2 ? 17 : 12} />
              <text y={1} className={op.symbol.length > 2 ? 'op-word' : undefined}>
                {op.symbol}
              </text>
              {op.gate && op.labelAt && (
                <text className="gate-label" x={op.labelAt[0]} y={op.labelAt[1]} style={{ textAnchor: labelAnchor(op) }}>
                  {m.gates[op.gate]}
                </text>
              )}
            </g>
          ))}
        </g>
        <g className="controller-labels">
          {layout.nodes
            .filter((n) => n.shape === 'sigma')
            .map((n) => (
              // Under the node's strip, between its two inputs; on a phone, in one short line at a larger size.
              <g key={n.id} data-controller={n.id}>
                <text className="controller-label controller-full" x={n.x} y={stripBox(n).y + stripBox(n).h + 12}>
                  {m.controllers[n.id]?.map((line, k) => (
                    <tspan key={k} x={n.x} dy={k === 0 ? 0 : '1.1em'}>
                      {line}
                    </tspan>
                  ))}
                </text>
                <text className="controller-label controller-short" x={n.x} y={stripBox(n).y + stripBox(n).h + 16}>
                  {m.controllerShort}
                </text>
              </g>
            ))}
        </g>
        {/* Where each node's strip is painted (on the canvas above): the frame of its units. */}
        <g className="strip-slots">
          {layout.nodes
            .filter((n) => STRIP_NODES.has(n.id))
            .map((n) => {
              const box = stripBox(n);
              return <rect key={n.id} className="strip-slot" data-strip={n.id} x={box.x} y={box.y} width={box.w} height={box.h} />;
            })}
        </g>
        <g className="nodes">
          {layout.nodes.map((n) => (
            <Node
              key={n.id}
              spec={n}
              title={titles[n.id] ?? n.id}
              value={live ? valueAt(snapshot, n.id, t, unit) : Number.NaN}
              text={live && n.id === 'x' && snapshot.I > 1 ? inputText(snapshot, t) : undefined}
              hovered={hover === n.id}
              pointed={pointed.includes(n.id)}
              mark={marks.nodes[n.id]}
              lab={labOf(n.id)}
              onHover={setHover}
              onChoose={gateIds.includes(n.id) ? () => setLabGate(n.id as GateName) : undefined}
            />
          ))}
        </g>
      </svg>
      <NodeStrips layout={layout} svgRef={svgRef} />
      </div>
      {live && cell === 'lstm' && config.peephole && <PeepholeValues snapshot={snapshot} unit={unit} />}
      <ColorLegend />
      <p className="muted small diagram-notes">
        {variantKey && <span className="variant-note" data-variant={variantKey}>{m.variantNote[variantKey]} </span>}
        {m.stripsNote}
        {live && snapshot.I > 1 && <> {m.inputsNote}</>}
      </p>
      <Explainer ids={EXPLAINED[cell]} />
    </section>
  );
}
