/**
 * PyTorch state dicts in safetensors: fixtures made by torch.nn (tools/make_torch_fixtures.py)
 * import and reproduce torch's own h, c and y at every step; the export loads back to the same
 * numbers and has exactly the keys and shapes of `Net`; every refusal names its reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseModel, modelToFile } from '../src/engine/modelFile';
import { traceSequence } from '../src/engine/trace';
import { readSafetensors, writeSafetensors, type SafetensorsFile } from '../src/engine/formats/safetensors';
import { FormatError, modelToStateDict, stateDictToModel } from '../src/engine/formats/pytorch';
import { Network } from '../src/engine/network';
import { initNetwork } from '../src/engine/init';
import { Rng } from '../src/engine/rng';
import type { NetSpec } from '../src/engine/spec';
import { EXPORTS, exportBytes, exportNetwork } from '../tools/gatescopeExports';

const dir = 'test/fixtures/torch';
const load = (name: string) => readSafetensors(new Uint8Array(readFileSync(`${dir}/${name}.safetensors`)));
interface Expected {
  kind: string;
  keys: string[];
  input: number[][];
  steps: { h: number[]; c?: number[]; y: number[] }[];
}
const expectedOf = (name: string) => JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8')) as Expected;

/** The largest |a − b| over h, c and y at every step. */
function largestDifference(net: Network, want: Expected): number {
  const trace = traceSequence(net, want.input, null);
  let worst = 0;
  want.steps.forEach((s, t) => {
    const got = trace.steps[t]!;
    for (const key of ['h', 'c', 'y'] as const) {
      const a = s[key];
      if (!a) continue;
      const b = got[key]!;
      expect(b).toHaveLength(a.length);
      a.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - b[k]!))));
    }
  });
  return worst;
}

describe('import: torch.nn made these, and Gatescope computes the same', () => {
  test.each([
    ['lstm', 'lstm'], ['gru', 'gru'], ['rnn', 'rnn'], ['lstm-nobias', 'lstm'], ['gru-noreadout', 'gru'],
    ['lstm-prefixed', 'lstm'], ['lstm-f16', 'lstm'], ['gru-bf16', 'gru'], ['rnn-f64', 'rnn'],
  ])('%s', (name, cell) => {
    const want = expectedOf(name);
    const model = stateDictToModel(load(name));
    expect(model.cell).toBe(cell);
    if (cell === 'gru') expect(model.resetAfter).toBe(true);
    const f64 = largestDifference(parseModel(model, 'f64'), want);
    const f32 = largestDifference(parseModel(model, 'f32'), want);
    console.log(`${name}: largest difference from torch.nn over h, c, y: ${f64.toExponential(2)} (float64), ${f32.toExponential(2)} (float32)`);
    expect(f64).toBeLessThan(1e-12);
    expect(f32).toBeLessThan(1e-5);
  });

  test('the fixture with no readout reads y = h: O = H, the identity', () => {
    const model = stateDictToModel(load('gru-noreadout'));
    expect(model.outputSize).toBe(model.hiddenSize);
    expect(model.weights.W_y).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });

  test('the dtypes of the files are what their names say', () => {
    expect(load('lstm-f16').tensors.get('rnn.weight_ih_l0')!.dtype).toBe('F16');
    expect(load('gru-bf16').tensors.get('rnn.weight_ih_l0')!.dtype).toBe('BF16');
    expect(load('rnn-f64').tensors.get('rnn.weight_ih_l0')!.dtype).toBe('F64');
    expect(load('lstm-prefixed').tensors.has('encoder.rnn.weight_ih_l0')).toBe(true);
  });
});

