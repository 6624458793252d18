/**
 * The model file format (docs/model-format.md) and the named weights of a network.
 * Each named matrix of the equations (W_i, U_f, p_o, …) is a block of one fused parameter;
 * the tables below say which, written out in full rather than built from strings.
 */
import { CELL_KINDS, LSTM_CHANGES, WINDOW_RANGE, switchConflict, type CellKind, type LstmChange, type NetSpec } from './spec';
import { Network } from './network';
import type { DType, FloatArray, Param } from './tensor';
import {
  MAX_STEPS, ValidationError, describe, invalid, type Expected, expectBoolean, expectFinite, expectMatrix, expectObject, expectSize, expectVector, fieldName, valueLimit,
} from './validate';

export const MODEL_FORMAT = 'gatescope-model';
export const MODEL_VERSION = 1;

export type WeightJson = number[] | number[][];

export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  readonly cell: CellKind;
  readonly peephole?: boolean;
  readonly resetAfter?: boolean;
  /** LSTM: the forget gate taken out (f = 1); written only when true. */
  readonly forgetFixed?: boolean;
  /** LSTM: one change of Greff et al. (2017), NIG, NOG, NIAF, NOAF, CIFG or FGR; written only when there is one. */
  readonly change?: LstmChange;
  /** FNN: k, the steps its window takes in (its W is H × (k · inputSize)). */
  readonly window?: number;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly outputSize: number;
  readonly weights: Record<string, WeightJson>;
  /** How the weights were first set (metadata: the weights are what counts), when known. */
  readonly init?: ModelInit;
}

/** The initialisation a model started from: its forget-gate bias and recurrent scale, or chrono's T_max (LSTM, GRU). */
export interface ModelInit {
  readonly forgetBias?: number;
  readonly recurrentScale?: number;
  readonly chrono?: number;
}

type Fused = 'W' | 'U' | 'b' | 'P' | 'R' | 'bh' | 'Wy' | 'by';

/** The fused parameters whose blocks are 1-D vectors in the file. */
const VECTORS: ReadonlySet<Fused> = new Set<Fused>(['b', 'P', 'bh', 'by']);

/** One named weight of the equations: block `block` (H rows each) of fused parameter `of`. */
interface Slot {
  readonly name: string;
  readonly of: Fused;
  readonly block: number;
  /** Only present in a file when this switch is on (fgr: the LSTM's full gate recurrence). */
  readonly when?: Switch;
}

type Switch = 'peephole' | 'resetAfter' | 'fgr';

const switchOn = (spec: NetSpec, when: Switch): boolean => (when === 'fgr' ? spec.change === 'FGR' : spec[when]);

const READOUT: readonly Slot[] = [
  { name: 'W_y', of: 'Wy', block: 0 },
  { name: 'b_y', of: 'by', block: 0 },
];

const SLOTS: Record<CellKind, readonly Slot[]> = {
  fnn: [{ name: 'W', of: 'W', block: 0 }, { name: 'b', of: 'b', block: 0 }, ...READOUT],
  rnn: [
    { name: 'W', of: 'W', block: 0 }, { name: 'U', of: 'U', block: 0 }, { name: 'b', of: 'b', block: 0 },
    ...READOUT,
  ],
  lstm: [
    { name: 'W_i', of: 'W', block: 0 }, { name: 'U_i', of: 'U', block: 0 }, { name: 'b_i', of: 'b', block: 0 },
    { name: 'W_f', of: 'W', block: 1 }, { name: 'U_f', of: 'U', block: 1 }, { name: 'b_f', of: 'b', block: 1 },
    { name: 'W_g', of: 'W', block: 2 }, { name: 'U_g', of: 'U', block: 2 }, { name: 'b_g', of: 'b', block: 2 },
    { name: 'W_o', of: 'W', block: 3 }, { name: 'U_o', of: 'U', block: 3 }, { name: 'b_o', of: 'b', block: 3 },
    { name: 'p_i', of: 'P', block: 0, when: 'peephole' },
    { name: 'p_f', of: 'P', block: 1, when: 'peephole' },
    { name: 'p_o', of: 'P', block: 2, when: 'peephole' },
    { name: 'R_ii', of: 'R', block: 0, when: 'fgr' }, { name: 'R_if', of: 'R', block: 1, when: 'fgr' }, { name: 'R_io', of: 'R', block: 2, when: 'fgr' },
    { name: 'R_fi', of: 'R', block: 3, when: 'fgr' }, { name: 'R_ff', of: 'R', block: 4, when: 'fgr' }, { name: 'R_fo', of: 'R', block: 5, when: 'fgr' },
    { name: 'R_oi', of: 'R', block: 6, when: 'fgr' }, { name: 'R_of', of: 'R', block: 7, when: 'fgr' }, { name: 'R_oo', of: 'R', block: 8, when: 'fgr' },
    ...READOUT,
  ],
  gru: [
    { name: 'W_z', of: 'W', block: 0 }, { name: 'U_z', of: 'U', block: 0 }, { name: 'b_z', of: 'b', block: 0 },
    { name: 'W_r', of: 'W', block: 1 }, { name: 'U_r', of: 'U', block: 1 }, { name: 'b_r', of: 'b', block: 1 },
    { name: 'W_g', of: 'W', block: 2 }, { name: 'U_g', of: 'U', block: 2 }, { name: 'b_g', of: 'b', block: 2 },
    { name: 'bh_g', of: 'bh', block: 0, when: 'resetAfter' },
    ...READOUT,
  ],
};

