/**
 * PyTorch state dicts (read from and written to safetensors) as Gatescope model files, and back.
 *
 * One recurrent layer — nn.RNN (tanh), nn.LSTM or nn.GRU, one layer, one direction — under any
 * module prefix, and optionally one nn.Linear from H as the readout. PyTorch's equations are
 * Gatescope's, block by block:
 * - LSTM rows are i f g o; each gate's bias is b_ih + b_hh.
 * - GRU rows are r z n, and PyTorch's GRU is the reset-after cell:
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), so b_g = b_in and bh_g = b_hn stay apart, and
 *   b_r, b_z are sums; h = (1 − z) ⊙ n + z ⊙ h_{t−1}, as Gatescope's GRU.
 * - RNN: h = tanh(W_ih x + b_ih + W_hh h + b_hh).
 * Without a readout, y = h (O = H, W_y the identity).
 */
import type { ModelFile, WeightJson } from '../modelFile';
import { MODEL_FORMAT, MODEL_VERSION } from '../modelFile';
import { writeSafetensors, type SafetensorsFile, type Tensor, type TensorOut } from './safetensors';
import { checkFinite, checkSizes, formatError as fail, type Unexportable } from './problems';

export { FormatError } from './problems';

/** How many gate blocks each cell's weight_hh_l0 stacks. */
const BLOCKS = { 1: 'rnn', 3: 'gru', 4: 'lstm' } as const;

/** PyTorch's row blocks, in its order, as Gatescope's named weights (input, recurrent, bias). */
const GATES = {
  rnn: [['W', 'U', 'b']],
  lstm: [['W_i', 'U_i', 'b_i'], ['W_f', 'U_f', 'b_f'], ['W_g', 'U_g', 'b_g'], ['W_o', 'U_o', 'b_o']],
  gru: [['W_r', 'U_r', 'b_r'], ['W_z', 'U_z', 'b_z'], ['W_g', 'U_g', 'b_g']],
} as const satisfies Record<'rnn' | 'lstm' | 'gru', readonly (readonly [string, string, string])[]>;

const at = (t: Tensor, r: number, c: number) => t.data[r * t.shape[1]! + c]!;

/** Rows [from, from + n) of a 2-D tensor as nested rows. */
function rowsOf(t: Tensor, from: number, n: number): number[][] {
  const out: number[][] = [];
  for (let r = from; r < from + n; r++) {
    const row: number[] = [];
    for (let c = 0; c < t.shape[1]!; c++) row.push(at(t, r, c));
    out.push(row);
  }
  return out;
}

/** Entries [from, from + n) of a 1-D tensor (or zeros without one), plus another's, if given. */
function sumOf(a: Tensor | undefined, b: Tensor | undefined, from: number, n: number): number[] {
  const out: number[] = [];
  for (let k = from; k < from + n; k++) out.push((a ? a.data[k]! : 0) + (b ? b.data[k]! : 0));
  return out;
}

const shapeText = (t: Tensor) => t.shape.join('×') || '()';

function expectShape(key: string, t: Tensor | undefined, shape: readonly number[]): void {
  if (!t) return;
  if (t.shape.length !== shape.length || t.shape.some((n, k) => n !== shape[k])) {
    throw fail({ kind: 'shape', key, got: shapeText(t), want: shape.join('×') });
  }
}

