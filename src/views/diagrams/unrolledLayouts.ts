/**
 * One time step of the unrolled diagram, per cell type, in a 180-wide column: the state lines
 * (c on top for the LSTM, h along the bottom; the GRU's h on top) enter from the step before
 * on the left and leave to the step after on the right. Node and edge names follow the rolled
 * diagram, so `data-edge="peephole-i"` means the same connection in both.
 */
import type { CellKind } from '../../engine/spec';
import type { EdgeSpec, NodeId, NodeShape, OpSpec } from './rolledLayouts';

export interface StepNode {
  readonly id: NodeId;
  readonly x: number;
  readonly y: number;
  readonly shape: NodeShape;
}

export interface StepLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly StepNode[];
  readonly ops: readonly OpSpec[];
  /** Edges inside the step; `in-*` and `out-*` edges join the neighbouring steps. */
  readonly edges: readonly EdgeSpec[];
  /**
   * The segments that carry a state between steps, coloured by the value they carry:
   * [edge id, node, step offset] (−1: the state arriving from the step before; 0: leaving).
   */
  readonly carriers: readonly (readonly [string, NodeId, 0 | -1])[];
}

const LSTM: StepLayout = {
  width: 180,
  height: 270,
  nodes: [
    { id: 'c', x: 135, y: 40, shape: 'state' },
    { id: 'f', x: 25, y: 150, shape: 'sigma' },
    { id: 'i', x: 60, y: 150, shape: 'sigma' },
    { id: 'g', x: 95, y: 150, shape: 'tanh' },
    { id: 'o', x: 130, y: 150, shape: 'sigma' },
    { id: 'h', x: 155, y: 205, shape: 'state' },
    { id: 'x', x: 60, y: 250, shape: 'io' },
    { id: 'y', x: 155, y: 255, shape: 'io' },
  ],
  ops: [
    { x: 40, y: 40, symbol: '×', gate: 'forget', labelAt: [0, -14] },
    { x: 78, y: 40, symbol: '+' },
    { x: 78, y: 88, symbol: '×', gate: 'input', labelAt: [-12, 3] },
    { x: 155, y: 100, symbol: '×', gate: 'output', labelAt: [12, -13], labelAnchor: 'end' },
  ],
  edges: [
    { id: 'in-c', d: 'M0,40 H31' },
    { id: 'fmul-add', d: 'M49,40 H69' },
    { id: 'add-c', d: 'M87,40 H117' },
    { id: 'out-c', d: 'M153,40 H180', bus: true },
    { id: 'f-mul', d: 'M27,137 L38,49' },
    { id: 'i-mul', d: 'M64,138 L74,96' },
    { id: 'g-mul', d: 'M91,138 L82,96' },
    { id: 'mul-add', d: 'M78,79 V49' },
    { id: 'c-tanh-mul', d: 'M141,52 L152,91' },
    { id: 'o-mul', d: 'M136,139 L151,108' },
    { id: 'mul-h', d: 'M155,109 V193' },
    { id: 'in-h', d: 'M0,205 H130', bus: true },
    { id: 'h-gates', d: 'M25,205 V163 M60,205 V163 M95,205 V163 M130,205 V163', bus: true },
    { id: 'x-h', d: 'M60,238 V205' },
    { id: 'out-h', d: 'M173,205 H180', bus: true },
    { id: 'h-y', d: 'M155,217 V243' },
    { id: 'peephole-f', d: 'M10,44 L21,137', peephole: true },
    { id: 'peephole-i', d: 'M18,45 L55,138', peephole: true },
    { id: 'peephole-o', d: 'M133,52 L130,137', peephole: true },
  ],
  carriers: [['in-c', 'c', -1], ['out-c', 'c', 0], ['in-h', 'h', -1], ['out-h', 'h', 0]],
};

const GRU: StepLayout = {
  width: 180,
  height: 270,
  nodes: [
    { id: 'h', x: 150, y: 40, shape: 'state' },
    { id: 'y', x: 150, y: 255, shape: 'io' },
    { id: 'z', x: 30, y: 150, shape: 'sigma' },
    { id: 'r', x: 75, y: 150, shape: 'sigma' },
    { id: 'g', x: 120, y: 150, shape: 'tanh' },
    { id: 'x', x: 60, y: 250, shape: 'io' },
  ],
  ops: [
    { x: 45, y: 40, symbol: '×', gate: 'keep', labelAt: [0, -14] },
    { x: 75, y: 95, symbol: '1−' },
    { x: 120, y: 95, symbol: '×', gate: 'replace', labelAt: [22, 3] },
    { x: 120, y: 40, symbol: '+' },
    { x: 120, y: 205, symbol: '×', gate: 'reset', labelAt: [22, 3] },
  ],
  edges: [
    { id: 'in-h', d: 'M0,40 H36', bus: true },
    { id: 'zmul-add', d: 'M54,40 H111' },
    { id: 'add-h', d: 'M129,40 H132' },
    { id: 'out-h', d: 'M168,40 H180', bus: true },
    { id: 'z-mul', d: 'M33,137 L43,49' },
    { id: 'z-oneminus', d: 'M40,140 L67,102' },
    { id: 'oneminus-mul', d: 'M84,95 H111' },
    { id: 'g-mul', d: 'M120,137 V104' },
    { id: 'mul-add', d: 'M120,86 V49' },
    { id: 'h-bus', d: 'M10,40 V205 H111', bus: true },
    { id: 'h-gates', d: 'M30,205 V163 M75,205 V163' },
    { id: 'r-reset', d: 'M83,161 L113,199' },
    { id: 'reset-g', d: 'M120,196 V163' },
    { id: 'x-h', d: 'M60,240 V205' },
    { id: 'h-y', d: 'M150,52 V243' },
  ],
  carriers: [['in-h', 'h', -1], ['out-h', 'h', 0]],
};

const RNN: StepLayout = {
  width: 180,
  height: 270,
  nodes: [
    { id: 'y', x: 90, y: 40, shape: 'io' },
    { id: 'h', x: 90, y: 140, shape: 'tanh' },
    { id: 'x', x: 90, y: 245, shape: 'io' },
  ],
  ops: [],
  edges: [
    { id: 'in-h', d: 'M0,140 H77', bus: true },
    { id: 'out-h', d: 'M103,140 H180', bus: true },
    { id: 'x-h', d: 'M90,233 V153' },
    { id: 'h-y', d: 'M90,127 V52' },
  ],
  carriers: [['in-h', 'h', -1], ['out-h', 'h', 0]],
};

/** The FNN: the RNN's column without the h line between steps (the window is drawn across columns). */
const FNN: StepLayout = {
  ...RNN,
  edges: RNN.edges.filter((e) => e.id !== 'in-h' && e.id !== 'out-h'),
  carriers: [],
};

export const STEP_LAYOUTS: Record<CellKind, StepLayout> = { lstm: LSTM, gru: GRU, rnn: RNN, fnn: FNN };
