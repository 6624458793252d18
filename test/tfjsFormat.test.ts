/**
 * Keras / TF.js Layers models: built and run by TF.js itself (tfjs-layers on the CPU backend),
 * saved as model.json and a weight shard, imported, and compared with TF.js's own outputs at
 * every step; every refusal names its reason.
 */
import { describe, expect, test, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { modelToFile, parseModel } from '../src/engine/modelFile';
import { Network } from '../src/engine/network';
import { initNetwork } from '../src/engine/init';
import type { NetSpec } from '../src/engine/spec';
import { traceSequence } from '../src/engine/trace';
import { modelToTfjs, tfjsToModel, type TfjsFiles } from '../src/engine/formats/tfjsLayers';
import { modelFromBytes } from '../src/engine/formats/modelBytes';
import { Rng } from '../src/engine/rng';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../src/cli/common';
import { traceMain } from '../src/cli/trace';
import { trainMain } from '../src/cli/train';

const I = 2;
const H = 3;
const O = 2;
const T = 7;
const X = Array.from({ length: T }, (_, t) => Array.from({ length: I }, (_, k) => Math.sin(0.9 * t + 1.7 * k) * 1.3));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Kind = 'SimpleRNN' | 'LSTM' | 'GRU';

/** A Sequential model of TF.js with seeded weights (a little larger than its initialisers give). */
function build(kind: Kind, opts: { dense?: boolean; useBias?: boolean; seed?: number } = {}): tfl.Sequential {
  const m = tfl.sequential();
  const common = { units: H, returnSequences: true, inputShape: [null, I] as [null, number], useBias: opts.useBias ?? true, recurrentInitializer: 'glorotUniform' as const };
  if (kind === 'LSTM') m.add(tfl.layers.lstm({ ...common, recurrentActivation: 'sigmoid' }));
  else if (kind === 'GRU') m.add(tfl.layers.gru({ ...common, recurrentActivation: 'sigmoid' }));
  else m.add(tfl.layers.simpleRNN(common));
  if (opts.dense ?? true) m.add(tfl.layers.dense({ units: O }));
  const rng = new Rng(opts.seed ?? 5);
  m.setWeights(m.getWeights().map((w) => tf.tensor(Array.from({ length: w.size }, () => rng.uniform(-1.6, 1.6)), w.shape)));
  return m;
}

/** What model.save writes, as a model.json object and its one shard. */
async function saved(m: tfl.Sequential): Promise<{ json: Record<string, unknown>; shard: Uint8Array }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await m.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const a = artifacts!;
  const json = { format: 'layers-model', generatedBy: 'TensorFlow.js tfjs-layers', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] };
  return { json: JSON.parse(JSON.stringify(json)) as Record<string, unknown>, shard: new Uint8Array(a.weightData as ArrayBuffer) };
}

/** TF.js's h and y at every step (and c, by running the LSTM on each prefix with its states). */
function tfjsSteps(m: tfl.Sequential, kind: Kind): { h: number[][]; y: number[][]; c?: number[][] } {
  const x = tf.tensor3d([X]);
  const hModel = tfl.model({ inputs: m.inputs, outputs: m.layers[0]!.output as tfl.SymbolicTensor });
  const h = (hModel.predict(x) as tf.Tensor).arraySync() as number[][][];
  const y = (m.predict(x) as tf.Tensor).arraySync() as number[][][];
  let c: number[][] | undefined;
  if (kind === 'LSTM') {
    const states = tfl.layers.lstm({ units: H, returnState: true, recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform', useBias: m.layers[0]!.getWeights().length === 3 });
    const input = tfl.input({ shape: [null, I] });
    const outs = states.apply(input) as tfl.SymbolicTensor[];
    const sm = tfl.model({ inputs: input, outputs: outs });
    states.setWeights(m.layers[0]!.getWeights());
    c = X.map((_, t) => ((sm.predict(tf.tensor3d([X.slice(0, t + 1)])) as tf.Tensor[])[2]!.arraySync() as number[][])[0]!);
  }
  return { h: h[0]!, y: y[0]!, ...(c ? { c } : {}) };
}

function largest(a: number[][], b: number[][]): number {
  let worst = 0;
  a.forEach((row, t) => row.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - b[t]![k]!)))));
  return worst;
}