/** A state dict's tensors as a Gatescope model file (to be checked by parseModel like any other). */
export function stateDictToModel(file: SafetensorsFile): ModelFile {
  const keys = [...file.tensors.keys()];
  const deeper = keys.filter((k) => /_l[1-9]\d*(_reverse)?$/.test(k));
  if (deeper.length) throw fail({ kind: 'layers', names: deeper });
  const reverse = keys.filter((k) => k.endsWith('_reverse'));
  if (reverse.length) throw fail({ kind: 'bidirectional', names: reverse });
  const projection = keys.filter((k) => /weight_hr_l0$/.test(k));
  if (projection.length) throw fail({ kind: 'projection', names: projection });
  const layers = keys.filter((k) => k.endsWith('weight_ih_l0'));
  if (layers.length === 0) throw fail({ kind: 'noRecurrent', found: keys, from: 'pytorch' });
  if (layers.length > 1) throw fail({ kind: 'recurrentCount', names: layers });
  const prefix = layers[0]!.slice(0, -'weight_ih_l0'.length);
  const get = (name: string) => file.tensors.get(prefix + name);
  const Wih = get('weight_ih_l0')!;
  const Whh = get('weight_hh_l0');
  if (!Whh) throw fail({ kind: 'missingTensor', key: `${prefix}weight_hh_l0`, beside: `${prefix}weight_ih_l0` });
  for (const [key, t] of [[`${prefix}weight_ih_l0`, Wih], [`${prefix}weight_hh_l0`, Whh]] as const) {
    if (t.shape.length !== 2) throw fail({ kind: 'notMatrix', key, got: shapeText(t) });
  }
  const H = Whh.shape[1]!;
  const blocks = H > 0 && Whh.shape[0]! % H === 0 ? Whh.shape[0]! / H : 0;
  const cell = BLOCKS[blocks as keyof typeof BLOCKS];
  if (!cell) {
    throw fail({ kind: 'gateRows', key: `${prefix}weight_hh_l0`, got: shapeText(Whh), columns: H });
  }
  const I = Wih.shape[1]!;
  expectShape(`${prefix}weight_ih_l0`, Wih, [blocks * H, I]);
  const bih = get('bias_ih_l0');
  const bhh = get('bias_hh_l0');
  if ((bih === undefined) !== (bhh === undefined)) {
    throw fail({ kind: 'missingTensor', key: `${prefix}${bih ? 'bias_hh_l0' : 'bias_ih_l0'}`, beside: `${prefix}${bih ? 'bias_ih_l0' : 'bias_hh_l0'}` });
  }
  expectShape(`${prefix}bias_ih_l0`, bih, [blocks * H]);
  expectShape(`${prefix}bias_hh_l0`, bhh, [blocks * H]);
  const layerKeys = new Set(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0'].map((k) => prefix + k));

  // The readout: a matrix *.weight with H columns outside the layer, and its *.bias if any.
  // (An embedding's V × I matrix has H columns when I = H: it is never the readout.)
  const candidates = keys.filter((k) => !layerKeys.has(k) && k.endsWith('.weight') && !/emb/i.test(k) && file.tensors.get(k)!.shape.length === 2 && file.tensors.get(k)!.shape[1] === H);
  if (candidates.length > 1) throw fail({ kind: 'readouts', names: candidates, hidden: H });
  const readoutKey = candidates[0];
  const Wy = readoutKey === undefined ? undefined : file.tensors.get(readoutKey)!;
  const biasKey = readoutKey === undefined ? undefined : `${readoutKey.slice(0, -'weight'.length)}bias`;
  const by = biasKey === undefined ? undefined : file.tensors.get(biasKey);
  const O = Wy ? Wy.shape[0]! : H;
  checkSizes(I, H, O);
  if (by) expectShape(biasKey!, by, [O]);
  const used = new Set([...layerKeys, ...(readoutKey ? [readoutKey] : []), ...(by ? [biasKey!] : [])].filter((k) => file.tensors.has(k)));
  const unused = keys.filter((k) => !used.has(k));
  if (unused.length) {
    throw fail({ kind: 'unused', names: unused, hidden: H });
  }
  for (const key of used) checkFinite(key, file.tensors.get(key)!.data);

  const weights: Record<string, WeightJson> = {};
  GATES[cell].forEach(([W, U, b], block) => {
    weights[W] = rowsOf(Wih, block * H, H);
    weights[U] = rowsOf(Whh, block * H, H);
    weights[b] = sumOf(bih, bhh, block * H, H);
  });
  if (cell === 'gru') {
    // b_hn stays inside r ⊙ (U_n h + b_hn): the candidate's own bias is b_in alone.
    weights.b_g = sumOf(bih, undefined, 2 * H, H);
    weights.bh_g = sumOf(bhh, undefined, 2 * H, H);
  }
  weights.W_y = Wy ? rowsOf(Wy, 0, O) : Array.from({ length: H }, (_, r) => Array.from({ length: H }, (_, c) => (r === c ? 1 : 0)));
  weights.b_y = by ? Array.from(by.data) : new Array<number>(O).fill(0);
  return {
    format: MODEL_FORMAT, version: MODEL_VERSION, cell,
    ...(cell === 'lstm' ? { peephole: false } : {}),
    ...(cell === 'gru' ? { resetAfter: true } : {}),
    inputSize: I, hiddenSize: H, outputSize: O, weights,
  };
}

const flat = (m: WeightJson): number[] => (m as (number | number[])[]).flat();

/**
 * A model file as the state dict of `Net` (rnn: nn.RNN/LSTM/GRU(I, H, batch_first=True), readout:
 * nn.Linear(H, O)), loadable with strict=True. The summed biases go into bias_ih_l0, with zeros in
 * bias_hh_l0, except the GRU's bh_g, which is b_hn. Cells PyTorch has no layer for are refused.
 */
export function modelToStateDict(model: ModelFile): TensorOut[] {
  const { cell, inputSize: I, hiddenSize: H, outputSize: O, weights: w } = model;
  const refuse = (what: Unexportable) => fail({ kind: 'unexportable', what, to: 'pytorch' });
  if (cell === 'fnn') throw refuse('fnn');
  if (cell === 'lstm' && model.peephole) throw refuse('peephole');
  if (cell === 'lstm' && model.forgetFixed) throw refuse('forgetFixed');
  if (cell === 'lstm' && model.change) throw refuse('variant');
  if (cell === 'gru' && !model.resetAfter) throw refuse('standardGru');
  const gates = GATES[cell];
  const G = gates.length;
  const Wih = gates.flatMap(([W]) => flat(w[W]!));
  const Whh = gates.flatMap(([, U]) => flat(w[U]!));
  const bih = gates.flatMap(([, , b]) => flat(w[b]!));
  const bhh = cell === 'gru' ? [...new Array<number>(2 * H).fill(0), ...flat(w.bh_g!)] : new Array<number>(G * H).fill(0);
  return [
    { name: 'rnn.weight_ih_l0', shape: [G * H, I], data: Wih },
    { name: 'rnn.weight_hh_l0', shape: [G * H, H], data: Whh },
    { name: 'rnn.bias_ih_l0', shape: [G * H], data: bih },
    { name: 'rnn.bias_hh_l0', shape: [G * H], data: bhh },
    { name: 'readout.weight', shape: [O, H], data: flat(w.W_y!) },
    { name: 'readout.bias', shape: [O], data: flat(w.b_y!) },
  ];
}

/** A model file as the bytes of a PyTorch safetensors file (modelToStateDict's tensors, float32). */
export function modelToSafetensors(model: ModelFile): Uint8Array {
  return writeSafetensors(modelToStateDict(model), { format: 'pt' });
}
