/**
 * The comparison worker, run in Node with a stand-in for the worker scope: every run makes
 * progress, and a run that diverges is labelled and stops while the others go on.
 */
import { expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../src/store';
import type { CompareEvent } from '../src/worker/compareProtocol';
import { ComparedRun } from '../src/worker/compareRun';
import { TrainingSession } from '../src/worker/session';
import { evaluate, log10GradientRatio } from '../src/engine';

test('runs train side by side; a diverging run is labelled and the others go on', async () => {
  const posted: CompareEvent[] = [];
  const scope = { postMessage: (m: CompareEvent) => posted.push(m), onmessage: null as null | ((e: { data: unknown }) => void) };
  (globalThis as { self?: unknown }).self = scope;
  await import('../src/worker/compare.worker');
  scope.onmessage!({
    data: {
      type: 'start',
      runs: [
        { id: 'rnn', config: { ...DEFAULT_CONFIG, cell: 'rnn', lr: 1, optimizer: 'sgd', clip: 0 }, steps: 100_000 },
        { id: 'gru', config: { ...DEFAULT_CONFIG, cell: 'gru' }, steps: 100_000 },
      ],
    },
  });
  const latest = () => Object.fromEntries(posted.at(-1)!.reports.map((r) => [r.id, r]));
  await expect.poll(() => latest().rnn?.diverged, { timeout: 10_000, interval: 100 }).toBe(true);
  const gruThen = latest().gru!.step;
  await expect.poll(() => latest().gru!.step, { timeout: 10_000, interval: 100 }).toBeGreaterThan(gruThen + 10);
  expect(latest().gru!.diverged).toBe(false);
  expect(latest().gru!.gradNorms.every((v) => Number.isFinite(v))).toBe(true);
  scope.onmessage!({ data: { type: 'stop' } });
}, 30_000);

test('a run stops at its step budget, then reports its held-out result and how far back the error reaches', () => {
  let clock = 0;
  const now = () => (clock += 0.5); // every call moves the clock on: slices end after a few units
  const config = { ...DEFAULT_CONFIG, cell: 'lstm' as const, task: 'remember-first' as const, length: 12, hidden: 4 };
  const run = new ComparedRun({ id: 'lstm', config, steps: 7 }, 0);
  const reports = [];
  while (run.live) {
    run.train(8, now);
    if (run.midStep) run.train(Infinity, now, true);
    reports.push(run.report(clock));
  }
  const last = reports.at(-1)!;
  expect(last).toMatchObject({ done: true, diverged: false, step: 7, steps: 7 });
  expect(reports.every((r) => r.step <= 7)).toBe(true);
  expect(reports.slice(0, -1).every((r) => !r.done && Number.isNaN(r.heldOutRatio))).toBe(true);
  // The same numbers as a session trained for 7 steps and evaluated directly.
  const session = new TrainingSession(config);
  const reachInit = log10GradientRatio(session.net, session.task);
  for (let k = 0; k < 7; k++) session.trainStep();
  const { loss, baseline } = evaluate(session.net, session.task);
  expect(last.reachInit).toBe(reachInit);
  expect(last.heldOutRatio).toBe(loss / baseline);
  expect(last.reachTrained).toBe(log10GradientRatio(session.net, session.task));
  // Done is final: more slices train nothing.
  run.train(8, now);
  expect(run.report(clock).step).toBe(7);
});