describe('import: TF.js made and ran these, and Gatescope computes the same', () => {
  test.each<[string, Kind, { dense?: boolean; useBias?: boolean; seed?: number }]>([
    ['LSTM + Dense', 'LSTM', {}], ['GRU (reset_after false) + Dense', 'GRU', { seed: 6 }], ['SimpleRNN + Dense', 'SimpleRNN', { seed: 7 }],
    ['LSTM without biases', 'LSTM', { useBias: false, seed: 8 }], ['GRU alone (y = h)', 'GRU', { dense: false, seed: 9 }],
  ])('%s', async (name, kind, opts) => {
    const m = build(kind, opts);
    const { json, shard } = await saved(m);
    const model = tfjsToModel(json, (p) => (p === 'weights.bin' ? shard : undefined));
    expect(model.cell).toBe(kind === 'LSTM' ? 'lstm' : kind === 'GRU' ? 'gru' : 'rnn');
    if (kind === 'GRU') expect(model.resetAfter).toBe(false);
    const want = tfjsSteps(m, kind);
    for (const dtype of ['f64', 'f32'] as const) {
      const steps = traceSequence(parseModel(model, dtype), X, null).steps;
      const worst = Math.max(
        largest(want.h, steps.map((s) => s.h)),
        largest(want.y, steps.map((s) => s.y)),
        want.c ? largest(want.c, steps.map((s) => s.c!)) : 0,
      );
      console.log(`${name}: largest difference from TF.js over h, ${want.c ? 'c, ' : ''}y (${dtype}): ${worst.toExponential(2)}`);
      // TF.js computes in float32: agreement to float32 rounding.
      expect(worst).toBeLessThan(2e-6);
    }
  });
});

describe('refused, with the reason named', () => {
  async function refusal(make: () => tfl.Sequential, edit: (j: Record<string, unknown>, shard: Uint8Array) => Uint8Array | undefined = (_j, s) => s): Promise<string> {
    const { json, shard } = await saved(make());
    const bytes = edit(json, shard);
    try {
      tfjsToModel(json, (p) => (p === 'weights.bin' ? bytes : undefined));
    } catch (e) {
      return (e as Error).message;
    }
    return 'imported';
  }
  const seq = (...layers: tfl.layers.Layer[]) => {
    const m = tfl.sequential();
    for (const l of layers) m.add(l);
    return m;
  };
  const rnnOpts = { units: H, returnSequences: true, recurrentInitializer: 'glorotUniform' as const };

  test('TF.js\'s default hard_sigmoid gates', async () => {
    expect(await refusal(() => seq(tfl.layers.gru({ ...rnnOpts, inputShape: [null, I] })))).toMatch(
      /^GRU "gru_GRU\d+" has recurrent_activation "hard_sigmoid": Gatescope's gates use the logistic sigmoid \(TF\.js defaults to hard_sigmoid/,
    );
  });
  test('a bidirectional layer', async () => {
    const layer = tfl.layers.bidirectional({ layer: tfl.layers.lstm({ ...rnnOpts, recurrentActivation: 'sigmoid' }) as tfl.layers.RNN, inputShape: [null, I] });
    expect(await refusal(() => seq(layer))).toMatch(/^a bidirectional layer \(Bidirectional "bidirectional_Bidirectional\d+"\): Gatescope reads one direction$/);
  });
  test('two recurrent layers', async () => {
    expect(await refusal(() => seq(tfl.layers.simpleRNN({ ...rnnOpts, inputShape: [null, I] }), tfl.layers.simpleRNN(rnnOpts)))).toMatch(/^2 recurrent layers \(SimpleRNN "[^"]+", SimpleRNN "[^"]+"\): Gatescope reads one$/);
  });
  test('a Dense with a nonlinearity', async () => {
    expect(await refusal(() => seq(tfl.layers.simpleRNN({ ...rnnOpts, inputShape: [null, I] }), tfl.layers.dense({ units: O, activation: 'relu' })))).toMatch(
      /^Dense "[^"]+" has activation "relu": Gatescope's readout is linear/,
    );
  });
  test('another activation in the cell', async () => {
    expect(await refusal(() => seq(tfl.layers.simpleRNN({ ...rnnOpts, inputShape: [null, I], activation: 'relu' })))).toMatch(/^SimpleRNN "[^"]+" has activation "relu": Gatescope's cells use tanh$/);
  });
  test('a layer it does not read', async () => {
    expect(await refusal(() => seq(tfl.layers.simpleRNN({ ...rnnOpts, inputShape: [null, I] }), tfl.layers.dropout({ rate: 0.5 }), tfl.layers.dense({ units: O })))).toMatch(
      /^layers Gatescope does not read \(Dropout "[^"]+"\): it reads one recurrent layer and one Dense$/,
    );
  });
  const simple = () => build('SimpleRNN');
  test('a missing shard', async () => {
    expect(await refusal(simple, () => undefined)).toBe('the weight shard weights.bin is missing (model.json names it in weightsManifest[0])');
  });
  test('a shard too short, and one too long', async () => {
    expect(await refusal(simple, (_j, s) => s.subarray(0, s.length - 8))).toMatch(/^the shards of weightsManifest\[0\] hold \d+ bytes, too few for weight .*bias/);
    expect(await refusal(simple, (_j, s) => new Uint8Array([...s, 0, 0, 0, 0]))).toMatch(/^the shards of weightsManifest\[0\] hold (\d+) bytes, but its weights take \d+$/);
  });
  test('quantized weights, and a non-finite one', async () => {
    expect(await refusal(simple, (j, s) => {
      ((j.weightsManifest as { weights: Record<string, unknown>[] }[])[0]!.weights[0]!).quantization = { dtype: 'uint8', scale: 1, min: 0 };
      return s;
    })).toMatch(/^weight simple_rnn_SimpleRNN\d+\/kernel is quantized: Gatescope reads float32 weights$/);
    expect(await refusal(simple, (_j, s) => {
      const copy = new Uint8Array(s);
      new DataView(copy.buffer).setFloat32(4, Number.POSITIVE_INFINITY, true);
      return copy;
    })).toMatch(/^simple_rnn_SimpleRNN\d+\/kernel holds Infinity at index 1: every value must be finite$/);
  });
  test('not a Layers model', () => {
    expect(() => tfjsToModel({ format: 'graph-model', modelTopology: { node: [] } }, () => undefined)).toThrow(/^its model is a model of no class, not a Sequential one$/);
    expect(() => tfjsToModel([1], () => undefined)).toThrow(/^model\.json is not a JSON object$/);
  });
});

