/**
 * The float32 engine on the WASM SIMD kernels: it agrees with the float64 engine (itself checked
 * against the independent reference and finite differences) for every cell variant, with a loss
 * at every step and at the last only; its gradients agree with finite differences of the
 * reference; breaking any one kernel on purpose is caught; and it is deterministic.
 */
import { describe, expect, test } from 'vitest';
import { lossAndGrad, namedWeights, Rng, Trainer, initNetwork, makeTask, type ModelFile } from '../src/engine';
import { placeNetwork } from '../src/engine/placement';
import { loadEngine, randomModel, randomSequences, type Shape } from './helpers';
import { nudgeWeight, refLoss, type Sequence } from './reference';

const VARIANTS: readonly [string, Shape][] = [
  ['RNN', { cell: 'rnn', I: 2, H: 9, O: 2 }],
  ['FNN, window 3', { cell: 'fnn', window: 3, I: 2, H: 9, O: 2 }],
  ['LSTM', { cell: 'lstm', I: 2, H: 9, O: 2 }],
  ['LSTM with peepholes', { cell: 'lstm', peephole: true, I: 2, H: 9, O: 2 }],
  ['LSTM, forget gate fixed at 1', { cell: 'lstm', forgetFixed: true, I: 2, H: 9, O: 2 }],
  ...(['NIG', 'NOG', 'NIAF', 'NOAF', 'CIFG', 'FGR'] as const).map((change): [string, Shape] => [`LSTM ${change} with peepholes`, { cell: 'lstm', change, peephole: true, I: 2, H: 9, O: 2 }]),
  ['LSTM FGR without peepholes', { cell: 'lstm', change: 'FGR', I: 2, H: 9, O: 2 }],
  ['GRU', { cell: 'gru', I: 2, H: 9, O: 2 }],
  ['GRU reset-after', { cell: 'gru', resetAfter: true, I: 2, H: 9, O: 2 }],
];

interface Run {
  loss: number;
  h: number[];
  dh: number[];
  grads: Record<string, number[]>;
  simd: boolean;
}

function run(model: ModelFile, seqs: readonly Sequence[], dtype: 'f32' | 'f64', kernels: 'js' | 'wasm'): Run {
  const { net, ws } = loadEngine(model, seqs, dtype, kernels);
  net.forward(ws);
  const loss = lossAndGrad('mse', ws, net.spec.outputSize);
  net.zeroGrad();
  net.backward(ws);
  const grads: Record<string, number[]> = {};
  for (const w of namedWeights(net)) if (w.inFile) grads[w.name] = Array.from(w.dw);
  return { loss, h: Array.from(ws.h), dh: Array.from(ws.dh), grads, simd: ws.simd !== null };
}

const maxAbs = (x: readonly number[], y: readonly number[]) => Math.max(0, ...x.map((v, k) => Math.abs(v - y[k]!)));
const top = (x: readonly number[]) => Math.max(1e-30, ...x.map(Math.abs));

/** What disagrees between a float32 run and the float64 one, beyond float32's tolerance (as for the JS float32 engine). */
function disagreements(a: Run, b: Run): string[] {
  const bad: string[] = [];
  if (!(Math.abs(a.loss / b.loss - 1) < 1e-5)) bad.push(`loss ${a.loss} against ${b.loss}`);
  if (!(maxAbs(a.h, b.h) < 1e-5)) bad.push(`h off by ${maxAbs(a.h, b.h)}`);
  if (!(maxAbs(a.dh, b.dh) / top(b.dh) < 1e-4)) bad.push(`∂L/∂h off by ${maxAbs(a.dh, b.dh) / top(b.dh)}`);
  for (const [name, g] of Object.entries(b.grads)) {
    const err = maxAbs(a.grads[name]!, g) / top(g);
    if (!(err < 1e-4)) bad.push(`∂L/∂${name} off by ${err.toExponential(2)} of its largest`);
  }
  return bad;
}

describe.each(VARIANTS)('%s on the WASM kernels', (_, shape) => {
  const model = randomModel(shape, 41);
  test.each(['every', 'last'] as const)('agrees with the float64 engine, a loss at %s step', (targets) => {
    const seqs = randomSequences(8, 5, 24, shape.I, shape.O, targets);
    const wasm = run(model, seqs, 'f32', 'wasm');
    expect(wasm.simd).toBe(true); // the SIMD kernels ran, not the JS fallback
    expect(disagreements(wasm, run(model, seqs, 'f64', 'js'))).toEqual([]);
  });

  test('its gradients agree with central differences of the independent reference', () => {
    const seqs = randomSequences(9, 3, 12, shape.I, shape.O, 'every');
    const wasm = run(model, seqs, 'f32', 'wasm');
    for (const [name, g] of Object.entries(wasm.grads)) {
      const scale = top(g);
      // A few elements of every weight, spread over it.
      for (const index of [0, Math.floor(g.length / 2), g.length - 1]) {
        const eps = 1e-5;
        const fd = (refLoss(nudgeWeight(model, name, index, eps), seqs, 'mse') - refLoss(nudgeWeight(model, name, index, -eps), seqs, 'mse')) / (2 * eps);
        expect(Math.abs(g[index]! - fd) / scale, `${name}[${index}]`).toBeLessThan(1e-4);
      }
    }
  });
});

