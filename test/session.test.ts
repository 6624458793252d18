/** The worker's training session and loss history, run in Node without a worker. */
import { describe, expect, test } from 'vitest';
import { TrainingSession } from '../src/worker/session';
import { LossHistory } from '../src/worker/lossHistory';
import { snapshotTransfers, type RunConfig } from '../src/worker/protocol';
import { DEFAULT_CONFIG } from '../src/store';
import { traceSequence } from '../src/engine';

const config = (patch: Partial<RunConfig> = {}): RunConfig => ({ ...DEFAULT_CONFIG, length: 20, hidden: 6, ...patch });

describe('TrainingSession', () => {
  test('a snapshot holds the probe, computed by the engine, in typed arrays of the right sizes', () => {
    const s = new TrainingSession(config({ cell: 'lstm' }));
    for (let k = 0; k < 5; k++) expect(s.trainStep()).toBe(true);
    const snap = s.snapshot(0);
    const { T, H, G, I, O } = snap;
    expect([T, H, G, I, O]).toEqual([20, 6, 4, 1, 1]);
    expect(snap.step).toBe(5);
    expect(snap.gates).toHaveLength(T * G * H);
    expect(snap.h).toHaveLength(T * H);
    expect(snap.c).toHaveLength(T * H);
    expect(snap.dh).toHaveLength(T * H);
    expect(snap.dpre).toHaveLength(T * G * H);
    expect(snap.losses).toHaveLength(5);
    expect(snap.gradNames).toEqual(['W_i', 'U_i', 'b_i', 'W_f', 'U_f', 'b_f', 'W_g', 'U_g', 'b_g', 'W_o', 'U_o', 'b_o', 'p_i', 'p_f', 'p_o', 'W_y', 'b_y']);
    expect(snap.gradNorms[1]).toBeGreaterThan(0);
    // Every buffer is its own, so the transfer list moves them all without copying.
    const buffers = snapshotTransfers(snap);
    expect(new Set(buffers).size).toBe(buffers.length);
    // The probe values agree with an independent trace of the same sequence by the engine.
    const inputs = Array.from({ length: T }, (_, t) => [snap.x[t]!]);
    const targets = Array.from({ length: T }, (_, t) => (snap.targetMask[t] ? [snap.target[t]!] : null));
    const trace = traceSequence(s.net, inputs, targets);
    expect(snap.probeLoss).toBeCloseTo(trace.loss, 6);
    expect(snap.h[(T - 1) * H + 2]).toBeCloseTo(trace.steps[T - 1]!.h[2]!, 6);
    expect(snap.dc[3 * H + 1]).toBeCloseTo(trace.grads.c![3]![1]!, 6);
  });

  test('reset returns to the initial weights; the run then repeats exactly', () => {
    const s = new TrainingSession(config({ cell: 'gru' }));
    const first = Array.from({ length: 10 }, () => (s.trainStep(), s.lastLoss));
    s.reset();
    expect(s.steps).toBe(0);
    const again = Array.from({ length: 10 }, () => (s.trainStep(), s.lastLoss));
    expect(again).toEqual(first);
  });

  test('switching peepholes on mid-run keeps the probe outputs exactly', () => {
    const s = new TrainingSession(config({ cell: 'lstm' }));
    for (let k = 0; k < 10; k++) s.trainStep();
    const before = s.snapshot(0);
    s.setPeephole(true);
    const after = s.snapshot(0);
    expect(after.peephole).toBe(true);
    expect(Array.from(after.y)).toEqual(Array.from(before.y));
    expect(after.probeLoss).toBe(before.probeLoss);
  });

  test('a diverging run reports it, and the last good state can be restored', () => {
    const s = new TrainingSession(config({ cell: 'rnn', lr: 1, optimizer: 'sgd', clip: 0 }));
    let diverged = false;
    for (let k = 0; k < 2000 && !diverged; k++) diverged = !s.trainStep();
    expect(diverged).toBe(true);
    const first = s.snapshot(0).losses[0]!;
    const step = s.restoreLastGood();
    expect(step % 25).toBe(0);
    expect(s.steps).toBe(step);
    expect(s.net.params().every((p) => p.w.every(Number.isFinite))).toBe(true);
    // The history goes back with the weights, and the restored state trains on from a sane loss.
    const snap = s.snapshot(0);
    expect(Math.max(0, ...snap.lossSteps)).toBeLessThanOrEqual(step);
    expect(Number.isFinite(snap.probeLoss)).toBe(true);
    expect(s.trainStep()).toBe(true);
    expect(s.lastLoss).toBeLessThan(20 * first);
  });

  test('gradient norms belong to the last training batch, however many snapshots follow', () => {
    const s = new TrainingSession(config({ cell: 'lstm' }));
    for (let k = 0; k < 3; k++) s.trainStep();
    const a = Array.from(s.snapshot(0).gradNorms);
    const b = Array.from(s.snapshot(0).gradNorms);
    expect(b).toEqual(a);
    expect(a.some((v) => v > 0)).toBe(true);
    s.reset();
    expect(Array.from(s.snapshot(0).gradNorms).every((v) => v === 0)).toBe(true);
  });

  test('runSlice works in units: a slice shorter than a step leaves it in flight, and later slices finish it', () => {
    const s = new TrainingSession(config({ cell: 'lstm', length: 20 }));
    let clock = 0;
    const tick = () => (clock += 1); // one "millisecond" per unit
    const first = s.runSlice(8, tick);
    expect(first).toEqual({ steps: 0, diverged: false });
    expect(s.midStep).toBe(true);
    let steps = 0;
    for (let k = 0; k < 20; k++) steps += s.runSlice(8, tick).steps;
    expect(steps).toBeGreaterThan(1);
    // With untilStep, the slice ends where a step ends.
    const until = s.runSlice(10_000, tick, true);
    expect(until.steps).toBe(1);
    expect(s.midStep).toBe(false);
  });

  test('runSlice never trains past stopAt, however long the slice, and does nothing once there', () => {
    const s = new TrainingSession(config({ cell: 'rnn', length: 10 }));
    let clock = 0;
    const tick = () => (clock += 1);
    expect(s.runSlice(1_000_000, tick, false, 7)).toEqual({ steps: 7, diverged: false });
    expect({ steps: s.steps, midStep: s.midStep }).toEqual({ steps: 7, midStep: false });
    expect(s.runSlice(1_000_000, tick, false, 7)).toEqual({ steps: 0, diverged: false });
    expect(s.midStep).toBe(false);
  });

  test('Pause in the middle of a step (the snapshot gives it up) changes nothing in the run', () => {
    const a = new TrainingSession(config({ cell: 'gru' }));
    const b = new TrainingSession(config({ cell: 'gru' }));
    for (let k = 0; k < 4; k++) a.trainStep();
    let clock = 0;
    let pausedIn = -1;
    while (b.steps < 4) {
      b.runSlice(5, () => (clock += 1));
      // Once per step, pause in its middle, as the worker does on Pause (the snapshot gives it up).
      if (b.midStep && pausedIn !== b.steps) {
        pausedIn = b.steps;
        b.snapshot(0);
      }
    }
    expect(Array.from(b.snapshot(0).h)).toEqual(Array.from(a.snapshot(0).h));
  });
});