describe('refused, with the reason named', () => {
  test.each([
    ['lstm-2layers', /^more than one layer \(rnn\.weight_ih_l1, .*\): Gatescope reads a single recurrent layer$/],
    ['gru-bidirectional', /^a bidirectional layer \(rnn\.weight_ih_l0_reverse, .*\): Gatescope reads one direction$/],
    ['lstm-proj', /^an LSTM with proj_size \(rnn\.weight_hr_l0\): Gatescope's LSTM has no projection$/],
  ])('%s (made by torch.nn)', (name, message) => {
    expect(() => stateDictToModel(load(name))).toThrow(message);
  });

  /** The lstm fixture's tensors, changed. */
  function edited(change: (t: Map<string, { shape: number[]; data: number[] }>) => void): SafetensorsFile {
    const t = new Map([...load('lstm').tensors].map(([k, v]) => [k, { shape: [...v.shape], data: Array.from(v.data) }]));
    change(t);
    return readSafetensors(writeSafetensors([...t].map(([name, v]) => ({ name, ...v }))));
  }

  test.each<[string, (t: Map<string, { shape: number[]; data: number[] }>) => void, RegExp]>([
    ['no layer', (t) => { t.delete('rnn.weight_ih_l0'); }, /^no recurrent layer: no tensor ends in weight_ih_l0 \(found rnn\.weight_hh_l0, rnn\.bias_ih_l0, rnn\.bias_hh_l0, readout\.weight and 1 more\)$/],
    ['two layers side by side', (t) => { t.set('other.weight_ih_l0', t.get('rnn.weight_ih_l0')!); t.set('other.weight_hh_l0', t.get('rnn.weight_hh_l0')!); }, /^2 recurrent layers \(rnn\.weight_ih_l0, other\.weight_ih_l0\): Gatescope reads one$/],
    ['no recurrent matrix', (t) => { t.delete('rnn.weight_hh_l0'); }, /^rnn\.weight_ih_l0 has no rnn\.weight_hh_l0 beside it$/],
    ['rows that fit no cell', (t) => { const w = t.get('rnn.weight_hh_l0')!; t.set('rnn.weight_hh_l0', { shape: [6, 3], data: w.data.slice(0, 18) }); }, /^rnn\.weight_hh_l0 is 6×3: its rows are not 1, 3 or 4 times its 3 columns \(RNN, GRU, LSTM\)$/],
    ['an input matrix that disagrees', (t) => { const w = t.get('rnn.weight_ih_l0')!; t.set('rnn.weight_ih_l0', { shape: [8, 2], data: w.data.slice(0, 16) }); }, /^rnn\.weight_ih_l0 is 8×2, expected 12×2/],
    ['one bias of two', (t) => { t.delete('rnn.bias_hh_l0'); }, /^rnn\.bias_ih_l0 has no rnn\.bias_hh_l0 beside it$/],
    ['a bias too short', (t) => { const b = t.get('rnn.bias_ih_l0')!; t.set('rnn.bias_ih_l0', { shape: [11], data: b.data.slice(0, 11) }); }, /^rnn\.bias_ih_l0 is 11, expected 12/],
    ['two readouts', (t) => { t.set('head.weight', t.get('readout.weight')!); }, /^more than one readout fits \(readout\.weight, head\.weight, each a matrix from H = 3\): keep one nn\.Linear$/],
    ['a readout bias that disagrees', (t) => { t.set('readout.bias', { shape: [5], data: [0, 0, 0, 0, 0] }); }, /^readout\.bias is 5, expected 2/],
    ['an embedding', (t) => { t.set('embed.weight', { shape: [10, 2], data: new Array(20).fill(0.1) }); }, /^tensors Gatescope does not use \(embed\.weight\): it reads one recurrent layer and one nn\.Linear readout from H = 3$/],
    ['an embedding as wide as H, with no readout: not taken for one', (t) => { t.delete('readout.weight'); t.delete('readout.bias'); t.set('emb.weight', { shape: [10, 3], data: new Array(30).fill(0.1) }); }, /^tensors Gatescope does not use \(emb\.weight\)/],
    ['a non-finite value', (t) => { t.get('rnn.weight_hh_l0')!.data[5] = Number.NaN; }, /^rnn\.weight_hh_l0 holds NaN at index 5: every value must be finite$/],
  ])('%s', (_name, change, message) => {
    expect(() => stateDictToModel(edited(change))).toThrow(message);
  });
});

describe('export: the state dict of Net, loadable with strict=True', () => {
  const spec = (s: Partial<NetSpec>): NetSpec => ({ cell: 'lstm', inputSize: 2, hiddenSize: 4, outputSize: 3, peephole: false, resetAfter: false, ...s });
  const made = (s: Partial<NetSpec>) => {
    const net = new Network(spec(s), 'f64');
    initNetwork(net, new Rng(7));
    for (const p of [net.b, net.bh, net.by]) for (let k = 0; k < p.w.length; k++) p.w[k] = Math.sin(k + 1);
    return net;
  };

  test.each([['lstm', {}], ['gru', { cell: 'gru', resetAfter: true }], ['rnn', { cell: 'rnn' }]] as const)('%s: keys, shapes, and the same numbers after a round trip', (_n, s) => {
    const net = made(s);
    const tensors = modelToStateDict(modelToFile(net));
    const G = net.spec.cell === 'lstm' ? 4 : net.spec.cell === 'gru' ? 3 : 1;
    expect(tensors.map((t) => [t.name, t.shape])).toEqual([
      ['rnn.weight_ih_l0', [G * 4, 2]], ['rnn.weight_hh_l0', [G * 4, 4]], ['rnn.bias_ih_l0', [G * 4]], ['rnn.bias_hh_l0', [G * 4]],
      ['readout.weight', [3, 4]], ['readout.bias', [3]],
    ]);
    const back = parseModel(stateDictToModel(readSafetensors(writeSafetensors(tensors))), 'f64');
    const x = [[0.3, -0.2], [1, 0.5], [-0.7, 0.1], [0.2, 0.9]];
    const a = traceSequence(net, x, null).steps;
    const b = traceSequence(back, x, null).steps;
    // Stored as float32: equal to float32 rounding.
    a.forEach((s, t) => s.y.forEach((v, k) => expect(Math.abs(v - b[t]!.y[k]!)).toBeLessThan(1e-6)));
  });

  test.each([
    [{ cell: 'lstm', peephole: true }, /^nn\.LSTM has no peephole connections/],
    [{ cell: 'lstm', forgetFixed: true }, /^nn\.LSTM always has a forget gate/],
    [{ cell: 'gru', resetAfter: false }, /^nn\.GRU is the reset-after GRU/],
    [{ cell: 'fnn', window: 3 }, /^the FNN with a window has no PyTorch layer/],
  ] as const)('refused: %j', (s, message) => {
    expect(() => modelToStateDict(modelToFile(made(s as Partial<NetSpec>)))).toThrow(FormatError);
    expect(() => modelToStateDict(modelToFile(made(s as Partial<NetSpec>)))).toThrow(message);
  });
});

describe('export, checked by torch.nn: Gatescope\'s files load into Net with strict=True and compute the same', () => {
  test.each(Object.entries(EXPORTS))('%s', (name, spec) => {
    // The committed file is what Gatescope writes today (so torch's numbers in the fixture are for it).
    expect(Buffer.from(exportBytes(spec)).equals(readFileSync(`${dir}/${name}.safetensors`))).toBe(true);
    const want = expectedOf(name);
    expect(want.keys).toEqual(['rnn.weight_ih_l0', 'rnn.weight_hh_l0', 'rnn.bias_ih_l0', 'rnn.bias_hh_l0', 'readout.weight', 'readout.bias']);
    // Gatescope's network before export (float64) against torch running the float32 export.
    const worst = largestDifference(exportNetwork(spec), want);
    console.log(`${name}: largest difference between Gatescope's network and torch.nn running its export: ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-6);
  });
});
