/**
 * The "Gradient by time step" view's numbers: the per-step contributions to one weight's
 * gradient must add up to the gradient the engine computes for that weight on the probe (by its
 * fused, time-transposed products, a different path), for every cell and every kind of weight.
 */
import { describe, expect, test } from 'vitest';
import { namedWeights } from '../src/engine';
import { gradientByStep, pullBothWays, weightBlocks, type WeightRef } from '../src/engine/gradientByStep';
import { TrainingSession } from '../src/worker/session';
import { DEFAULT_CONFIG } from '../src/store';
import type { RunConfig } from '../src/worker/protocol';

const CASES: readonly [string, Partial<RunConfig>][] = [
  ['FNN, window 3', { cell: 'fnn', window: 3 }],
  ['RNN', { cell: 'rnn' }],
  ['LSTM with peepholes', { cell: 'lstm', peephole: true }],
  ['GRU', { cell: 'gru' }],
  ['GRU reset-after', { cell: 'gru', resetAfter: true }],
];

describe.each(CASES)('%s', (_, patch) => {
  const session = new TrainingSession({ ...DEFAULT_CONFIG, hidden: 4, length: 9, batch: 4, task: 'adding', ...patch });
  for (let k = 0; k < 20; k++) session.trainStep();
  const snap = session.snapshot(0); // its probe's backward pass leaves the probe's gradients in the weights
  const named = namedWeights(session.net);
  const grad = (name: string, row: number, col: number) => {
    const w = named.find((n) => n.name === name)!;
    return w.dw[row * w.cols + col]!;
  };
  const blocks = weightBlocks(snap.cell);
  const suffix = (b: number) => (blocks[b] === 'h' ? '' : `_${blocks[b]}`);
  const sum = (w: WeightRef) => gradientByStep(snap, w).reduce((a, v) => a + v, 0);
  const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(b));

  test('input weights: Σ_t δ_t x_t = ∂L/∂W, every column (the FNN’s whole window)', () => {
    const columns = named.find((n) => n.name === `W${suffix(0)}`)!.cols;
    expect(columns).toBe(snap.cell === 'fnn' ? 3 * 2 : 2);
    for (let b = 0; b < blocks.length; b++) for (let j = 0; j < 4; j++) for (let q = 0; q < columns; q++) {
      near(sum({ kind: 'input', block: b, unit: j, input: q }), grad(`W${suffix(b)}`, j, q));
    }
  });

  test('recurrent weights: Σ_t δ_t h_{t−1} = ∂L/∂U (the FNN has none)', () => {
    if (snap.cell === 'fnn') return expect(named.some((n) => n.name.startsWith('U'))).toBe(false);
    for (let b = 0; b < blocks.length; b++) for (let j = 0; j < 4; j++) for (let m = 0; m < 4; m++) {
      near(sum({ kind: 'recurrent', block: b, unit: j, from: m }), grad(`U${suffix(b)}`, j, m));
    }
  });

  test('output weights: Σ_t ∂L/∂y_t h_t = ∂L/∂W_y', () => {
    for (let j = 0; j < 4; j++) near(sum({ kind: 'output', output: 0, unit: j }), grad('W_y', 0, j));
  });
});

test('step by step, by hand: an RNN with H = 1 over three steps', () => {
  // Every step's contribution on its own (a shuffled or shifted series would give the same sums).
  const record = {
    cell: 'rnn' as const, resetAfter: false, T: 3, H: 1, I: 1, O: 1, G: 1,
    x: [0.5, -1, 2], h: [0.1, -0.2, 0.3], gates: [0.1, -0.2, 0.3], dpre: [0.4, 0.25, -0.5], dy: [0, 0.7, -0.1],
  };
  expect(Array.from(gradientByStep(record, { kind: 'input', block: 0, unit: 0, input: 0 }))).toEqual([0.4 * 0.5, 0.25 * -1, -0.5 * 2]);
  expect(Array.from(gradientByStep(record, { kind: 'recurrent', block: 0, unit: 0, from: 0 }))).toEqual([0, 0.25 * 0.1, -0.5 * -0.2]);
  expect(Array.from(gradientByStep(record, { kind: 'output', output: 0, unit: 0 }))).toEqual([0, 0.7 * -0.2, -0.1 * 0.3]);
  const fnn = { ...record, cell: 'fnn' as const };
  // The FNN's second column reads x_{t−1}: nothing before step 1.
  expect(Array.from(gradientByStep(fnn, { kind: 'input', block: 0, unit: 0, input: 1 }))).toEqual([0, 0.25 * 0.5, -0.5 * -1]);
});

test('pulled both ways: P, N and min(P, N)/max(P, N)', () => {
  expect(pullBothWays([1, -0.25, 2, -0.75])).toEqual({ positive: 3, negative: 1, balance: 1 / 3 });
  expect(pullBothWays([0.5, 0.5])).toEqual({ positive: 1, negative: 0, balance: 0 });
  expect(pullBothWays([0, 0]).balance).toBe(0);
});
