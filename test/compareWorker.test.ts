/**
 * The comparison worker, run in Node with a stand-in for the worker scope: every run makes
 * progress, and a run that diverges is labelled and stops while the others go on.
 */
import { expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../src/store';
import type { CompareEvent } from '../src/worker/compareProtocol';

test('runs train side by side; a diverging run is labelled and the others go on', async () => {
  const posted: CompareEvent[] = [];
  const scope = { postMessage: (m: CompareEvent) => posted.push(m), onmessage: null as null | ((e: { data: unknown }) => void) };
  (globalThis as { self?: unknown }).self = scope;
  await import('../src/worker/compare.worker');
  scope.onmessage!({
    data: {
      type: 'start',
      runs: [
        { id: 'rnn', config: { ...DEFAULT_CONFIG, cell: 'rnn', lr: 1, optimizer: 'sgd', clip: 0 } },
        { id: 'gru', config: { ...DEFAULT_CONFIG, cell: 'gru' } },
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
