/**
 * Interventions on a network (src/engine/interventions.ts), exact in both passes: clamped gates
 * and ablated units, checked against central finite differences of the independent reference run
 * with the same interventions, for the LSTM (with peepholes, CIFG, FGR), both GRUs and the RNN;
 * the WASM network runs them too (its JS gate code on its own memory); and bad requests are refused.
 */
import { describe, expect, test } from 'vitest';
import { GATE_NAMES, Network, lossAndGrad, namedWeights } from '../src/engine';
import { refLoss, nudgeWeight, type RefInterventions, type Sequence } from './reference';
import { centralDiff, close, loadEngine, randomModel, randomSequences, type Shape } from './helpers';
import type { Network as Net } from '../src/engine/network';

interface Case {
  readonly label: string;
  readonly shape: Shape;
  /** Gate name → unit ('all' or a number) → value. */
  readonly clamps: readonly (readonly [string, number | 'all', number])[];
  readonly ablate: readonly number[];
}

const CASES: readonly Case[] = [
  { label: 'LSTM with peepholes', shape: { cell: 'lstm', peephole: true, I: 2, H: 3, O: 2 }, clamps: [['i', 0, 0.3], ['f', 'all', 1], ['g', 2, -0.5], ['o', 1, 0.9]], ablate: [] },
  { label: 'LSTM, a unit ablated and a gate clamped', shape: { cell: 'lstm', peephole: true, I: 2, H: 3, O: 2 }, clamps: [['f', 0, 0.2]], ablate: [1] },
  { label: 'LSTM CIFG, i clamped (f follows it)', shape: { cell: 'lstm', peephole: true, change: 'CIFG', I: 2, H: 3, O: 2 }, clamps: [['i', 1, 0.6]], ablate: [2] },
  { label: 'LSTM CIFG, f clamped (the coupling cut)', shape: { cell: 'lstm', change: 'CIFG', I: 2, H: 3, O: 2 }, clamps: [['f', 0, 0.4]], ablate: [] },
  { label: 'LSTM FGR, clamped and ablated', shape: { cell: 'lstm', peephole: true, change: 'FGR', I: 2, H: 3, O: 2 }, clamps: [['o', 0, 0.5], ['i', 2, 0.1]], ablate: [1] },
  { label: 'GRU', shape: { cell: 'gru', I: 2, H: 3, O: 2 }, clamps: [['z', 0, 0.8], ['r', 1, 0.3], ['g', 2, 0.4]], ablate: [1] },
  { label: 'GRU reset-after', shape: { cell: 'gru', resetAfter: true, I: 2, H: 3, O: 2 }, clamps: [['z', 'all', 0.5], ['r', 2, 0]], ablate: [0] },
  { label: 'RNN, a unit ablated', shape: { cell: 'rnn', I: 2, H: 3, O: 2 }, clamps: [], ablate: [2] },
];

function apply(net: Net, c: Case): RefInterventions {
  const names: readonly string[] = c.shape.cell === 'lstm' || c.shape.cell === 'gru' ? GATE_NAMES[c.shape.cell] : [];
  const clamp: Record<string, Record<number, number>> = {};
  for (const [gate, unit, value] of c.clamps) {
    net.interventions.clamp(names.indexOf(gate), unit, value);
    for (let j = 0; j < c.shape.H; j++) if (unit === 'all' || unit === j) (clamp[gate] ??= {})[j] = value;
  }
  for (const j of c.ablate) net.interventions.ablate(j, true);
  return { clamp, ablate: new Set(c.ablate) };
}