/** A named weight of a live network: views (no copies) onto its value and gradient. */
export interface NamedWeight {
  readonly name: string;
  /** Rows; 1-D vectors have rows = length and isVector. */
  readonly rows: number;
  readonly cols: number;
  readonly isVector: boolean;
  readonly w: FloatArray;
  readonly dw: FloatArray;
  /** Whether the file format includes it for this spec. */
  readonly inFile: boolean;
  /** The switch it belongs to, if any (p_* to peephole, bh_g to resetAfter, R_* to FGR). */
  readonly switch: Switch | undefined;
}

function fusedParam(net: Network, of: Fused): Param {
  switch (of) {
    case 'W': return net.W;
    case 'U': return net.U;
    case 'b': return net.b;
    case 'P': return net.P;
    case 'R': return net.R;
    case 'bh': return net.bh;
    case 'Wy': return net.Wy;
    case 'by': return net.by;
  }
}

/** The named weights of a network, in file order (including p_* while peepholes are off). */
export function namedWeights(net: Network): NamedWeight[] {
  const { hiddenSize: H, cell } = net.spec;
  return SLOTS[cell]
    .filter((slot) => (slot.when !== 'resetAfter' && slot.when !== 'fgr') || switchOn(net.spec, slot.when))
    .map((slot) => {
      const p = fusedParam(net, slot.of);
      const readout = slot.of === 'Wy' || slot.of === 'by';
      const rows = readout ? p.rows : H;
      const cols = p.cols;
      const start = slot.block * rows * cols;
      const end = start + rows * cols;
      return {
        name: slot.name, rows, cols, isVector: VECTORS.has(slot.of),
        w: p.w.subarray(start, end), dw: p.dw.subarray(start, end),
        inFile: slot.when === undefined || switchOn(net.spec, slot.when),
        switch: slot.when,
      };
    });
}

/** A weight buffer as file JSON: a vector, or nested row-major rows. */
export function weightToJson(weight: NamedWeight, data: FloatArray = weight.w): WeightJson {
  if (weight.isVector) return Array.from(data);
  const out: number[][] = [];
  for (let r = 0; r < weight.rows; r++) out.push(Array.from(data.subarray(r * weight.cols, (r + 1) * weight.cols)));
  return out;
}

/**
 * The network as a model file. Peephole vectors kept while the switch is off are written too
 * (when any is non-zero), so that switching on after a reload restores them.
 */
export function modelToFile(net: Network, init?: ModelInit): ModelFile {
  const { cell, inputSize, hiddenSize, outputSize, peephole, resetAfter } = net.spec;
  const keptPeepholes = cell === 'lstm' && net.P.w.some((v) => v !== 0);
  const weights: Record<string, WeightJson> = {};
  for (const weight of namedWeights(net)) {
    if (weight.inFile || (keptPeepholes && weight.switch === 'peephole')) weights[weight.name] = weightToJson(weight);
  }
  return {
    format: MODEL_FORMAT, version: MODEL_VERSION, cell,
    ...(cell === 'lstm' ? { peephole } : {}),
    ...(cell === 'lstm' && net.spec.forgetFixed ? { forgetFixed: true } : {}),
    ...(cell === 'lstm' && net.spec.change ? { change: net.spec.change } : {}),
    ...(cell === 'gru' ? { resetAfter } : {}),
    ...(cell === 'fnn' ? { window: net.spec.window ?? 1 } : {}),
    inputSize, hiddenSize, outputSize, weights,
    ...(init ? { init } : {}),
  };
}

/** What a model file records of an initialisation: the options that act on this cell. */
export function initFor(cell: CellKind, options: { forgetBias: number; recurrentScale: number; chrono: number }): ModelInit {
  const chrono = options.chrono >= 2 && (cell === 'lstm' || cell === 'gru');
  return {
    ...(cell !== 'fnn' ? { recurrentScale: options.recurrentScale } : {}),
    ...(cell === 'lstm' && !chrono ? { forgetBias: options.forgetBias } : {}),
    ...(chrono ? { chrono: options.chrono } : {}),
  };
}

/** The initialisation a model file records (already checked by parseModel), or null. */
export function modelInit(json: unknown): ModelInit | null {
  const init = (json as { init?: ModelInit } | null)?.init;
  return init ?? null;
}

