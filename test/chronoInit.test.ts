/**
 * Chrono initialisation (Tallec & Ollivier 2018): the LSTM's b_f = log U[1, T_max − 1] with
 * b_i = −b_f, the GRU's b_z likewise; every other weight as without it; the time scales e^b spread
 * uniformly over [1, T_max − 1]. The tools take --chrono and refuse it where it has no meaning;
 * the model file records it and checks it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Network, Rng, initNetwork, modelToFile, parseModel } from '../src/engine';
import { runMain, type Io } from '../src/cli/common';
import { trainMain } from '../src/cli/train';
import { initFor } from '../src/engine/modelFile';

const make = (cell: 'lstm' | 'gru', H: number) => new Network({ cell, inputSize: 2, hiddenSize: H, outputSize: 1, peephole: false, resetAfter: false }, 'f64');

describe('the biases', () => {
  test.each(['lstm', 'gru'] as const)('%s: in range, the rest of the network as without chrono', (cell) => {
    const H = 300;
    const Tmax = 50;
    const a = make(cell, H);
    const b = make(cell, H);
    initNetwork(a, new Rng(3), { chrono: Tmax });
    initNetwork(b, new Rng(3), { forgetBias: 0 });
    const keep = cell === 'lstm' ? a.b.w.subarray(H, 2 * H) : a.b.w.subarray(0, H);
    for (const v of keep) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(Math.log(Tmax - 1) + 1e-12);
    }
    // e^b is uniform on [1, T_max − 1]: mean T_max / 2, variance (T_max − 2)² / 12.
    const scales = Array.from(keep, Math.exp);
    const mean = scales.reduce((s, v) => s + v, 0) / H;
    expect(Math.abs(mean - Tmax / 2)).toBeLessThan(4 * Math.sqrt((Tmax - 2) ** 2 / 12 / H));
    if (cell === 'lstm') {
      for (let j = 0; j < H; j++) expect(a.b.w[j]).toBe(-a.b.w[H + j]!);
      expect(Array.from(a.b.w.subarray(2 * H))).toEqual(Array.from(b.b.w.subarray(2 * H)));
    } else expect(Array.from(a.b.w.subarray(H))).toEqual(Array.from(b.b.w.subarray(H)));
    for (const name of ['W', 'U', 'Wy'] as const) expect(Array.from(a[name].w)).toEqual(Array.from(b[name].w));
  });
});

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runMain(trainMain, argv, { out: (t) => void (out += t), err: (t) => void (err += t) } satisfies Io);
  return { code, out, err };
}

describe('train --chrono', () => {
  test('the saved model file records it, and starts from its biases', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gatescope-chrono-')), 'm.json');
    const r = await run(['--cell', 'gru', '--task', 'sine', '--length', '10', '--hidden', '3', '--steps', '1', '--chrono', '30', '--save', path, '--quiet']);
    expect(r.err).toBe('');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file.init).toEqual({ recurrentScale: 1, chrono: 30 });
    expect(() => parseModel(file)).not.toThrow();
  });

  test.each([
    [['--cell', 'rnn', '--chrono', '30'], '--chrono: only the lstm and the gru have gate biases to set, not the rnn'],
    [['--cell', 'lstm', '--chrono', '30', '--forget-bias', '2'], '--chrono: sets b_f itself (log U[1, T_max − 1]); give it or --forget-bias, not both'],
    [['--cell', 'lstm', '--chrono', '1'], '--chrono: expected an integer from 2 up to 100000, got "1"'],
  ])('%j is refused', async (argv, message) => {
    const r = await run([...argv, '--task', 'sine', '--steps', '1', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${message}\n`);
  });
});

describe('the model file', () => {
  const net = make('lstm', 3);
  initNetwork(net, new Rng(1));
  test('init is metadata: written as given, checked on reading', () => {
    expect(initFor('lstm', { forgetBias: 2, recurrentScale: 1, chrono: 0 })).toEqual({ recurrentScale: 1, forgetBias: 2 });
    expect(initFor('lstm', { forgetBias: 2, recurrentScale: 1, chrono: 40 })).toEqual({ recurrentScale: 1, chrono: 40 });
    expect(initFor('fnn', { forgetBias: 2, recurrentScale: 1, chrono: 40 })).toEqual({});
    const file = modelToFile(net, { chrono: 40 });
    expect(() => parseModel(file)).not.toThrow();
    expect(() => parseModel({ ...file, init: { chrono: 1.5 } })).toThrow('model.init.chrono: expected a positive integer, got 1.5');
    expect(() => parseModel({ ...file, init: { chrono: 1 } })).toThrow('model.init.chrono: expected a T_max of at least 2, got 1');
    expect(() => parseModel({ ...file, init: { seed: 1 } })).toThrow('model.init.seed: expected one of "forgetBias", "recurrentScale", "chrono", got the string "seed"');
    expect(() => parseModel({ ...modelToFile(net), cell: 'rnn', weights: {}, init: { chrono: 30 } })).toThrow('model.init.chrono: expected absent (only the LSTM and the GRU have chrono gate biases), got 30');
  });
});
