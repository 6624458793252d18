/**
 * Where each part of the rolled cell diagram sits, per cell type, in a 640×430 drawing.
 * Nodes carry the names of the equations (data-node); connections carry data-edge.
 * Two buses run along the bottom: x_t (solid) and h_{t−1} (dashed: it comes from the
 * previous time step, through the loop drawn from h).
 */
import type { CellKind } from '../../engine/spec';

import type { NodeId } from '../../snapshot/values';

export type { NodeId };
export type NodeShape = 'sigma' | 'tanh' | 'state' | 'io';

export interface NodeSpec {
  readonly id: NodeId;
  readonly x: number;
  readonly y: number;
  readonly shape: NodeShape;
}

/** The gates, named as the × that applies them: the LSTM's three, the GRU's update (keep and replace) and reset. */
export type GateLabel = 'input' | 'forget' | 'output' | 'keep' | 'replace' | 'reset';

export interface OpSpec {
  readonly x: number;
  readonly y: number;
  readonly symbol: string;
  /** The gate this × is (its name is drawn beside it, the same in both diagrams). */
  readonly gate?: GateLabel;
  /** Where the gate's name goes, relative to the ×. */
  readonly labelAt?: readonly [number, number];
}

export interface EdgeSpec {
  readonly id: string;
  readonly d: string;
  /** From the previous time step (the loop, and what it feeds). */
  readonly recurrent?: boolean;
  /** One of the LSTM's three peephole connections. */
  readonly peephole?: boolean;
  /** A bus line: it carries values along, with no arrowhead. */
  readonly bus?: boolean;
}

export interface Layout {
  /** The part of the 640×430 drawing this cell uses: x, y, width, height. */
  readonly viewBox: readonly [number, number, number, number];
  readonly nodes: readonly NodeSpec[];
  readonly ops: readonly OpSpec[];
  readonly edges: readonly EdgeSpec[];
}

export const VIEW = { width: 640, height: 430 } as const;
const X_BUS = 410;
const H_BUS = 380;
const NEURON_Y = 320;
const R = 24;

/** The two rising connections from the buses into a neuron at column cx. */
function fromBuses(id: string, cx: number): EdgeSpec[] {
  return [
    { id: `x-${id}`, d: `M${cx - 7},${X_BUS} V${NEURON_Y + R}` },
    { id: `h-${id}`, d: `M${cx + 7},${H_BUS} V${NEURON_Y + R}`, recurrent: true },
  ];
}

const LSTM: Layout = {
  viewBox: [0, 0, VIEW.width, VIEW.height],
  nodes: [
    { id: 'x', x: 60, y: X_BUS, shape: 'io' },
    { id: 'f', x: 170, y: NEURON_Y, shape: 'sigma' },
    { id: 'i', x: 300, y: NEURON_Y, shape: 'sigma' },
    { id: 'g', x: 400, y: NEURON_Y, shape: 'tanh' },
    { id: 'o', x: 590, y: NEURON_Y, shape: 'sigma' },
    { id: 'c', x: 450, y: 190, shape: 'state' },
    { id: 'h', x: 590, y: 100, shape: 'state' },
    { id: 'y', x: 590, y: 30, shape: 'io' },
  ],
  ops: [
    { x: 170, y: 190, symbol: '×', gate: 'forget', labelAt: [0, -20] },
    { x: 350, y: 250, symbol: '×', gate: 'input', labelAt: [-18, 4] },
    { x: 350, y: 190, symbol: '+' },
    { x: 520, y: 190, symbol: 'tanh' },
    { x: 590, y: 190, symbol: '×', gate: 'output', labelAt: [-4, 34] },
  ],
  edges: [
    { id: 'x-bus', d: `M${60},${X_BUS} H${597}`, bus: true },
    { id: 'h-loop', d: `M${568},100 H30 V${H_BUS} H${597}`, recurrent: true, bus: true },
    ...fromBuses('f', 170), ...fromBuses('i', 300), ...fromBuses('g', 400), ...fromBuses('o', 590),
    { id: 'f-mul', d: `M170,${NEURON_Y - R} V202` },
    { id: 'i-mul', d: `M300,${NEURON_Y - R} L341,259` },
    { id: 'g-mul', d: `M400,${NEURON_Y - R} L359,259` },
    { id: 'mul-add', d: 'M350,240 V202' },
    { id: 'c-loop', d: 'M450,168 V140 H110 V190 H158', recurrent: true },
    { id: 'fmul-add', d: 'M182,190 H338' },
    { id: 'add-c', d: 'M362,190 H422' },
    { id: 'c-tanh', d: 'M478,190 H504' },
    { id: 'tanh-mul', d: 'M536,190 H578' },
    { id: 'o-mul', d: `M590,${NEURON_Y - R} V202` },
    { id: 'mul-h', d: 'M590,178 V122' },
    { id: 'h-y', d: 'M590,78 V44' },
    { id: 'peephole-i', d: `M436,212 C420,262 340,262 316,${NEURON_Y - 18}`, recurrent: true, peephole: true },
    { id: 'peephole-f', d: `M432,210 C400,280 240,250 186,${NEURON_Y - 16}`, recurrent: true, peephole: true },
    { id: 'peephole-o', d: `M468,208 L574,${NEURON_Y - 14}`, peephole: true },
  ],
};