describe('tuning a run', () => {
  test('a new learning rate keeps the weights, the steps and the optimiser moments; a new batch size keeps the weights', () => {
    const s = new TrainingSession(config({ cell: 'lstm' }));
    for (let k = 0; k < 5; k++) s.trainStep();
    const weights = s.net.params().map((p) => Array.from(p.w));
    s.tune({ ...s.config, lr: 0.001 });
    expect(s.steps).toBe(5);
    expect(s.net.params().map((p) => Array.from(p.w))).toEqual(weights);
    expect(s.config.lr).toBe(0.001);
    s.trainStep();
    s.tune({ ...s.config, batch: 4 });
    expect(s.steps).toBe(6);
    expect(s.trainStep()).toBe(true);
    expect(s.steps).toBe(7);
  });
});

describe('after a divergence (the RNN at SGD lr 0.3 without clipping, on the adding problem)', () => {
  const diverging = (seed: number) => config({ cell: 'rnn', optimizer: 'sgd', lr: 0.3, clip: 0, task: 'adding', length: 50, seed });
  const divergeAt = (s: TrainingSession, limit: number): number => {
    while (s.steps < limit) if (!s.trainStep()) return s.steps;
    return -1;
  };
  test.each([1, 2, 3])('seed %i: restored at the same rate it diverges again at about the same step; at half the rate it trains on', (seed) => {
    const s = new TrainingSession(diverging(seed));
    const at = divergeAt(s, 3000);
    expect(at).toBeGreaterThan(0);
    const { good, last } = s.divergence();
    expect(last.step).toBe(at - 1);
    expect(last.loss).toBeGreaterThan(1e6); // the story the banner tells: the loss grew that far first
    expect(good.step).toBeLessThan(at);
    const back = s.restoreLastGood();
    expect(Math.abs(divergeAt(s, at + 500) - at)).toBeLessThanOrEqual(5);
    const h = new TrainingSession(diverging(seed));
    divergeAt(h, 3000);
    h.restoreLastGood();
    h.tune({ ...h.config, lr: 0.15 });
    expect(h.steps).toBe(back);
    expect(divergeAt(h, at + 500)).toBe(-1);
  });
});