/** Check a model file's `init` (optional; each field optional). */
function checkInit(value: unknown, path: string, cell: CellKind): void {
  if (value === undefined) return;
  const init = expectObject(value, path);
  for (const key of Object.keys(init)) {
    if (!['forgetBias', 'recurrentScale', 'chrono'].includes(key)) throw invalid(`${path}${fieldName(key)}`, { kind: 'oneOf', options: ['forgetBias', 'recurrentScale', 'chrono'] }, { kind: 'string', text: key.slice(0, 20) });
  }
  if (init.forgetBias !== undefined) expectFinite(init.forgetBias, `${path}.forgetBias`);
  if (init.recurrentScale !== undefined) expectFinite(init.recurrentScale, `${path}.recurrentScale`);
  if (init.chrono !== undefined && init.chrono !== 0) {
    if (cell !== 'lstm' && cell !== 'gru') throw invalid(`${path}.chrono`, { kind: 'literal', text: 'absent (only the LSTM and the GRU have chrono gate biases)' }, describe(init.chrono));
    expectSize(init.chrono, `${path}.chrono`, MAX_STEPS);
    if ((init.chrono as number) < 2) throw invalid(`${path}.chrono`, { kind: 'literal', text: 'a T_max of at least 2' }, describe(init.chrono));
  }
}

/**
 * Check an untrusted JSON value against the model format and build the network it describes.
 * Throws a ValidationError naming the first field that is wrong.
 */
export function parseModel(json: unknown, dtype: DType = 'f32', path = 'model'): Network {
  const obj = expectObject(json, path);
  if (obj.format !== MODEL_FORMAT) {
    throw invalid(`${path}.format`, { kind: 'literal', text: `"${MODEL_FORMAT}"` }, describe(obj.format));
  }
  if (obj.version !== MODEL_VERSION) {
    throw invalid(`${path}.version`, { kind: 'literal', text: String(MODEL_VERSION) }, describe(obj.version));
  }
  const cell = obj.cell;
  if (typeof cell !== 'string' || !(CELL_KINDS as readonly string[]).includes(cell)) {
    throw invalid(`${path}.cell`, { kind: 'oneOf', options: CELL_KINDS }, describe(cell));
  }
  const kind = cell as CellKind;
  const peephole = kind === 'lstm' && obj.peephole !== undefined ? expectBoolean(obj.peephole, `${path}.peephole`) : false;
  const resetAfter = kind === 'gru' && obj.resetAfter !== undefined ? expectBoolean(obj.resetAfter, `${path}.resetAfter`) : false;
  const forgetFixed = kind === 'lstm' && obj.forgetFixed !== undefined ? expectBoolean(obj.forgetFixed, `${path}.forgetFixed`) : false;
  let change: LstmChange | undefined;
  if (kind === 'lstm' && obj.change !== undefined) {
    if (typeof obj.change !== 'string' || !(LSTM_CHANGES as readonly string[]).includes(obj.change)) {
      throw invalid(`${path}.change`, { kind: 'oneOf', options: LSTM_CHANGES }, describe(obj.change));
    }
    change = obj.change as LstmChange;
    const conflict = switchConflict({ forgetFixed, change });
    if (conflict) throw invalid(`${path}.forgetFixed`, { kind: 'literal', text: `absent with change "CIFG" (${conflict})` }, describe(obj.forgetFixed));
  } else if (obj.change !== undefined) {
    throw invalid(`${path}.change`, { kind: 'literal', text: 'absent (the changes of Greff et al. are the LSTM\'s)' }, describe(obj.change));
  }
  const window = kind === 'fnn' ? expectSize(obj.window, `${path}.window`, WINDOW_RANGE.max) : undefined;
  const spec: NetSpec = {
    cell: kind,
    peephole,
    resetAfter,
    forgetFixed,
    change,
    window,
    inputSize: expectSize(obj.inputSize, `${path}.inputSize`),
    hiddenSize: expectSize(obj.hiddenSize, `${path}.hiddenSize`),
    outputSize: expectSize(obj.outputSize, `${path}.outputSize`),
  };
  checkInit(obj.init, `${path}.init`, kind);
  const weights = expectObject(obj.weights, `${path}.weights`);
  const net = new Network(spec, dtype);
  const named = namedWeights(net);
  for (const key of Object.keys(weights)) {
    if (!named.some((w) => w.name === key)) {
      const names = named.filter((w) => w.inFile).map((w) => w.name);
      throw new ValidationError(`${path}.weights${fieldName(key)}`, { kind: 'unknownWeight', cell: kind, names });
    }
  }
  for (const weight of named) {
    const value = weights[weight.name];
    const at = `${path}.weights.${weight.name}`;
    if (value === undefined) {
      if (!weight.inFile) continue; // p_* of an LSTM saved with peepholes off: they start at 0
      const expected: Expected = weight.isVector ? { kind: 'numbers', count: weight.rows } : { kind: 'matrix', rows: weight.rows, cols: weight.cols };
      throw new ValidationError(at, { kind: 'missing', expected });
    }
    const limit = valueLimit(dtype);
    if (weight.isVector) weight.w.set(expectVector(value, at, weight.rows, limit));
    else expectMatrix(value, at, weight.rows, weight.cols, limit).forEach((row, r) => weight.w.set(row, r * weight.cols));
  }
  return net;
}
