/**
 * log10GradientRatio against a direct computation: each held-out sequence run alone (B = 1),
 * its ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ taken from the backward pass, and the log10 values averaged.
 */
import { expect, test } from 'vitest';
import { HELD_OUT_SEED, Network, Rng, initNetwork, lossAndGrad, log10GradientRatio, makeTask, type TaskSpec } from '../src/engine';
import { F32_TINY } from '../src/engine/gradientStats';

function direct(net: Network, spec: TaskSpec, count: number): number {
  const task = makeTask(spec);
  const H = net.spec.hiddenSize;
  const T = task.length;
  // The generators draw sequence after sequence, so 16 at a time or all at once give the same set.
  const all = net.createWorkspace(T, count);
  task.fill(new Rng(HELD_OUT_SEED), all);
  const one = net.createWorkspace(T, 1);
  let sum = 0;
  for (let b = 0; b < count; b++) {
    for (let s = 0; s < T; s++) {
      one.x.set(all.x.subarray((s * count + b) * task.inputSize, (s * count + b + 1) * task.inputSize), s * task.inputSize);
      one.target[s] = all.target[s * count + b]!;
      one.mask[s] = all.mask[s * count + b]!;
    }
    net.forward(one);
    lossAndGrad(task.loss, one, 1);
    net.zeroGrad();
    net.backward(one);
    let first = 0;
    let last = 0;
    for (let j = 0; j < H; j++) {
      first += one.dh[j]! ** 2;
      last += one.dh[(T - 1) * H + j]! ** 2;
    }
    sum += Math.log10(Math.max(Math.sqrt(first), F32_TINY) / Math.sqrt(last));
  }
  return sum / count;
}

test.each([
  ['lstm', { name: 'adding', length: 30 }],
  ['gru', { name: 'remember-first', length: 20, noise: 1 }],
  ['rnn', { name: 'adding', length: 12 }],
] as const)('the %s on %o: the mean log10 ratio of a direct per-sequence computation', (cell, spec) => {
  const task = makeTask(spec);
  const net = new Network({ cell, inputSize: task.inputSize, hiddenSize: 6, outputSize: 1, peephole: false, resetAfter: false }, 'f64');
  initNetwork(net, new Rng(4));
  const count = 40; // not a multiple of the chunk of 16
  expect(log10GradientRatio(net, task, count)).toBeCloseTo(direct(net, spec, count), 10);
});

test('a first step that hears nothing counts as the smallest float32, not −∞', () => {
  const task = makeTask({ name: 'remember-first', length: 10, noise: 0 });
  const net = new Network({ cell: 'rnn', inputSize: 1, hiddenSize: 4, outputSize: 1, peephole: false, resetAfter: false });
  initNetwork(net, new Rng(1));
  net.U.w.fill(0); // no path back in time: ∂L/∂h_1 = 0
  const r = log10GradientRatio(net, task, 8);
  expect(Number.isFinite(r)).toBe(true);
  expect(r).toBeLessThan(-40);
});

test('an LSTM whose forget gates start open reaches far further back than one whose gates start shut', () => {
  // Along c the error is multiplied by f ≈ σ(b_f) per step: ≈ 0.993 at b_f = 5, ≈ 0.007 at b_f = −5.
  const task = makeTask({ name: 'remember-first', length: 20, noise: 0 });
  const net = new Network({ cell: 'lstm', inputSize: 1, hiddenSize: 4, outputSize: 1, peephole: false, resetAfter: false });
  initNetwork(net, new Rng(2), { forgetBias: 5 });
  const open = log10GradientRatio(net, task, 16);
  initNetwork(net, new Rng(2), { forgetBias: -5 });
  const shut = log10GradientRatio(net, task, 16);
  expect(open).toBeGreaterThan(shut + 5);
});
