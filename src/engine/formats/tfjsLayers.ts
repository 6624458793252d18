/**
 * Keras / TF.js Layers models (model.json and its weight shards, as tensorflowjs_converter and
 * TF.js's model.save write them) as Gatescope model files, and back.
 *
 * A Sequential model: an optional InputLayer, one SimpleRNN, LSTM or GRU, and optionally a Dense
 * with linear activation. Keras's matrices are the transposes of Gatescope's (kernel is I × G·H),
 * and its gate blocks run along the columns:
 * - LSTM columns i f c o (c is Gatescope's g);
 * - GRU columns z r h (h is g). With reset_after the bias is 2 × 3H, an input row and a recurrent
 *   row: b_z, b_r are the sums, b_g the input row's, bh_g the recurrent row's (the reset-after
 *   GRU). Without, the bias is 3H and the GRU is the standard one, r applied before U.
 * Keras's h = z ⊙ h_{t−1} + (1 − z) ⊙ h̃ is Gatescope's. Weights are taken from the shards in
 * the manifest's order, by shape: their names differ from one exporter to the next.
 */
import type { ModelFile, WeightJson } from '../modelFile';
import { MODEL_FORMAT, MODEL_VERSION } from '../modelFile';
import { checkFinite, checkSizes, formatError as fail } from './problems';

/** Keras's column blocks, in its order, as Gatescope's named weights (input, recurrent, bias). */
const GATES = {
  rnn: [['W', 'U', 'b']],
  lstm: [['W_i', 'U_i', 'b_i'], ['W_f', 'U_f', 'b_f'], ['W_g', 'U_g', 'b_g'], ['W_o', 'U_o', 'b_o']],
  gru: [['W_z', 'U_z', 'b_z'], ['W_r', 'U_r', 'b_r'], ['W_g', 'U_g', 'b_g']],
} as const satisfies Record<'rnn' | 'lstm' | 'gru', readonly (readonly [string, string, string])[]>;

const RECURRENT = { SimpleRNN: 'rnn', LSTM: 'lstm', GRU: 'gru' } as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Layer {
  readonly className: string;
  readonly config: Json;
}

/** The layers of the model's topology, in either layout (TF.js's save, or the converter's model_config). */
function layersOf(modelJson: Json): Layer[] {
  const topology = modelJson.modelTopology;
  if (!isObject(topology)) throw fail({ kind: 'noTopology' });
  const model = isObject(topology.model_config) ? topology.model_config : topology;
  const className = model.class_name;
  if (className !== 'Sequential') {
    throw fail({ kind: 'notSequential', className: typeof className === 'string' ? className.slice(0, 40) : null });
  }
  const config = model.config;
  const list = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(list)) throw fail({ kind: 'noLayerList' });
  return list.map((l, k) => {
    if (!isObject(l) || typeof l.class_name !== 'string' || !isObject(l.config)) throw fail({ kind: 'layerMalformed', index: k });
    return { className: l.class_name, config: l.config };
  });
}

const nameOf = (l: Layer) => (typeof l.config.name === 'string' ? `${l.className} "${l.config.name.slice(0, 40)}"` : l.className);

/** One weight as the manifest lists it. */
interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