describe('a broken kernel is caught', () => {
  const shape: Shape = { cell: 'lstm', peephole: true, I: 2, H: 9, O: 2 };
  const gru: Shape = { cell: 'gru', I: 2, H: 9, O: 2 };
  type Exports = Record<string, (...args: number[]) => unknown>;
  /** Run with one export of the kernels replaced by `breakIt(original)`. */
  const broken = (s: Shape, name: string, breakIt: (original: (...args: number[]) => unknown, f32: Float32Array) => (...args: number[]) => unknown) => {
    const model = randomModel(s, 43);
    const seqs = randomSequences(10, 4, 16, s.I, s.O, 'every');
    const { net, ws } = loadEngine(model, seqs, 'f32', 'wasm');
    const simd = ws.simd!;
    const k = simd.k as unknown as Exports;
    k[name] = breakIt(k[name]!.bind(simd.k), simd.f32);
    net.forward(ws);
    const loss = lossAndGrad('mse', ws, s.O);
    net.zeroGrad();
    net.backward(ws);
    const grads: Record<string, number[]> = {};
    for (const w of namedWeights(net)) if (w.inFile) grads[w.name] = Array.from(w.dw);
    return disagreements({ loss, h: Array.from(ws.h), dh: Array.from(ws.dh), grads, simd: true }, run(model, seqs, 'f64', 'js'));
  };

  test('a product one term short (the last k dropped)', () => {
    const bad = broken(shape, 'gemm_nt', (gemm) => (M, N, K, ...rest) => gemm(M, N, K > 1 ? K - 1 : K, ...rest));
    expect(bad.length).toBeGreaterThan(0);
  });
  test('a recurrent product (no transpose) one term short', () => {
    const bad = broken(shape, 'gemm_nn', (gemm) => (M, N, K, ...rest) => gemm(M, N, K > 1 ? K - 1 : K, ...rest));
    expect(bad.some((m) => m.startsWith('h ') || m.startsWith('loss'))).toBe(true);
  });
  test('the LSTM backward leaking 1% of the carousel (δc_{t−1} × 0.99)', () => {
    const bad = broken(shape, 'lstm_backward', (orig, f32) => (...a) => {
      orig(...a);
      const [dcRec, B, H] = [a[8]!, a[12]!, a[13]!];
      for (let j = 0; j < B * H; j++) f32[dcRec / 4 + j]! *= 0.99;
    });
    expect(bad.some((m) => m.startsWith('∂L/∂'))).toBe(true);
    expect(bad.some((m) => m.startsWith('loss'))).toBe(false); // the forward pass is intact
  });
  test('the o peephole left out of the LSTM forward pass', () => {
    const bad = broken(shape, 'lstm_forward', (orig) => (...a) => orig(...a.slice(0, 8), 0, a[9]!, a[10]!));
    expect(bad.some((m) => m.startsWith('loss') || m.startsWith('h '))).toBe(true);
  });
  test('the GRU forward computing 1 + 1e-4 times h', () => {
    const bad = broken(gru, 'gru_forward_h', (orig, f32) => (...a) => {
      orig(...a);
      const [hNext, B, H] = [a[2]!, a[3]!, a[4]!];
      for (let j = 0; j < B * H; j++) f32[hNext / 4 + j]! *= 1 + 1e-4;
    });
    expect(bad.length).toBeGreaterThan(0);
  });
  test('Adam updating with the wrong sign is caught by training (the loss rises)', () => {
    const task = makeTask({ name: 'adding', length: 20 });
    const spec = { cell: 'lstm', inputSize: 2, hiddenSize: 8, outputSize: 1, peephole: false, resetAfter: false } as const;
    const losses = (sabotage: boolean) => {
      const placed = placeNetwork('wasm', spec, [{ T: 20, B: 8 }]);
      if (!placed.ok) throw new Error(placed.reason);
      const rng = new Rng(5);
      initNetwork(placed.net, rng);
      const trainer = new Trainer(placed.net, task, 8, { kind: 'adam', lr: 0.01, clip: 1 }, rng.fork());
      if (sabotage) {
        const k = trainer.ws.simd!.k as unknown as Exports;
        const adam = k.adam!.bind(trainer.ws.simd!.k);
        k.adam = (w, dw, m, v, n, scale, lr, ...rest) => adam(w, dw, m, v, n, scale, -lr!, ...rest);
      }
      const out: number[] = [];
      for (let i = 0; i < 150; i++) out.push(trainer.step());
      return out;
    };
    const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    const good = losses(false);
    const bad = losses(true);
    expect(mean(good.slice(-20))).toBeLessThan(mean(good.slice(0, 20)) * 0.8);
    expect(mean(bad.slice(-20))).toBeGreaterThan(mean(good.slice(-20)) * 2);
  });
});

describe('determinism on the WASM kernels', () => {
  const task = makeTask({ name: 'adding', length: 25 });
  const train = (cell: 'lstm' | 'gru', split: boolean) => {
    const spec = { cell, inputSize: 2, hiddenSize: 10, outputSize: 1, peephole: cell === 'lstm', resetAfter: cell === 'gru' } as const;
    const placed = placeNetwork('wasm', spec, [{ T: 25, B: 8 }]);
    if (!placed.ok) throw new Error(placed.reason);
    const rng = new Rng(11);
    initNetwork(placed.net, rng);
    const trainer = new Trainer(placed.net, task, 8, { kind: 'adam', lr: 0.01, clip: 1 }, rng.fork());
    for (let i = 0; i < 60; i++) {
      if (split && i % 7 === 3) {
        // Paused halfway through a step, then redone from its forward pass on the same batch.
        for (let u = 0; u < 40; u++) trainer.advance();
        trainer.abort();
      }
      trainer.step();
    }
    expect(trainer.ws.simd).not.toBeNull();
    return placed.net.params().map((p) => Array.from(p.w));
  };
  test.each(['lstm', 'gru'] as const)('%s: the same seed gives bit-identical weights, run after run and when steps are paused halfway', (cell) => {
    const a = train(cell, false);
    expect(train(cell, false)).toEqual(a);
    expect(train(cell, true)).toEqual(a);
  });
});
