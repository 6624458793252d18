/**
 * The float32 engine's exp, σ and tanh against Math.*, and the float32 engine against the
 * float64 engine on the same model.
 */
import { expect, test } from 'vitest';
import { exp32, sigmoid32, sigmoidRow, tanh32, tanhRow } from '../src/engine/fastmath';
import { Rng, lossAndGrad } from '../src/engine';
import { randomModel, randomSequences, loadEngine, type Shape } from './helpers';

/** Largest relative error of f against ref over the points. */
function worst(points: number[], f: (x: number) => number, ref: (x: number) => number): number {
  let e = 0;
  for (const x of points) {
    const want = ref(x);
    const got = f(x);
    e = Math.max(e, want === 0 ? Math.abs(got) : Math.abs(got / want - 1));
  }
  return e;
}

const rng = new Rng(12);
const points = [
  ...Array.from({ length: 20000 }, () => rng.uniform(-0.3, 0.3)),
  ...Array.from({ length: 20000 }, () => rng.uniform(-30, 30)),
  ...Array.from({ length: 20000 }, () => rng.uniform(-700, 700)),
  0, -0, 1e-30, -1e-30, 0.125, -0.125, 0.1249999, 88.7, -103,
];

test('exp32, sigmoid32 and tanh32 are within 2e-8 relative of Math.exp and Math.tanh', () => {
  expect(worst(points, exp32, Math.exp)).toBeLessThan(1e-8);
  expect(worst(points, sigmoid32, (x) => 1 / (1 + Math.exp(-x)))).toBeLessThan(1e-8);
  expect(worst(points, tanh32, Math.tanh)).toBeLessThan(2e-8);
});

test('the row functions compute exactly what the scalar ones do', () => {
  const xs = Float64Array.from([...points, Infinity, -Infinity, Number.NaN, 709.5, -745, 0.3]);
  const sig = xs.slice();
  sigmoidRow(sig, 0, sig.length, true);
  const th = new Float64Array(xs.length);
  tanhRow(xs, 0, th, 0, xs.length, true);
  xs.forEach((x, k) => {
    expect(Object.is(sig[k], sigmoid32(x))).toBe(true);
    expect(Object.is(th[k], tanh32(x))).toBe(true);
  });
});

test('edge values', () => {
  expect(exp32(0)).toBe(1);
  expect(exp32(Infinity)).toBe(Infinity);
  expect(exp32(-Infinity)).toBe(0);
  expect(exp32(800)).toBe(Infinity);
  expect(exp32(-800)).toBe(0);
  expect(exp32(Number.NaN)).toBeNaN();
  expect(sigmoid32(0)).toBe(0.5);
  expect(sigmoid32(Infinity)).toBe(1);
  expect(sigmoid32(-Infinity)).toBe(0);
  expect(tanh32(0)).toBe(0);
  expect(Object.is(tanh32(-0), -0)).toBe(true);
  expect(tanh32(Infinity)).toBe(1);
  expect(tanh32(-Infinity)).toBe(-1);
  expect(tanh32(Number.NaN)).toBeNaN();
});

test.each([
  ['rnn', {}], ['lstm', { peephole: true }], ['gru', {}], ['gru', { resetAfter: true }],
] as const)('the float32 %s %j agrees with the float64 one', (cell, extra) => {
  const shape: Shape = { cell, ...extra, I: 2, H: 8, O: 2 };
  const model = randomModel(shape, 31);
  const seqs = randomSequences(32, 4, 20, shape.I, shape.O, 'every');
  const run = (dtype: 'f32' | 'f64') => {
    const { net, ws } = loadEngine(model, seqs, dtype);
    net.forward(ws);
    const loss = lossAndGrad('mse', ws, shape.O);
    net.zeroGrad();
    net.backward(ws);
    return { loss, h: Array.from(ws.h), dh: Array.from(ws.dh), dU: Array.from(net.U.dw) };
  };
  const a = run('f32');
  const b = run('f64');
  expect(Math.abs(a.loss / b.loss - 1)).toBeLessThan(1e-5);
  const maxAbs = (x: number[], y: number[]) => Math.max(...x.map((v, k) => Math.abs(v - y[k]!)));
  expect(maxAbs(a.h, b.h)).toBeLessThan(1e-5);
  const scale = Math.max(...b.dU.map(Math.abs));
  expect(maxAbs(a.dU, b.dU) / scale).toBeLessThan(1e-4);
  expect(maxAbs(a.dh, b.dh) / Math.max(...b.dh.map(Math.abs))).toBeLessThan(1e-4);
});