/** The manifest's weights, in order, with their values from the shards (float32 only). */
function readWeights(modelJson: Json, shard: (path: string) => Uint8Array | undefined): { spec: WeightSpec; data: Float32Array }[] {
  const manifest = modelJson.weightsManifest;
  if (!Array.isArray(manifest)) throw fail({ kind: 'manifest', group: null, what: 'none' });
  const out: { spec: WeightSpec; data: Float32Array }[] = [];
  manifest.forEach((group, g) => {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) throw fail({ kind: 'manifest', group: g, what: 'group' });
    const parts = group.paths.map((p) => {
      if (typeof p !== 'string') throw fail({ kind: 'manifest', group: g, what: 'paths' });
      const bytes = shard(p);
      if (!bytes) throw fail({ kind: 'missingShard', path: p, group: g });
      return bytes;
    });
    const total = parts.reduce((n, p) => n + p.length, 0);
    const joined = new Uint8Array(total);
    parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    let offset = 0;
    for (const w of group.weights as unknown[]) {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || !w.shape.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
        throw fail({ kind: 'manifest', group: g, what: 'weight' });
      }
      if (w.quantization !== undefined) throw fail({ kind: 'notFloat32', name: w.name, dtype: null });
      if (w.dtype !== undefined && w.dtype !== 'float32') throw fail({ kind: 'notFloat32', name: w.name, dtype: String(w.dtype).slice(0, 20) });
      const count = (w.shape as number[]).reduce((a, b) => a * b, 1);
      if (!Number.isSafeInteger(4 * count)) throw fail({ kind: 'manifest', group: g, what: 'weight' });
      if (offset + 4 * count > total) {
        throw fail({ kind: 'shardShort', group: g, bytes: total, name: w.name, shape: (w.shape as number[]).join('×'), offset });
      }
      const data = new Float32Array(count);
      const view = new DataView(joined.buffer, joined.byteOffset + offset, 4 * count);
      for (let k = 0; k < count; k++) data[k] = view.getFloat32(4 * k, true);
      out.push({ spec: { name: w.name, shape: w.shape as number[], dtype: 'float32' }, data });
      offset += 4 * count;
    }
    if (offset !== total) throw fail({ kind: 'shardLong', group: g, bytes: total, used: offset });
  });
  return out;
}

function expectOption(layer: Layer, key: string, value: unknown, want: 'tanh' | 'sigmoid' | 'forwards' | 'linear'): void {
  const got = layer.config[key];
  if (got !== undefined && got !== value) throw fail({ kind: 'option', layer: nameOf(layer), key, value: JSON.stringify(got)?.slice(0, 30) ?? '', want });
}

