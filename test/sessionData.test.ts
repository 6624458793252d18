/**
 * The worker's session with the user's sequences: an own probe of another length shows the
 * reference's numbers for it (and survives a checkpoint); a run on the user's data trains on its
 * training sequences, shows a held-out one, and scores the held-out set.
 */
import { describe, expect, test } from 'vitest';
import { TrainingSession } from '../src/worker/session';
import type { RunConfig } from '../src/worker/protocol';
import { DEFAULT_CONFIG } from '../src/store';
import { modelToFile } from '../src/engine';
import { parseSequences } from '../src/engine/sequenceFile';
import { splitSequences } from '../src/engine/sequences';
import { refForward, refLoss } from './reference';

const config = (patch: Partial<RunConfig> = {}): RunConfig => ({ ...DEFAULT_CONFIG, length: 20, hidden: 5, kernels: 'js', ...patch });

/** The reference's steps for a parsed sequence's inputs and targets. */
function asRef(x: Float64Array, target: Float64Array, mask: Uint8Array, I: number, O: number) {
  const T = mask.length;
  return {
    inputs: Array.from({ length: T }, (_, t) => Array.from(x.subarray(t * I, (t + 1) * I))),
    targets: Array.from({ length: T }, (_, t) => (mask[t] ? Array.from(target.subarray(t * O, (t + 1) * O)) : null)),
  };
}

describe('your own probe', () => {
  test('a sequence of 7 steps on a run of 20: the snapshot has its length and the reference’s numbers', () => {
    for (const kernels of ['js', 'wasm'] as const) {
      const s = new TrainingSession(config({ cell: 'lstm', task: 'sine', kernels }));
      for (let k = 0; k < 3; k++) s.trainStep();
      const { set } = parseSequences('x,y\n0.1,\n0.5,0.2\n-0.3,\n0.9,0.4\n0,\n0.2,\n-1,0.7\n');
      const seq = set.sequences[0]!;
      s.setProbeSequence(seq);
      const snap = s.snapshot(0);
      expect(snap.T).toBe(7);
      expect(Array.from(snap.targetMask)).toEqual([0, 1, 0, 1, 0, 0, 1]);
      const model = modelToFile(s.net);
      const ref = asRef(seq.x, seq.target, seq.mask, 1, 1);
      const steps = refForward(model, ref);
      steps.forEach((step, t) => {
        step.h.forEach((v, j) => expect(snap.h[t * 5 + j]).toBeCloseTo(v, 5));
        expect(snap.y[t]).toBeCloseTo(step.y[0]!, 5);
      });
      expect(snap.probeLoss).toBeCloseTo(refLoss(model, [ref], 'mse'), 5);
      // A checkpoint carries it into a new session; New example goes back to the task's own.
      const c = s.checkpoint();
      const t = new TrainingSession(config({ cell: 'lstm', task: 'sine', kernels }));
      t.restore(c);
      expect(t.snapshot(0).y).toEqual(snap.y);
      t.setProbe(12);
      expect(t.snapshot(0).T).toBe(20);
      expect(t.ownProbe).toBeNull();
      // Training goes on with the probe of another length, and stays exact.
      s.trainStep();
      expect(s.snapshot(0).T).toBe(7);
    }
  });

  test('a sequence that does not fit the network is refused', () => {
    const s = new TrainingSession(config({ cell: 'gru', task: 'sine' }));
    expect(() => s.setProbeSequence(parseSequences('a,b\n1,2\n3,4\n').set.sequences[0]!)).toThrow('the sequences have 2 inputs per step, the network takes 1');
  });
});

describe('a run on your data', () => {
  const lines = ['id,x,y'];
  for (let q = 0; q < 10; q++) for (let t = 0; t < 3 + (q % 4); t++) lines.push(`s${q},${((q * 7 + t * 3) % 11) / 10 - 0.5},${t === 2 + (q % 4) ? q / 10 : ''}`);
  const { set } = parseSequences(lines.join('\n'));
  const data = { set, loss: 'mse' as const, name: 'mine.csv' };

  test('its probe is a held-out sequence at its own length; the score is the held-out loss', () => {
    const s = new TrainingSession(config({ cell: 'gru', task: 'data', data }));
    const split = splitSequences(10);
    const snap = s.snapshot(0);
    const held = split.heldOut.map((k) => set.sequences[k]!);
    const shown = held.find((q) => q.T === snap.T && Math.fround(q.x[0]!) === snap.x[0]);
    expect(shown).toBeDefined();
    for (let k = 0; k < 20; k++) expect(s.trainStep()).toBe(true);
    const model = modelToFile(s.net);
    const refs = held.map((q) => asRef(q.x, q.target, q.mask, 1, 1));
    const mean = split.train.map((k) => set.sequences[k]!).flatMap((q) => Array.from(q.target).filter((_, t) => q.mask[t])).reduce((a, v, _, all) => a + v / all.length, 0);
    const baseline = refs.flatMap((r) => r.targets.filter((row) => row).map((row) => (row![0]! - mean) ** 2));
    expect(s.heldOutRatio()).toBeCloseTo(refLoss(model, refs, 'mse') / (baseline.reduce((a, v) => a + v, 0) / baseline.length), 4);
  });
});