describe('trace --model model.json (its shards beside it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatescope-tfjs-'));
  async function run(argv: string[]) {
    let out = '';
    let err = '';
    const code = await runMain(traceMain, argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  }
  async function write(m: tfl.Sequential, folder: string, edit: (j: Record<string, unknown>) => void = () => {}): Promise<string> {
    const { json, shard } = await saved(m);
    edit(json);
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, 'model.json'), JSON.stringify(json));
    writeFileSync(join(dir, folder, 'weights.bin'), shard);
    return join(dir, folder, 'model.json');
  }
  const input = () => {
    const path = join(dir, 'x.json');
    writeFileSync(path, JSON.stringify(X));
    return path;
  };

  test('prints TF.js\'s h and y', async () => {
    const m = build('LSTM', { seed: 12 });
    const r = await run(['--model', await write(m, 'lstm'), '--input', input()]);
    expect(r.err).toBe('');
    const steps = (JSON.parse(r.out) as { steps: { h: number[]; y: number[] }[] }).steps;
    const want = tfjsSteps(m, 'LSTM');
    expect(largest(want.h, steps.map((s) => s.h))).toBeLessThan(2e-6);
    expect(largest(want.y, steps.map((s) => s.y))).toBeLessThan(2e-6);
  });

  test('a missing shard, and a shard named outside the folder: exit 2, one line', async () => {
    const missing = await write(build('GRU'), 'missing', (j) => {
      (j.weightsManifest as { paths: string[] }[])[0]!.paths = ['group1-shard1of1.bin'];
    });
    const a = await run(['--model', missing, '--input', input()]);
    expect(a).toMatchObject({ code: 2, out: '' });
    expect(a.err).toBe(`--model ${missing}: a TF.js Layers model, but the weight shard group1-shard1of1.bin is missing (model.json names it in weightsManifest[0])\n`);
    const outside = await write(build('GRU'), 'outside', (j) => {
      (j.weightsManifest as { paths: string[] }[])[0]!.paths = ['../x.json'];
    });
    const b = await run(['--model', outside, '--input', input()]);
    expect(b).toMatchObject({ code: 2, out: '' });
    expect(b.err).toBe(`--model ${outside}: its weightsManifest names the shard "../x.json", not a file beside it\n`);
  });
});