/** A TF.js Layers model (model.json as parsed JSON, and its shards by path) as a Gatescope model file. */
export function tfjsToModel(modelJson: unknown, shard: (path: string) => Uint8Array | undefined): ModelFile {
  if (!isObject(modelJson)) throw fail({ kind: 'notModelObject' });
  const layers = layersOf(modelJson).filter((l) => l.className !== 'InputLayer');
  const bidirectional = layers.find((l) => l.className === 'Bidirectional');
  if (bidirectional) throw fail({ kind: 'bidirectional', names: [nameOf(bidirectional)] });
  const recurrent = layers.filter((l) => Object.hasOwn(RECURRENT, l.className));
  if (recurrent.length === 0) throw fail({ kind: 'noRecurrent', found: layers.map(nameOf), from: 'tfjs' });
  if (recurrent.length > 1) throw fail({ kind: 'recurrentCount', names: recurrent.map(nameOf) });
  const rnn = recurrent[0]!;
  const others = layers.filter((l) => l !== rnn);
  const dense = others.find((l) => l.className === 'Dense');
  const stray = others.filter((l) => l !== dense);
  if (stray.length) throw fail({ kind: 'strayLayers', names: stray.map(nameOf) });
  if (layers.indexOf(rnn) !== 0 || (dense && layers.indexOf(dense) !== 1)) throw fail({ kind: 'denseFirst' });
  const cell = RECURRENT[rnn.className as keyof typeof RECURRENT];
  expectOption(rnn, 'activation', 'tanh', 'tanh');
  if (cell !== 'rnn') expectOption(rnn, 'recurrent_activation', 'sigmoid', 'sigmoid');
  expectOption(rnn, 'go_backwards', false, 'forwards');
  if (dense) {
    expectOption(dense, 'activation', 'linear', 'linear');
  }
  const useBias = rnn.config.use_bias !== false;
  const resetAfter = cell === 'gru' && rnn.config.reset_after === true;
  const denseBias = dense ? dense.config.use_bias !== false : false;

  const weights = readWeights(modelJson, shard);
  const expected = 2 + (useBias ? 1 : 0) + (dense ? 1 + (denseBias ? 1 : 0) : 0);
  if (weights.length !== expected) {
    throw fail({ kind: 'weightCount', names: weights.map((w) => w.spec.name), layer: rnn.className, dense: dense !== undefined, need: expected });
  }
  const [kernel, recurrentKernel] = [weights[0]!, weights[1]!];
  const G = GATES[cell].length;
  const shapeOf = (w: { spec: WeightSpec }, want: string) => fail({ kind: 'shape', key: w.spec.name, got: w.spec.shape.join('×') || '()', want });
  if (recurrentKernel.spec.shape.length !== 2 || recurrentKernel.spec.shape[1] !== G * recurrentKernel.spec.shape[0]!) {
    throw shapeOf(recurrentKernel, G === 1 ? 'H×H' : `H×${G}H`);
  }
  const H = recurrentKernel.spec.shape[0]!;
  if (typeof rnn.config.units === 'number' && rnn.config.units !== H) throw fail({ kind: 'units', layer: nameOf(rnn), units: rnn.config.units, got: `${H}×${G * H}` });
  if (kernel.spec.shape.length !== 2 || kernel.spec.shape[1] !== G * H) throw shapeOf(kernel, `I×${G * H}`);
  const I = kernel.spec.shape[0]!;
  const bias = useBias ? weights[2] : undefined;
  const biasRows = resetAfter ? 2 : 1;
  if (bias && (bias.spec.shape.length !== biasRows || bias.spec.shape.at(-1) !== G * H || (resetAfter && bias.spec.shape[0] !== 2))) {
    throw shapeOf(bias, resetAfter ? `2×${G * H}` : `${G * H}`);
  }
  const denseKernel = dense ? weights[useBias ? 3 : 2] : undefined;
  const denseBiasW = dense && denseBias ? weights[useBias ? 4 : 3] : undefined;
  if (denseKernel && (denseKernel.spec.shape.length !== 2 || denseKernel.spec.shape[0] !== H)) throw shapeOf(denseKernel, `${H}×O`);
  const O = denseKernel ? denseKernel.spec.shape[1]! : H;
  checkSizes(I, H, O);
  if (denseBiasW && (denseBiasW.spec.shape.length !== 1 || denseBiasW.spec.shape[0] !== O)) throw shapeOf(denseBiasW, `${O}`);
  for (const w of weights) checkFinite(w.spec.name, w.data);

  // Keras's matrices are (in × out): Gatescope's block rows are its columns.
  const columns = (w: Float32Array, inSize: number, outSize: number, from: number, n: number): number[][] =>
    Array.from({ length: n }, (_, r) => Array.from({ length: inSize }, (_, c) => w[c * outSize + from + r]!));
  const entries = (w: Float32Array | undefined, from: number, n: number): number[] => Array.from({ length: n }, (_, k) => (w ? w[from + k]! : 0));
  const out: Record<string, WeightJson> = {};
  GATES[cell].forEach(([W, U, b], block) => {
    out[W] = columns(kernel.data, I, G * H, block * H, H);
    out[U] = columns(recurrentKernel.data, H, G * H, block * H, H);
    const input = entries(bias?.data, block * H, H);
    const recurrentRow = resetAfter ? entries(bias?.data, G * H + block * H, H) : undefined;
    out[b] = recurrentRow && W !== 'W_g' ? input.map((v, k) => v + recurrentRow[k]!) : input;
    if (recurrentRow && W === 'W_g') out.bh_g = recurrentRow;
  });
  out.W_y = denseKernel ? columns(denseKernel.data, H, O, 0, O) : Array.from({ length: H }, (_, r) => Array.from({ length: H }, (_, c) => (r === c ? 1 : 0)));
  out.b_y = entries(denseBiasW?.data, 0, O);
  return {
    format: MODEL_FORMAT, version: MODEL_VERSION, cell,
    ...(cell === 'lstm' ? { peephole: false } : {}),
    ...(cell === 'gru' ? { resetAfter } : {}),
    inputSize: I, hiddenSize: H, outputSize: O, weights: out,
  };
}

/** A TF.js Layers model: model.json (as an object) and its one shard, weights.bin. */
export interface TfjsFiles {
  readonly modelJson: Record<string, unknown>;
  readonly weights: Uint8Array;
}

const KERAS_CLASS = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' } as const;

