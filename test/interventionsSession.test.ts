/**
 * Interventions through the worker's session and the store: the probe recomputed with them at
 * once (an ablated unit's h is 0, a clamped gate holds its value), training going on with them,
 * a checkpoint keeping them, the gradient check on the network as intervened on, a bad one
 * changing nothing; the store's list (refusals named, a clamp of the same gate and unit replaced,
 * undo, the probe before) and what clears it.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { TrainingSession } from '../src/worker/session';
import { DEFAULT_CONFIG, useStore } from '../src/store';
import type { Command, Snapshot } from '../src/worker/protocol';

const config = { ...DEFAULT_CONFIG, hidden: 4, length: 12, batch: 4 };

describe('the session', () => {
  test('the probe shows the interventions at once, training goes on with them, and a checkpoint keeps them', () => {
    const s = new TrainingSession(config);
    for (let k = 0; k < 20; k++) s.trainStep();
    const before = s.snapshot(0);
    s.setInterventions([{ kind: 'ablate', unit: 1 }, { kind: 'clamp', gate: 'f', unit: 'all', value: 1 }]);
    const after = s.snapshot(0);
    expect(after.step).toBe(before.step);
    expect(after.interventions).toHaveLength(2);
    const { T, H, G } = after;
    for (let t = 0; t < T; t++) {
      expect(after.h[t * H + 1]).toBe(0);
      expect(after.c[t * H + 1]).toBe(0);
      for (let j = 0; j < H; j++) expect(after.gates[t * G * H + H + j]).toBe(1); // f
    }
    expect(after.probeLoss).not.toBe(before.probeLoss);
    for (let k = 0; k < 5; k++) expect(s.trainStep()).toBe(true);
    const copy = new TrainingSession(config);
    copy.restore(s.checkpoint());
    expect(copy.interventions).toEqual(s.interventions);
    for (let k = 0; k < 5; k++) {
      s.trainStep();
      copy.trainStep();
    }
    expect(copy.net.params().map((p) => Array.from(p.w))).toEqual(s.net.params().map((p) => Array.from(p.w)));
    expect(copy.snapshot(0).h[1]).toBe(0);
  });

  test('the gradient check is of the network as intervened on; a bad intervention changes nothing', () => {
    const s = new TrainingSession({ ...config, cell: 'gru' });
    for (let k = 0; k < 5; k++) s.trainStep();
    s.setInterventions([{ kind: 'clamp', gate: 'z', unit: 0, value: 0.2 }, { kind: 'ablate', unit: 2 }]);
    for (const c of s.checkGradients()) expect(c.maxRelError, c.name).toBeLessThan(1e-5);
    expect(() => s.setInterventions([{ kind: 'clamp', gate: 'o', unit: 0, value: 0.5 }])).toThrow(/no gate o/);
    expect(() => s.setInterventions([{ kind: 'clamp', gate: 'z', unit: 0, value: 1.5 }])).toThrow(/from 0 to 1/);
    expect(s.interventions).toHaveLength(2);
  });
});

describe('the store', () => {
  const initial = useStore.getState();
  let sent: Command[] = [];
  beforeEach(() => {
    useStore.setState({ ...initial }, true);
    sent = [];
    useStore.getState().connect((c) => void sent.push(c), { restart: () => {} });
    useStore.setState({ snapshot: { step: 7, probeLoss: 0.5, y: new Float32Array([1, 2]) } as unknown as Snapshot });
  });

  test('adds, replaces, undoes and names what cannot act here; the probe before is kept', () => {
    const st = () => useStore.getState();
    expect(st().addIntervention({ kind: 'clamp', gate: 'i', unit: 0, value: 0.3 })).toBeNull();
    expect(st().interventionBase).toEqual({ step: 7, probeLoss: 0.5, y: new Float32Array([1, 2]) });
    expect(st().addIntervention({ kind: 'clamp', gate: 'i', unit: 0, value: 0.6 })).toBeNull();
    expect(st().addIntervention({ kind: 'ablate', unit: 3 })).toBeNull();
    expect(st().interventions).toEqual([{ kind: 'clamp', gate: 'i', unit: 0, value: 0.6 }, { kind: 'ablate', unit: 3 }]);
    expect(sent.at(-1)).toEqual({ type: 'set-interventions', list: st().interventions });
    expect(st().addIntervention({ kind: 'clamp', gate: 'z', unit: 0, value: 0.5 })).toMatch(/the LSTM has no gate z/i);
    expect(st().addIntervention({ kind: 'clamp', gate: 'g', unit: 0, value: -2 })).toMatch(/from -1 to 1/);
    expect(st().addIntervention({ kind: 'ablate', unit: 8 })).toMatch(/unit 8 is not one of the 8 hidden units/);
    expect(st().interventions).toHaveLength(2);
    st().removeIntervention(0);
    expect(st().interventions).toEqual([{ kind: 'ablate', unit: 3 }]);
    st().removeIntervention(0);
    expect(st().interventions).toEqual([]);
    expect(st().interventionBase).toBeNull();
    expect(sent.at(-1)).toEqual({ type: 'set-interventions', list: [] });
  });

  test('training on with them on marks the run as changed mid-run (a link, which does not carry them, replays other numbers)', () => {
    const st = () => useStore.getState();
    st().addIntervention({ kind: 'ablate', unit: 1 });
    const snap = (step: number) => ({ step, T: 2, H: 8, interventions: st().interventions, peephole: false } as unknown as Snapshot);
    st().receive({ type: 'snapshot', snapshot: snap(7), run: st().run });
    expect(st().changedMidRun).toBe(false);
    st().receive({ type: 'snapshot', snapshot: snap(8), run: st().run });
    expect(st().changedMidRun).toBe(true);
  });

  test('a new network starts without any; a tuned one keeps them', () => {
    const st = () => useStore.getState();
    st().addIntervention({ kind: 'ablate', unit: 1 });
    st().configure({ lr: 0.001 });
    expect(st().interventions).toHaveLength(1);
    st().configure({ hidden: 6 });
    expect(st().interventions).toEqual([]);
  });
});