describe('export: tf.loadLayersModel loads Gatescope\'s model.json and predicts the same', () => {
  const made = (spec: Partial<NetSpec>) => {
    const net = new Network({ cell: 'lstm', inputSize: I, hiddenSize: H, outputSize: O, peephole: false, resetAfter: false, ...spec }, 'f64');
    initNetwork(net, new Rng(21));
    for (const p of [net.b, net.bh, net.by]) for (let k = 0; k < p.w.length; k++) p.w[k] = 0.3 * Math.cos(2 * k + 1);
    return net;
  };
  const load = (files: TfjsFiles) => {
    const mj = files.modelJson as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const buffer = files.weights.buffer.slice(files.weights.byteOffset, files.weights.byteOffset + files.weights.byteLength) as ArrayBuffer;
    return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: mj.modelTopology, weightSpecs: mj.weightsManifest[0]!.weights, weightData: buffer }));
  };

  test.each([['lstm', {}], ['gru (standard)', { cell: 'gru' }], ['rnn', { cell: 'rnn' }]] as const)('%s', async (name, spec) => {
    const net = made(spec as Partial<NetSpec>);
    const files = modelToTfjs(modelToFile(net));
    const m = await load(files);
    const y = ((m.predict(tf.tensor3d([X])) as tf.Tensor).arraySync() as number[][][])[0]!;
    const worst = largest(y, traceSequence(net, X, null).steps.map((s) => s.y));
    console.log(`export ${name}: largest difference between Gatescope and TF.js running the export: ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(2e-6);
    // And it reads back through the importer to the same numbers.
    const back = parseModel(tfjsToModel(files.modelJson, () => files.weights), 'f64');
    expect(largest(y, traceSequence(back, X, null).steps.map((s) => s.y))).toBeLessThan(2e-6);
  });

  test('the reset-after GRU is written the Keras way; TF.js refuses to run it, Gatescope reads it back', async () => {
    const net = made({ cell: 'gru', resetAfter: true });
    const files = modelToTfjs(modelToFile(net));
    const layer = ((files.modelJson.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers[0]!).config;
    expect(layer.reset_after).toBe(true);
    expect((files.modelJson.weightsManifest as { weights: { shape: number[] }[] }[])[0]!.weights[2]!.shape).toEqual([2, 3 * H]);
    await expect(load(files)).rejects.toThrow(/reset_after/);
    const back = parseModel(tfjsToModel(files.modelJson, () => files.weights), 'f64');
    const a = traceSequence(net, X, null).steps;
    const b = traceSequence(back, X, null).steps;
    expect(largest(a.map((s) => s.y), b.map((s) => s.y))).toBeLessThan(1e-6);
  });

  test.each([
    [{ peephole: true }, /^Keras's LSTM has no peephole connections/],
    [{ forgetFixed: true }, /^Keras's LSTM always has a forget gate/],
    [{ cell: 'fnn', window: 2 }, /^the FNN with a window has no Keras layer/],
  ] as const)('refused: %j', (spec, message) => {
    expect(() => modelToTfjs(modelToFile(made(spec as Partial<NetSpec>)))).toThrow(message);
  });
});

describe('train --save-tfjs DIR', () => {
  test('writes model.json and weights.bin that tf.loadLayersModel loads, predicting what Gatescope computes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatescope-save-tfjs-'));
    const out = join(dir, 'model');
    const json = join(dir, 'm.json');
    let err = '';
    const common = ['--task', 'sine', '--cell', 'lstm', '--hidden', '4', '--steps', '25', '--seed', '3', '--quiet', '--kernels', 'js'];
    const io = { out: () => {}, err: (t: string) => void (err += t) };
    expect(await runMain(trainMain, [...common, '--save-tfjs', out, '--save', json], io)).toBe(0);
    expect(err).toBe('');
    const modelJson = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
    expect(modelJson.weightsManifest[0]!.paths).toEqual(['weights.bin']);
    const bin = readFileSync(join(out, 'weights.bin'));
    // A handler that reads the two files as a web server would serve them.
    const handler: tf.io.IOHandler = {
      load: async () => ({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0]!.weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer }),
    };
    const m = await tfl.loadLayersModel(handler);
    const x = [[0.2], [0.9], [-0.4], [0.1], [0.6]];
    const y = ((m.predict(tf.tensor3d([x])) as tf.Tensor).arraySync() as number[][][])[0]!;
    const net = parseModel(JSON.parse(readFileSync(json, 'utf8')), 'f64');
    expect(largest(y, traceSequence(net, x, null).steps.map((s) => s.y))).toBeLessThan(2e-6);
  });

  test('a cell Keras has no layer for is refused before training, and no folder is made', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gatescope-save-tfjs-')), 'never');
    let err = '';
    const code = await runMain(trainMain, ['--task', 'sine', '--cell', 'fnn', '--steps', '1000000', '--save-tfjs', dir], { out: () => {}, err: (t) => void (err += t) });
    expect(code).toBe(2);
    expect(err).toBe(`--save-tfjs ${dir}: the FNN with a window has no Keras layer (SimpleRNN, LSTM and GRU are recurrent)\n`);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('a Keras GRU with reset_after: true, which TF.js cannot run, against torch', () => {
  test('the converter\'s layout (model_config, InputLayer, one shard) reads to torch\'s h and y at every step', () => {
    // tools/make_torch_fixtures.py wrote torch's GRU fixture in Keras's layout: the reset-after GRU is torch's GRU.
    const dir = 'test/fixtures/torch/keras-gru-reset-after';
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as unknown;
    const model = tfjsToModel(json, (p) => (p === 'group1-shard1of1.bin' ? new Uint8Array(readFileSync(join(dir, p))) : undefined));
    expect(model).toMatchObject({ cell: 'gru', resetAfter: true, inputSize: 2, hiddenSize: 3, outputSize: 2 });
    const want = JSON.parse(readFileSync('test/fixtures/torch/gru.json', 'utf8')) as { input: number[][]; steps: { h: number[]; y: number[] }[] };
    const steps = traceSequence(parseModel(model, 'f64'), want.input, null).steps;
    const worst = Math.max(largest(want.steps.map((s) => s.h), steps.map((s) => s.h)), largest(want.steps.map((s) => s.y), steps.map((s) => s.y)));
    console.log(`Keras reset-after GRU against torch.nn: largest difference ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('hostile or odd files (from a review)', () => {
  test('a hidden size of 0 is refused before any array is made (an output size of 2^40 would not fit)', () => {
    const json = {
      modelTopology: { class_name: 'Sequential', config: { layers: [
        { class_name: 'SimpleRNN', config: { name: 'r', units: 0, use_bias: false } },
        { class_name: 'Dense', config: { name: 'd', units: 2 ** 40, use_bias: false } },
      ] } },
      weightsManifest: [{ paths: [], weights: [{ name: 'k', shape: [1, 0] }, { name: 'u', shape: [0, 0] }, { name: 'dk', shape: [0, 2 ** 40] }] }],
    };
    expect(() => tfjsToModel(json, () => undefined)).toThrow(/^its hidden size is 0; Gatescope's sizes run from 1 to 1024$/);
  });

  test('a model.json with a topology but no manifest is named as a TF.js model without one', () => {
    expect(() => modelFromBytes(new TextEncoder().encode(JSON.stringify({ modelTopology: { class_name: 'Sequential', config: { layers: [] } } })))).toThrow(
      /^a TF\.js Layers model, but (its Sequential model lists no layers|model\.json has no weightsManifest|no SimpleRNN, LSTM or GRU layer \(found none\))$/,
    );
  });

  test('train --save-tfjs whose weights.bin cannot be written is refused before training', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatescope-save-tfjs-'));
    mkdirSync(join(dir, 'weights.bin'));
    let err = '';
    const code = await runMain(trainMain, ['--task', 'sine', '--cell', 'gru', '--steps', '1000000', '--save-tfjs', dir], { out: () => {}, err: (t) => void (err += t) });
    expect(code).toBe(2);
    expect(err).toMatch(/^--save-tfjs .*weights\.bin: is a directory\n$/);
    expect(existsSync(join(dir, 'model.json'))).toBe(false);
  });
});