/**
 * A model file as a TF.js Layers model that tf.loadLayersModel loads: a Sequential of the
 * recurrent layer (returning the whole sequence) and a linear Dense. A GRU with reset-after is
 * written the Keras way (reset_after: true, a 2 × 3H bias), which TF.js's own layers cannot run.
 */
export function modelToTfjs(model: ModelFile): TfjsFiles {
  const { cell, inputSize: I, hiddenSize: H, outputSize: O, weights: w } = model;
  if (cell === 'fnn') throw fail({ kind: 'unexportable', what: 'fnn', to: 'tfjs' });
  if (cell === 'lstm' && model.peephole) throw fail({ kind: 'unexportable', what: 'peephole', to: 'tfjs' });
  if (cell === 'lstm' && model.forgetFixed) throw fail({ kind: 'unexportable', what: 'forgetFixed', to: 'tfjs' });
  if (cell === 'lstm' && model.change) throw fail({ kind: 'unexportable', what: 'variant', to: 'tfjs' });
  const resetAfter = cell === 'gru' && model.resetAfter === true;
  const gates = GATES[cell];
  const G = gates.length;
  const at = (m: WeightJson, r: number, c: number) => (m as number[][])[r]![c]!;
  /** Gatescope's block matrices (rows out, columns in) as one Keras kernel (in × G·out). */
  const kernel = (names: readonly string[], inSize: number) => {
    const out = new Float32Array(inSize * G * H);
    names.forEach((name, block) => {
      for (let r = 0; r < H; r++) for (let c = 0; c < inSize; c++) out[c * G * H + block * H + r] = at(w[name]!, r, c);
    });
    return out;
  };
  const Wk = kernel(gates.map(([W]) => W), I);
  const Uk = kernel(gates.map(([, U]) => U), H);
  const bias = new Float32Array((resetAfter ? 2 : 1) * G * H);
  gates.forEach(([, , b], block) => (w[b] as number[]).forEach((v, k) => (bias[block * H + k] = v)));
  if (resetAfter) (w.bh_g as number[]).forEach((v, k) => (bias[G * H + 2 * H + k] = v));
  const Wy = new Float32Array(H * O);
  for (let r = 0; r < O; r++) for (let c = 0; c < H; c++) Wy[c * O + r] = at(w.W_y!, r, c);
  const by = Float32Array.from(w.b_y as number[]);
  const name = cell === 'rnn' ? 'simple_rnn' : cell;
  const parts: [string, readonly number[], Float32Array][] = [
    [`${name}/kernel`, [I, G * H], Wk],
    [`${name}/recurrent_kernel`, [H, G * H], Uk],
    [`${name}/bias`, resetAfter ? [2, G * H] : [G * H], bias],
    ['readout/kernel', [H, O], Wy],
    ['readout/bias', [O], by],
  ];
  const total = parts.reduce((n, [, , d]) => n + d.length, 0);
  const weights = new Uint8Array(4 * total);
  const view = new DataView(weights.buffer);
  let offset = 0;
  for (const [, , d] of parts) for (const v of d) view.setFloat32(4 * offset++, v, true);
  const layer = {
    class_name: KERAS_CLASS[cell],
    config: {
      name, trainable: true, batch_input_shape: [null, null, I], dtype: 'float32', units: H, activation: 'tanh',
      ...(cell === 'rnn' ? {} : { recurrent_activation: 'sigmoid' }),
      ...(cell === 'gru' ? { reset_after: resetAfter } : {}),
      use_bias: true, return_sequences: true, return_state: false, go_backwards: false, stateful: false, unroll: false,
      dropout: 0, recurrent_dropout: 0,
    },
  };
  const readout = { class_name: 'Dense', config: { name: 'readout', trainable: true, units: O, activation: 'linear', use_bias: true } };
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'Gatescope',
      convertedBy: null,
      modelTopology: { class_name: 'Sequential', config: { name: 'gatescope', layers: [layer, readout] }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
      weightsManifest: [{ paths: ['weights.bin'], weights: parts.map(([n, shape]) => ({ name: n, shape: [...shape], dtype: 'float32' })) }],
    },
    weights,
  };
}
