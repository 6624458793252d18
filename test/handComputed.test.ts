/**
 * Tiny networks (H = 1 or 2) worked through by hand from the equations of the spec, one
 * scalar at a time, and compared with the engine: in float64 with the JS kernels, and through
 * `trace --dtype f32`, which runs the WASM SIMD kernels, to float32 precision.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network, parseModel, traceSequence, type ModelFile, type Trace, type Workspace } from '../src/engine';
import { traceMain } from '../src/cli/trace';

const dir = mkdtempSync(join(tmpdir(), 'gatescope-hand-'));
let files = 0;
const file = (content: unknown): string => {
  const path = join(dir, `${files++}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

/** float32 through the CLI's WASM path: each value to within about 30 float32 roundings. */
const ENGINES = [
  { name: 'float64, JS kernels', digits: 14, wasm: false },
  { name: 'trace --dtype f32, WASM kernels', digits: 5, wasm: true },
] as const;

describe.each(ENGINES)('$name', ({ digits: DIGITS, wasm }) => {
afterEach(() => void vi.restoreAllMocks());

/** The trace of a model on inputs and targets, by the engine under test. */
function traceOf(model: ModelFile, inputs: number[][], targets: (number[] | null)[] | null): Trace {
  if (!wasm) return traceSequence(parseModel(model, 'f64'), inputs, targets);
  const forward = vi.spyOn(Network.prototype, 'forward');
  let out = '';
  const argv = ['--model', file(model), '--input', file(inputs), ...(targets ? ['--target', file(targets)] : []), '--dtype', 'f32'];
  const code = traceMain(argv, { out: (t) => void (out += t), err: () => {} });
  expect(code).toBe(0);
  // It ran the SIMD kernels, not the JS fallback.
  expect((forward.mock.calls[0]![0] as Workspace).simd).not.toBeNull();
  return JSON.parse(out) as Trace;
}

const σ = (x: number): number => 1 / (1 + Math.exp(-x));
const base = { format: 'gatescope-model', version: 1, inputSize: 1, outputSize: 1 } as const;

test('LSTM, H = 1, two steps, with peepholes: states and gradients by hand', () => {
  const model: ModelFile = {
    ...base, cell: 'lstm', peephole: true, hiddenSize: 1,
    weights: {
      W_i: [[0.5]], U_i: [[-0.3]], b_i: [0.1],
      W_f: [[0.2]], U_f: [[0.4]], b_f: [1],
      W_g: [[-0.7]], U_g: [[0.6]], b_g: [0.05],
      W_o: [[0.3]], U_o: [[-0.2]], b_o: [-0.1],
      p_i: [0.25], p_f: [-0.5], p_o: [0.75],
      W_y: [[1.5]], b_y: [0.2],
    },
  };
  const x1 = 1, x2 = -0.5, target = 0.3;
  // Step 1 (h0 = c0 = 0, so the i and f peepholes see 0, and f1 multiplies c0 = 0).
  const i1 = σ(0.5 * x1 + 0.1), g1 = Math.tanh(-0.7 * x1 + 0.05);
  const c1 = i1 * g1;
  const o1 = σ(0.3 * x1 - 0.1 + 0.75 * c1);
  const h1 = o1 * Math.tanh(c1);
  // Step 2.
  const i2 = σ(0.5 * x2 - 0.3 * h1 + 0.1 + 0.25 * c1);
  const f2 = σ(0.2 * x2 + 0.4 * h1 + 1 - 0.5 * c1);
  const g2 = Math.tanh(-0.7 * x2 + 0.6 * h1 + 0.05);
  const c2 = f2 * c1 + i2 * g2;
  const o2 = σ(0.3 * x2 - 0.2 * h1 - 0.1 + 0.75 * c2);
  const h2 = o2 * Math.tanh(c2);
  const y2 = 1.5 * h2 + 0.2;
  // Loss only at step 2: L = (y2 − target)².
  const dy2 = 2 * (y2 - target);
  const dh2 = 1.5 * dy2;
  const do2 = dh2 * Math.tanh(c2) * o2 * (1 - o2);
  const dc2 = dh2 * o2 * (1 - Math.tanh(c2) ** 2) + do2 * 0.75;
  const di2 = dc2 * g2 * i2 * (1 - i2);
  const df2 = dc2 * c1 * f2 * (1 - f2);
  const dg2 = dc2 * i2 * (1 - g2 * g2);
  const dh1 = -0.3 * di2 + 0.4 * df2 + 0.6 * dg2 - 0.2 * do2;
  const do1 = dh1 * Math.tanh(c1) * o1 * (1 - o1);
  const dc1 = dh1 * o1 * (1 - Math.tanh(c1) ** 2) + do1 * 0.75 + dc2 * f2 + di2 * 0.25 + df2 * -0.5;

  const trace = traceOf(model, [[x1], [x2]], [null, [target]]);
  expect(trace.loss).toBeCloseTo((y2 - target) ** 2, DIGITS);
  expect(trace.steps[0]!.c![0]).toBeCloseTo(c1, DIGITS);
  expect(trace.steps[1]!.gates.f![0]).toBeCloseTo(f2, DIGITS);
  expect(trace.steps[1]!.h[0]).toBeCloseTo(h2, DIGITS);
  expect(trace.grads.h[1]![0]).toBeCloseTo(dh2, DIGITS);
  expect(trace.grads.c![1]![0]).toBeCloseTo(dc2, DIGITS);
  expect(trace.grads.h[0]![0]).toBeCloseTo(dh1, DIGITS);
  expect(trace.grads.c![0]![0]).toBeCloseTo(dc1, DIGITS);
  const w = trace.grads.weights;
  expect((w.W_y as number[][])[0]![0]).toBeCloseTo(dy2 * h2, DIGITS);
  expect((w.b_y as number[])[0]).toBeCloseTo(dy2, DIGITS);
  expect((w.p_o as number[])[0]).toBeCloseTo(do2 * c2 + do1 * c1, DIGITS);
  expect((w.p_f as number[])[0]).toBeCloseTo(df2 * c1, DIGITS); // step 1's f sees c0 = 0
  expect((w.U_g as number[][])[0]![0]).toBeCloseTo(dg2 * h1, DIGITS);
  const di1 = dc1 * g1 * i1 * (1 - i1);
  expect((w.W_i as number[][])[0]![0]).toBeCloseTo(di1 * x1 + di2 * x2, DIGITS);
});

test('GRU, H = 1, both variants: one step by hand', () => {
  const weights = {
    W_z: [[0.4]], U_z: [[0.3]], b_z: [-0.2],
    W_r: [[-0.6]], U_r: [[0.5]], b_r: [0.1],
    W_g: [[0.9]], U_g: [[-0.8]], b_g: [0.3],
    W_y: [[2]], b_y: [0],
  };
  const x1 = 0.7, x2 = -1.2;
  for (const resetAfter of [false, true]) {
    const model: ModelFile = {
      ...base, cell: 'gru', resetAfter, hiddenSize: 1,
      weights: resetAfter ? { ...weights, bh_g: [0.15] } : weights,
    };
    const z1 = σ(0.4 * x1 - 0.2), g1 = Math.tanh(0.9 * x1 + 0.3 + (resetAfter ? σ(-0.6 * x1 + 0.1) * 0.15 : 0));
    const h1 = (1 - z1) * g1; // h0 = 0
    const z2 = σ(0.4 * x2 + 0.3 * h1 - 0.2);
    const r2 = σ(-0.6 * x2 + 0.5 * h1 + 0.1);
    const g2 = resetAfter
      ? Math.tanh(0.9 * x2 + 0.3 + r2 * (-0.8 * h1 + 0.15))
      : Math.tanh(0.9 * x2 - 0.8 * (r2 * h1) + 0.3);
    const h2 = z2 * h1 + (1 - z2) * g2;
    const trace = traceOf(model, [[x1], [x2]], [null, [0]]);
    expect(trace.steps[1]!.gates.r![0]).toBeCloseTo(r2, DIGITS);
    expect(trace.steps[1]!.h[0]).toBeCloseTo(h2, DIGITS);
    expect(trace.loss).toBeCloseTo((2 * h2) ** 2, DIGITS);
    // δh2 = W_y·2y2; then z and g pre-activations.
    const dh2 = 2 * (2 * 2 * h2);
    expect(trace.grads.h[1]![0]).toBeCloseTo(dh2, DIGITS);
    expect(trace.grads.gates[1]!.z![0]).toBeCloseTo(dh2 * (h1 - g2) * z2 * (1 - z2), DIGITS);
    expect(trace.grads.gates[1]!.g![0]).toBeCloseTo(dh2 * (1 - z2) * (1 - g2 * g2), DIGITS);
  }
});

test('RNN, H = 2: matrix–vector steps by hand', () => {
  const model: ModelFile = {
    ...base, cell: 'rnn', hiddenSize: 2,
    weights: { W: [[1], [-1]], U: [[0.5, -0.25], [0.75, 0.1]], b: [0, 0.2], W_y: [[1, -2]], b_y: [0.5] },
  };
  const h1 = [Math.tanh(0.4), Math.tanh(-0.4 + 0.2)];
  const h2 = [Math.tanh(-0.3 + 0.5 * h1[0]! - 0.25 * h1[1]!), Math.tanh(0.3 + 0.75 * h1[0]! + 0.1 * h1[1]! + 0.2)];
  const y2 = h2[0]! - 2 * h2[1]! + 0.5;
  const trace = traceOf(model, [[0.4], [-0.3]], [null, [1]]);
  expect(trace.steps[1]!.h[0]).toBeCloseTo(h2[0]!, DIGITS);
  expect(trace.steps[1]!.h[1]).toBeCloseTo(h2[1]!, DIGITS);
  expect(trace.steps[1]!.y[0]).toBeCloseTo(y2, DIGITS);
  const dy = 2 * (y2 - 1);
  const dpre2 = [dy * 1 * (1 - h2[0]! ** 2), dy * -2 * (1 - h2[1]! ** 2)];
  // δh1 = Uᵀ δpre2.
  expect(trace.grads.h[0]![0]).toBeCloseTo(0.5 * dpre2[0]! + 0.75 * dpre2[1]!, DIGITS);
  expect(trace.grads.h[0]![1]).toBeCloseTo(-0.25 * dpre2[0]! + 0.1 * dpre2[1]!, DIGITS);
  expect((trace.grads.weights.U as number[][])[1]![0]).toBeCloseTo(dpre2[1]! * h1[0]!, DIGITS);
});

test('without targets the loss and every gradient are zero', () => {
  const model: ModelFile = {
    ...base, cell: 'rnn', hiddenSize: 1,
    weights: { W: [[1]], U: [[0.5]], b: [0.1], W_y: [[1]], b_y: [0] },
  };
  const trace = traceOf(model, [[1], [2]], null);
  expect(trace.loss).toBe(0);
  expect(trace.grads.h.flat().every((v) => v === 0)).toBe(true);
  expect(Object.values(trace.grads.weights).flat(2).every((v) => v === 0)).toBe(true);
  expect(trace.steps[1]!.h[0]).toBeCloseTo(Math.tanh(2 + 0.5 * Math.tanh(1.1) + 0.1), DIGITS);
});

test('FNN, window 2, H = 1, three steps: the window, zeros before step 1, no memory beyond it', () => {
  const model: ModelFile = {
    ...base, cell: 'fnn', window: 2, hiddenSize: 1,
    // W = [w_now, w_before] over the window [x_t; x_{t−1}].
    weights: { W: [[0.8, -0.4]], b: [0.1], W_y: [[2]], b_y: [-0.3] },
  };
  const xs = [1, -0.5, 0.25];
  const target = 0.6;
  const h1 = Math.tanh(0.8 * 1 + -0.4 * 0 + 0.1); // x_0 is 0: before step 1
  const h2 = Math.tanh(0.8 * -0.5 + -0.4 * 1 + 0.1);
  const h3 = Math.tanh(0.8 * 0.25 + -0.4 * -0.5 + 0.1); // x_1 has left the window
  const y3 = 2 * h3 - 0.3;
  const dy3 = 2 * (y3 - target);
  const dh3 = 2 * dy3;
  const dpre3 = dh3 * (1 - h3 * h3);
  const trace = traceOf(model, xs.map((x) => [x]), [null, null, [target]]);
  expect(trace.steps.map((s) => s.h[0])).toEqual([h1, h2, h3].map((v) => expect.closeTo(v, DIGITS)));
  expect(trace.loss).toBeCloseTo((y3 - target) ** 2, DIGITS);
  // Only step 3 has a target and nothing flows between steps: ∂L/∂h_1 = ∂L/∂h_2 = 0.
  expect(trace.grads.h.map((row) => row[0])).toEqual([0, 0, expect.closeTo(dh3, DIGITS)]);
  // ∂L/∂W = δ_3 u_3ᵀ with u_3 = [x_3; x_2].
  expect(trace.grads.weights.W).toEqual([[expect.closeTo(dpre3 * 0.25, DIGITS), expect.closeTo(dpre3 * -0.5, DIGITS)]]);
  expect(trace.grads.weights.b).toEqual([expect.closeTo(dpre3, DIGITS)]);
});
});