/** Every weight gradient and every ∂L/∂h_t, ∂L/∂c_t, ∂L/∂pre against central differences of the reference. */
function mismatches(c: Case, seqs: Sequence[]): string[] {
  const model = randomModel(c.shape, 5);
  const { net, ws } = loadEngine(model, seqs);
  const iv = apply(net, c);
  net.forward(ws);
  const loss = lossAndGrad('mse', ws, c.shape.O);
  net.zeroGrad();
  net.backward(ws);
  const bad: string[] = [];
  const check = (what: string, a: number, n: number) => {
    if (!close(a, n)) bad.push(`${what}: ${a} vs ${n}`);
  };
  check('loss', loss, refLoss(model, seqs, 'mse', undefined, iv));
  for (const w of namedWeights(net)) {
    if (!w.inFile) continue;
    for (let k = 0; k < w.w.length; k++) check(`${w.name}[${k}]`, w.dw[k]!, centralDiff((eps) => refLoss(nudgeWeight(model, w.name, k, eps), seqs, 'mse', undefined, iv)));
  }
  const { T, B } = ws;
  const { H } = c.shape;
  const gates: readonly string[] = c.shape.cell === 'lstm' || c.shape.cell === 'gru' ? GATE_NAMES[c.shape.cell] : ['h'];
  for (let b = 0; b < B; b++) {
    for (let t = 1; t <= T; t++) {
      for (let j = 0; j < H; j++) {
        const unit = ((t - 1) * B + b) * H + j;
        check(`dh b${b} t${t} j${j}`, ws.dh[unit]!, centralDiff((eps) => refLoss(model, seqs, 'mse', { what: 'h', seq: b, t, j, eps }, iv)));
        if (c.shape.cell === 'lstm') check(`dc b${b} t${t} j${j}`, ws.dc[unit]!, centralDiff((eps) => refLoss(model, seqs, 'mse', { what: 'c', seq: b, t, j, eps }, iv)));
        gates.forEach((gate, k) => {
          const analytic = ws.dpre[((t - 1) * B + b) * net.G * H + k * H + j]!;
          check(`d${gate}_pre b${b} t${t} j${j}`, analytic, centralDiff((eps) => refLoss(model, seqs, 'mse', { what: 'pre', gate, seq: b, t, j, eps }, iv)));
        });
      }
    }
  }
  return bad;
}

/** The engine on these sequences with the case's interventions on (or none): forward, and with `backward` the gradients too. */
function engineRun(model: ReturnType<typeof randomModel>, seqs: Sequence[], c: Case | null, kernels: 'js' | 'wasm' = 'js', backward = false) {
  const { net, ws } = kernels === 'wasm' ? loadEngine(model, seqs, 'f32', 'wasm') : loadEngine(model, seqs);
  if (c) apply(net, c);
  net.forward(ws);
  if (backward) {
    lossAndGrad('mse', ws, net.spec.outputSize);
    net.zeroGrad();
    net.backward(ws);
  }
  return { net, ws };
}

describe.each(CASES)('$label', (c) => {
  test('every gradient is exact for the network as intervened on (finite differences)', () => {
    expect(mismatches(c, randomSequences(13, 2, 6, c.shape.I, c.shape.O, 'every'))).toEqual([]);
    expect(mismatches(c, randomSequences(14, 2, 5, c.shape.I, c.shape.O, 'last'))).toEqual([]);
  });

  test('the interventions change the outputs (they are not ignored), and on the WASM kernels agree with float64', () => {
    const model = randomModel(c.shape, 5);
    const seqs = randomSequences(15, 3, 8, c.shape.I, c.shape.O, 'every');
    const plain = engineRun(model, seqs, null);
    const f64 = engineRun(model, seqs, c, 'js', true);
    expect(Math.max(...Array.from(f64.ws.y, (v, k) => Math.abs(v - plain.ws.y[k]!)))).toBeGreaterThan(1e-3);
    const wasm = engineRun(model, seqs, c, 'wasm', true);
    expect(Math.max(...Array.from(wasm.ws.y, (v, k) => Math.abs(v - f64.ws.y[k]!)))).toBeLessThan(1e-5);
    const grads = (n: Net) => namedWeights(n).flatMap((w) => Array.from(w.dw));
    const [a, e] = [grads(wasm.net), grads(f64.net)];
    const top = Math.max(...e.map(Math.abs));
    expect(Math.max(...a.map((v, k) => Math.abs(v - e[k]!))) / top).toBeLessThan(1e-4);
  });
});

test('clearing the interventions gives the network back as it was, to the bit', () => {
  const c = CASES[0]!;
  const model = randomModel(c.shape, 5);
  const seqs = randomSequences(16, 2, 6, c.shape.I, c.shape.O, 'every');
  const plain = engineRun(model, seqs, null);
  const again = loadEngine(model, seqs);
  apply(again.net, c);
  expect(again.net.interventions.active).toBe(true);
  again.net.interventions.clear();
  expect(again.net.interventions.active).toBe(false);
  again.net.forward(again.ws);
  expect(Array.from(again.ws.y)).toEqual(Array.from(plain.ws.y));
});

test('bad requests are refused by name: a clamp on the RNN, a unit that does not exist, an ablation of the FNN', () => {
  const spec = { inputSize: 1, hiddenSize: 3, outputSize: 1, peephole: false, resetAfter: false } as const;
  expect(() => new Network({ ...spec, cell: 'rnn' }).interventions.clamp(0, 0, 0.5)).toThrow(/only the LSTM's and the GRU's gates/);
  expect(() => new Network({ ...spec, cell: 'lstm' }).interventions.ablate(3, true)).toThrow(/unit 3 is not one of the 3 hidden units/);
  expect(() => new Network({ ...spec, cell: 'fnn', window: 2 }).interventions.ablate(0, true)).toThrow(/the FNN/);
});
