/**
 * Finite-difference checks, in float64, of every gradient the engine returns: each weight,
 * the total ∂L/∂h_t and ∂L/∂c_t, and the gate pre-activation gradients, for every cell
 * variant, with the loss at every step and at the last step only. The numeric side comes
 * from the independent reference implementation (test/reference.ts).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { GATE_NAMES, lossAndGrad, namedWeights, type LossKind } from '../src/engine';
import { refForward, refLoss, nudgeWeight, type Sequence } from './reference';
import { randomModel, randomSequences, loadEngine, centralDiff, close, type Shape } from './helpers';

const VARIANTS: { label: string; shape: Shape }[] = [
  { label: 'FNN, window 1', shape: { cell: 'fnn', window: 1, I: 3, H: 3, O: 2 } },
  { label: 'FNN, window 3', shape: { cell: 'fnn', window: 3, I: 2, H: 3, O: 2 } },
  { label: 'RNN', shape: { cell: 'rnn', I: 2, H: 3, O: 2 } },
  { label: 'LSTM', shape: { cell: 'lstm', I: 2, H: 3, O: 2 } },
  { label: 'LSTM with peepholes', shape: { cell: 'lstm', peephole: true, I: 2, H: 3, O: 2 } },
  { label: 'LSTM of 1997 (forget gate fixed at 1), with peepholes', shape: { cell: 'lstm', forgetFixed: true, peephole: true, I: 2, H: 3, O: 2 } },
  ...(['NIG', 'NOG', 'NIAF', 'NOAF', 'CIFG', 'FGR'] as const).map((change) => ({
    label: `LSTM ${change} (Greff et al.), with peepholes`, shape: { cell: 'lstm', change, peephole: true, I: 2, H: 3, O: 2 } as Shape,
  })),
  { label: 'LSTM FGR without peepholes', shape: { cell: 'lstm', change: 'FGR', I: 2, H: 3, O: 2 } },
  { label: 'LSTM NIG with the forget gate fixed at 1', shape: { cell: 'lstm', change: 'NIG', forgetFixed: true, I: 2, H: 3, O: 2 } },
  { label: 'GRU', shape: { cell: 'gru', I: 2, H: 3, O: 2 } },
  { label: 'GRU reset-after', shape: { cell: 'gru', resetAfter: true, I: 2, H: 3, O: 2 } },
];

interface Mismatch { what: string; analytic: number; numeric: number }

/** Compare every gradient of the engine with central differences of the reference loss. */
function checkAll(shape: Shape, seqs: Sequence[], kind: LossKind, seed: number): { checked: number; bad: Mismatch[] } {
  const model = randomModel(shape, seed);
  const { net, ws } = loadEngine(model, seqs);
  net.forward(ws);
  const loss = lossAndGrad(kind, ws, shape.O);
  net.zeroGrad();
  net.backward(ws);
  const bad: Mismatch[] = [];
  let checked = 0;
  const check = (what: string, analytic: number, numeric: number): void => {
    checked++;
    if (!close(analytic, numeric)) bad.push({ what, analytic, numeric });
  };
  check('loss', loss, refLoss(model, seqs, kind));
  for (const weight of namedWeights(net)) {
    if (!weight.inFile) continue;
    for (let k = 0; k < weight.w.length; k++) {
      const numeric = centralDiff((eps) => refLoss(nudgeWeight(model, weight.name, k, eps), seqs, kind));
      check(`${weight.name}[${k}]`, weight.dw[k]!, numeric);
    }
  }
  const { T, B } = ws;
  const { H } = shape;
  const G = net.G;
  const gates: readonly string[] = shape.cell === 'rnn' || shape.cell === 'fnn' ? ['h'] : GATE_NAMES[shape.cell];
  for (let b = 0; b < B; b++) {
    for (let t = 1; t <= T; t++) {
      for (let j = 0; j < H; j++) {
        const at = (s: string) => `${s} seq ${b} t=${t} j=${j}`;
        const unit = ((t - 1) * B + b) * H + j;
        check(at('dL/dh'), ws.dh[unit]!, centralDiff((eps) => refLoss(model, seqs, kind, { what: 'h', seq: b, t, j, eps })));
        if (shape.cell === 'lstm') {
          check(at('dL/dc'), ws.dc[unit]!, centralDiff((eps) => refLoss(model, seqs, kind, { what: 'c', seq: b, t, j, eps })));
        }
        gates.forEach((gate, k) => {
          const analytic = ws.dpre[((t - 1) * B + b) * G * H + k * H + j]!;
          const numeric = centralDiff((eps) => refLoss(model, seqs, kind, { what: 'pre', gate, seq: b, t, j, eps }));
          check(at(`dL/d${gate}_pre`), analytic, numeric);
        });
      }
    }
  }
  return { checked, bad };
}

describe.each(VARIANTS)('$label', ({ shape }) => {
  test.each(['every', 'last'] as const)('every gradient matches finite differences, targets at %s step', (targets) => {
    const seqs = randomSequences(11, 2, 6, shape.I, shape.O, targets);
    const { checked, bad } = checkAll(shape, seqs, 'mse', 7);
    expect(checked).toBeGreaterThan(90);
    expect(bad).toEqual([]);
  });

  test('forward pass matches the reference equations', () => {
    const model = randomModel(shape, 3);
    const seqs = randomSequences(5, 3, 7, shape.I, shape.O, 'every');
    const { net, ws } = loadEngine(model, seqs);
    net.forward(ws);
    const { T, B } = ws;
    const { H, O } = shape;
    seqs.forEach((seq, b) => {
      refForward(model, seq).forEach((step, s) => {
        for (let j = 0; j < H; j++) {
          expect(ws.h[((s + 1) * B + b) * H + j]).toBeCloseTo(step.h[j]!, 12);
          if (shape.cell === 'lstm') expect(ws.c[((s + 1) * B + b) * H + j]).toBeCloseTo(step.c[j]!, 12);
          Object.entries(step.gates).forEach(([, values], k) => {
            expect(ws.gates[(s * B + b) * net.G * H + k * H + j]).toBeCloseTo(values[j]!, 12);
          });
        }
        for (let k = 0; k < O; k++) expect(ws.y[(s * B + b) * O + k]).toBeCloseTo(step.y[k]!, 12);
      });
    });
    expect(T).toBe(7);
  });
});

test('softmax cross-entropy gradients match finite differences', () => {
  const shape: Shape = { cell: 'lstm', peephole: true, I: 2, H: 3, O: 3 };
  const seqs = randomSequences(21, 2, 5, shape.I, shape.O, 'onehot');
  const { bad } = checkAll(shape, seqs, 'ce', 9);
  expect(bad).toEqual([]);
});

test('random shapes: gradients match finite differences (property)', () => {
  const shapeArb = fc.record({
    cell: fc.constantFrom('fnn', 'rnn', 'lstm', 'gru') as fc.Arbitrary<Shape['cell']>,
    window: fc.integer({ min: 1, max: 6 }),
    peephole: fc.boolean(),
    resetAfter: fc.boolean(),
    I: fc.integer({ min: 1, max: 3 }),
    H: fc.integer({ min: 1, max: 4 }),
    O: fc.integer({ min: 1, max: 3 }),
  });
  fc.assert(
    fc.property(shapeArb, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.nat(1000),
      (shape, T, B, last, seed) => {
        const seqs = randomSequences(seed, B, T, shape.I, shape.O, last ? 'last' : 'every');
        const { bad } = checkAll(shape, seqs, 'mse', seed + 1);
        expect(bad).toEqual([]);
      }),
    { numRuns: 30, seed: 42 },
  );
});