const GRU: Layout = {
  viewBox: [0, 0, VIEW.width, VIEW.height],
  nodes: [
    { id: 'x', x: 60, y: X_BUS, shape: 'io' },
    { id: 'z', x: 170, y: NEURON_Y, shape: 'sigma' },
    { id: 'r', x: 290, y: NEURON_Y, shape: 'sigma' },
    { id: 'g', x: 450, y: NEURON_Y, shape: 'tanh' },
    { id: 'h', x: 560, y: 190, shape: 'state' },
    { id: 'y', x: 560, y: 40, shape: 'io' },
  ],
  ops: [
    { x: 170, y: 190, symbol: '×', gate: 'keep', labelAt: [0, -20] },
    { x: 300, y: 250, symbol: '1−' },
    { x: 450, y: 250, symbol: '×', gate: 'replace', labelAt: [20, 4] },
    { x: 450, y: 190, symbol: '+' },
    { x: 390, y: H_BUS, symbol: '×', gate: 'reset', labelAt: [0, 26] },
  ],
  edges: [
    { id: 'x-bus', d: `M60,${X_BUS} H457`, bus: true },
    { id: 'h-loop', d: `M590,190 H615 V14 H30 V${H_BUS} H378`, recurrent: true, bus: true },
    { id: 'h-loop-z', d: 'M30,190 H158', recurrent: true },
    ...fromBuses('z', 170), ...fromBuses('r', 290),
    { id: 'x-g', d: `M443,${X_BUS} V${NEURON_Y + R}` },
    { id: 'reset-g', d: `M402,${H_BUS} H457 V${NEURON_Y + R}`, recurrent: true },
    { id: 'r-reset', d: `M302,${NEURON_Y + 19} L381,${H_BUS - 8}` },
    { id: 'z-mul', d: `M170,${NEURON_Y - R} V202` },
    { id: 'z-oneminus', d: `M186,${NEURON_Y - 16} L288,258` },
    { id: 'oneminus-mul', d: 'M312,250 H438' },
    { id: 'g-mul', d: `M450,${NEURON_Y - R} V262` },
    { id: 'mul-add', d: 'M450,238 V202' },
    { id: 'zmul-add', d: 'M182,190 H438' },
    { id: 'add-h', d: 'M462,190 H532' },
    { id: 'h-y', d: 'M560,168 V54' },
  ],
};

const RNN: Layout = {
  viewBox: [0, 190, 520, 240],
  nodes: [
    { id: 'x', x: 60, y: X_BUS, shape: 'io' },
    { id: 'h', x: 300, y: NEURON_Y, shape: 'tanh' },
    { id: 'y', x: 460, y: NEURON_Y, shape: 'io' },
  ],
  ops: [],
  edges: [
    { id: 'x-bus', d: `M60,${X_BUS} H293`, bus: true },
    { id: 'h-loop', d: `M300,${NEURON_Y - R} V220 H30 V${H_BUS} H307`, recurrent: true, bus: true },
    ...fromBuses('h', 300),
    { id: 'h-y', d: `M${300 + R},${NEURON_Y} H${460 - 24}` },
  ],
};

/**
 * The FNN: the RNN's neuron without the loop. Its input is a window of the current and the k − 1
 * previous inputs (drawn as the x bus and a second, "window" input: the steps before t).
 */
const FNN: Layout = {
  viewBox: [0, 190, 520, 240],
  nodes: RNN.nodes,
  ops: [],
  edges: [
    { id: 'x-bus', d: `M60,${X_BUS} H293`, bus: true },
    { id: 'x-h', d: `M293,${X_BUS} V${NEURON_Y + R}` },
    { id: 'window-h', d: `M60,${NEURON_Y - 60} H220 L${300 - R + 4},${NEURON_Y - 10}` },
    { id: 'h-y', d: `M${300 + R},${NEURON_Y} H${460 - 24}` },
  ],
};

export const LAYOUTS: Record<CellKind, Layout> = { lstm: LSTM, gru: GRU, rnn: RNN, fnn: FNN };
