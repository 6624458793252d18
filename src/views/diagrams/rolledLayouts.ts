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
  /** How the name is anchored there (by default: from the side it is on). */
  readonly labelAnchor?: 'start' | 'middle' | 'end';
}

/** How a gate's name is anchored beside its ×: as the layout says, else from the side it is on. */
export function labelAnchor(op: OpSpec): 'start' | 'middle' | 'end' {
  const dx = op.labelAt?.[0] ?? 0;
  return op.labelAnchor ?? (dx < 0 ? 'end' : dx > 0 ? 'start' : 'middle');
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
  /** LSTM CIFG only: f is made from i (f = 1 − i). */
  readonly coupled?: boolean;
  /** LSTM FGR only: a controller fed the gate values of the step before. */
  readonly gateRecurrence?: boolean;
}

export interface Layout {
  /** The part of the 640×430 drawing this cell uses: x, y, width, height. */
  readonly viewBox: readonly [number, number, number, number];
  readonly nodes: readonly NodeSpec[];
  readonly ops: readonly OpSpec[];
  readonly edges: readonly EdgeSpec[];
}

export const VIEW = { width: 640, height: 440 } as const;
const X_BUS = 412;
const H_BUS = 382;
const NEURON_Y = 305;
const R = 24;
/** How far beside a neuron's centre its two inputs rise: clear of the strip and the caption under it. */
const RISE = 38;

/** A rising connection at column x from a bus at y into the lower side of the neuron at cx. */
function rise(x: number, y: number, cx: number): string {
  const side = Math.sign(x - cx);
  return `M${x},${y} V${NEURON_Y + 22} L${cx + side * 20},${NEURON_Y + 14}`;
}

/** The two rising connections from the buses into a neuron at column cx: x(t) on its left, h(t−1) on its right. */
function fromBuses(id: string, cx: number): EdgeSpec[] {
  return [
    { id: `x-${id}`, d: rise(cx - RISE, X_BUS, cx) },
    { id: `h-${id}`, d: rise(cx + RISE, H_BUS, cx), recurrent: true },
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
    { id: 'x-bus', d: `M${60},${X_BUS} H${590 - RISE}`, bus: true },
    { id: 'h-loop', d: `M${568},100 H30 V${H_BUS} H${590 + RISE}`, recurrent: true, bus: true },
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
    { id: 'mul-h', d: 'M590,178 V126' },
    { id: 'h-y', d: 'M590,78 V44' },
    { id: 'peephole-i', d: `M436,212 C425,268 345,262 316,${NEURON_Y - 18}`, recurrent: true, peephole: true },
    // Below the i·g ×, between it and the neurons.
    { id: 'peephole-f', d: `M432,212 C420,300 240,262 186,${NEURON_Y - 16}`, recurrent: true, peephole: true },
    { id: 'peephole-o', d: `M468,208 L574,${NEURON_Y - 14}`, peephole: true },
    // CIFG: from i into f, along the neurons' row.
    { id: 'cifg-couple', d: `M${300 - R},${NEURON_Y} H${170 + R + 4}`, coupled: true },
    // FGR: a loop on the right of each controller, out of it and back in: [i f o]_{t−1} feed it.
    ...([['f', 170], ['i', 300], ['o', 590]] as const).map(([id, cx]) => ({
      id: `fgr-${id}`, d: `M${cx + 22},${NEURON_Y - 9} C${cx + 50},${NEURON_Y - 30} ${cx + 50},${NEURON_Y + 24} ${cx + 25},${NEURON_Y + 6}`, recurrent: true, gateRecurrence: true,
    })),
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
    { x: 390, y: H_BUS, symbol: '×', gate: 'reset', labelAt: [0, 24] },
  ],
  edges: [
    { id: 'x-bus', d: `M60,${X_BUS} H${450 - RISE}`, bus: true },
    { id: 'h-loop', d: `M590,190 H615 V14 H30 V${H_BUS} H378`, recurrent: true, bus: true },
    { id: 'h-loop-z', d: 'M30,190 H158', recurrent: true },
    ...fromBuses('z', 170), ...fromBuses('r', 290),
    { id: 'x-g', d: rise(450 - RISE, X_BUS, 450) },
    { id: 'reset-g', d: `M402,${H_BUS} H${450 + RISE} V${NEURON_Y + 22} L470,${NEURON_Y + 14}`, recurrent: true },
    // From r's right side, clear of its strip and caption, down to the × on the h(t−1) bus.
    { id: 'r-reset', d: `M314,${NEURON_Y} H345 L383,${H_BUS - 9}` },
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
  viewBox: [0, 180, 520, 260],
  nodes: [
    { id: 'x', x: 60, y: X_BUS, shape: 'io' },
    { id: 'h', x: 300, y: NEURON_Y, shape: 'tanh' },
    { id: 'y', x: 460, y: NEURON_Y, shape: 'io' },
  ],
  ops: [],
  edges: [
    { id: 'x-bus', d: `M60,${X_BUS} H${300 - RISE}`, bus: true },
    { id: 'h-loop', d: `M300,${NEURON_Y - R} V210 H30 V${H_BUS} H${300 + RISE}`, recurrent: true, bus: true },
    ...fromBuses('h', 300),
    { id: 'h-y', d: `M${300 + R},${NEURON_Y} H${460 - 24}` },
  ],
};

/**
 * The FNN: the RNN's neuron without the loop. Its input is a window of the current and the k − 1
 * previous inputs (drawn as the x bus and a second, "window" input: the steps before t).
 */
const FNN: Layout = {
  viewBox: RNN.viewBox,
  nodes: RNN.nodes,
  ops: [],
  edges: [
    { id: 'x-bus', d: `M60,${X_BUS} H${300 - RISE}`, bus: true },
    { id: 'x-h', d: rise(300 - RISE, X_BUS, 300) },
    { id: 'window-h', d: `M60,${NEURON_Y - 60} H220 L${300 - R + 4},${NEURON_Y - 10}` },
    { id: 'h-y', d: `M${300 + R},${NEURON_Y} H${460 - 24}` },
  ],
};

export const LAYOUTS: Record<CellKind, Layout> = { lstm: LSTM, gru: GRU, rnn: RNN, fnn: FNN };