describe('checkpoints', () => {
  test.each([
    ['lstm with peepholes, between steps', { cell: 'lstm', peephole: true } as Partial<RunConfig>, false],
    ['gru, taken with a step in flight', { cell: 'gru', resetAfter: true } as Partial<RunConfig>, true],
  ])('%s: a new session restored from a checkpoint carries the run on exactly', (_, patch, midStep) => {
    const a = new TrainingSession(config(patch));
    a.setProbe(77);
    for (let k = 0; k < 37; k++) a.trainStep();
    if (midStep) {
      let t = 0;
      a.runSlice(1, () => (t += 0.3), false); // a few units of step 38, then stop mid-step
      expect(a.midStep).toBe(true);
    }
    const cp = a.checkpoint();
    expect(cp.step).toBe(37);
    while (a.steps < 80) a.trainStep();
    const b = new TrainingSession(config(patch));
    b.restore(structuredClone(cp));
    expect(b.steps).toBe(37);
    while (b.steps < 80) b.trainStep();
    expect(b.net.params().map((p) => Array.from(p.w))).toEqual(a.net.params().map((p) => Array.from(p.w)));
    const [sa, sb] = [a.snapshot(0), b.snapshot(0)];
    expect(Array.from(sb.losses)).toEqual(Array.from(sa.losses));
    expect(Array.from(sb.x)).toEqual(Array.from(sa.x)); // the same example
    expect(sb.probeLoss).toBe(sa.probeLoss);
  });

  test('a checkpoint of another shape is refused by name', () => {
    const cp = new TrainingSession(config({ cell: 'lstm' })).checkpoint();
    expect(() => new TrainingSession(config({ cell: 'gru' })).restore(cp)).toThrow('the checkpoint does not have the shape of this configuration');
  });
});

describe('kernels', () => {
  test('a run trains on the WASM kernels by default and on JS when asked; both learn', () => {
    const wasm = new TrainingSession(config({ cell: 'lstm' }));
    const js = new TrainingSession(config({ cell: 'lstm', kernels: 'js' }));
    expect([wasm.kernels, js.kernels, wasm.kernelsProblem]).toEqual(['wasm', 'js', null]);
    expect([wasm.net.simd !== null, js.net.simd]).toEqual([true, null]);
    for (let k = 0; k < 30; k++) {
      wasm.trainStep();
      js.trainStep();
    }
    // The same run to float32 rounding, not to the bit.
    expect(Math.abs(wasm.lastLoss / js.lastLoss - 1)).toBeLessThan(1e-3);
  });

  test('a batch larger than the arena was made for moves the network to a larger one: still WASM, same weights, the probe kept', () => {
    const run = () => {
      const s = new TrainingSession(config({ cell: 'gru', batch: 4 }));
      for (let k = 0; k < 5; k++) s.trainStep();
      const before = s.snapshot(0);
      const weights = s.net.params().map((p) => Array.from(p.w));
      const old = s.net;
      s.tune({ ...s.config, batch: 64 });
      expect(s.net).not.toBe(old);
      expect(s.kernels).toBe('wasm');
      expect(s.net.params().map((p) => Array.from(p.w))).toEqual(weights);
      const after = s.snapshot(0);
      expect(Array.from(after.x)).toEqual(Array.from(before.x));
      expect(after.probeLoss).toBe(before.probeLoss);
      for (let k = 0; k < 5; k++) expect(s.trainStep()).toBe(true);
      return s.net.params().map((p) => Array.from(p.w));
    };
    expect(run()).toEqual(run()); // deterministic across the move
  });

  test('the cost is measured on the run\'s own kernels', () => {
    const s = new TrainingSession(config({ cell: 'rnn', hidden: 4, length: 5 }));
    const cost = s.measureCost();
    expect(Object.values(cost).every((us) => us > 0)).toBe(true);
  });
});

describe('LossHistory', () => {
  test('truncate drops the points after a step', () => {
    const h = new LossHistory(100);
    for (let step = 1; step <= 30; step++) h.push(step, 1);
    h.truncate(20);
    expect(Array.from(h.copy().steps).at(-1)).toBe(20);
    h.push(21, 1);
    expect(Array.from(h.copy().steps).slice(-2)).toEqual([20, 21]);
  });

  test('keeps at most its capacity, spanning the whole run, with exact means', () => {
    const h = new LossHistory(8);
    for (let step = 1; step <= 100; step++) h.push(step, step);
    const { steps, losses } = h.copy();
    expect(steps.length).toBeLessThanOrEqual(8);
    expect(steps[0]).toBeLessThanOrEqual(16);
    expect(steps.at(-1)).toBeGreaterThan(80);
    // Each point is the mean of the steps in its window: for losses equal to the step number,
    // the window ending at s with stride k has mean s − (k − 1)/2.
    const stride = steps[1]! - steps[0]!;
    steps.forEach((s, k) => expect(losses[k]).toBeCloseTo(s - (stride - 1) / 2, 4));
  });
});
