/**
 * Training on the user's sequences: sequences of different lengths padded into one batch give
 * exactly the loss and the gradients of the reference computed on each sequence alone (finite
 * differences of it, for the gradients); batches draw only training sequences; the held-out
 * score is the reference's loss on the held-out sequences against a baseline of the training
 * targets' mean.
 */
import { describe, expect, test } from 'vitest';
import { lossAndGrad, namedWeights, parseModel, Rng, type CellKind } from '../src/engine';
import { makeTask } from '../src/engine/tasks';
import { evaluate } from '../src/engine/trainer';
import { splitSequences, writePadded, type SequenceSet } from '../src/engine/sequences';
import { refLoss, nudgeWeight, type Sequence as RefSequence } from './reference';
import { centralDiff, randomModel, randomSequences } from './helpers';

/** Reference sequences of these lengths (targets at every step, or one-hot). */
function sequencesOf(lengths: readonly number[], I: number, O: number, targets: 'every' | 'onehot', seed: number): RefSequence[] {
  return lengths.map((T, k) => randomSequences(seed + k, 1, T, I, O, targets)[0]!);
}

function asSet(seqs: readonly RefSequence[], I: number, O: number): SequenceSet {
  return {
    I, O, inputNames: [], targetNames: [],
    sequences: seqs.map((s, k) => ({
      id: String(k + 1), T: s.inputs.length,
      x: Float64Array.from(s.inputs.flat()),
      target: Float64Array.from(s.targets.flatMap((row) => row ?? Array.from({ length: O }, () => 0))),
      mask: Uint8Array.from(s.targets.map((row) => (row ? 1 : 0))),
    })),
  };
}

const CELLS: { cell: CellKind; peephole?: boolean; resetAfter?: boolean; window?: number }[] = [
  { cell: 'lstm', peephole: true }, { cell: 'gru', resetAfter: true }, { cell: 'gru' }, { cell: 'rnn' }, { cell: 'fnn', window: 3 },
];

describe('a padded batch is each sequence alone', () => {
  test.each(CELLS)('$cell: loss and gradients against the reference on the unpadded sequences', (shape) => {
    const I = 2;
    const O = 3;
    const model = randomModel({ ...shape, I, H: 4, O }, 7);
    for (const kind of ['mse', 'ce'] as const) {
      const seqs = sequencesOf([3, 7, 5], I, O, kind === 'ce' ? 'onehot' : 'every', 11);
      const set = asSet(seqs, I, O);
      // Float64 sequences, so that the comparison is exact up to rounding.
      const net = parseModel(model, 'f64');
      const ws = net.createWorkspace(7, 3);
      set.sequences.forEach((s, b) => writePadded(ws, b, s, I, O));
      seqs.forEach((s, b) => s.inputs.forEach((row, t) => row.forEach((v, k) => (ws.x[(t * 3 + b) * I + k] = v))));
      seqs.forEach((s, b) => s.targets.forEach((row, t) => row?.forEach((v, k) => (ws.target[(t * 3 + b) * O + k] = v))));
      net.forward(ws);
      const loss = lossAndGrad(kind, ws, O);
      expect(loss).toBeCloseTo(refLoss(model, seqs, kind), 12);
      net.zeroGrad();
      net.backward(ws);
      for (const w of namedWeights(net)) {
        for (const index of [0, Math.floor(w.w.length / 2), w.w.length - 1]) {
          const fd = centralDiff((eps) => refLoss(nudgeWeight(model, w.name, index, eps), seqs, kind));
          expect(w.dw[index]!, `${kind} ${w.name}[${index}]`).toBeCloseTo(fd, 6);
        }
      }
    }
  });
});

describe('the data task', () => {
  const I = 1;
  const O = 1;
  const seqs = sequencesOf([4, 6, 3, 8, 5, 6, 7, 4, 5, 6], I, O, 'every', 3);
  const set = asSet(seqs, I, O);
  const task = makeTask({ name: 'data', set, loss: 'mse' });
  const split = splitSequences(seqs.length);

  test('T is the longest sequence; batches hold only training sequences, each padded', () => {
    expect(task.length).toBe(8);
    const net = parseModel(randomModel({ cell: 'lstm', I, H: 3, O }, 1), 'f32');
    const ws = net.createWorkspace(task.length, 64);
    task.fill(new Rng(5), ws);
    const seen = new Set<number>();
    for (let b = 0; b < 64; b++) {
      const first = ws.x[b];
      const k = set.sequences.findIndex((s) => Math.fround(s.x[0]!) === first);
      expect(split.train).toContain(k);
      seen.add(k);
      const s = set.sequences[k]!;
      for (let t = 0; t < 8; t++) {
        expect(ws.x[t * 64 + b]).toBe(t < s.T ? Math.fround(s.x[t]!) : 0);
        expect(ws.mask[t * 64 + b]).toBe(t < s.T ? 1 : 0);
      }
    }
    expect(seen.size).toBe(split.train.length);
  });

  test('the held-out score: the reference loss on the held-out sequences, the baseline the training mean', () => {
    const model = randomModel({ cell: 'gru', I, H: 3, O }, 2);
    const net = parseModel(model, 'f64');
    const held = split.heldOut.map((k) => seqs[k]!);
    const { loss, baseline } = evaluate(net, task);
    expect(loss).toBeCloseTo(refLoss(model, held, 'mse'), 6);
    const train = split.train.flatMap((k) => seqs[k]!.targets.map((row) => row![0]!));
    const mean = train.reduce((a, v) => a + v, 0) / train.length;
    const targets = held.flatMap((s) => s.targets.map((row) => row![0]!));
    expect(baseline).toBeCloseTo(targets.reduce((a, v) => a + (v - mean) ** 2, 0) / targets.length, 6);
  });
});
