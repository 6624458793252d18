/**
 * While the cursor moves during training, snapshots and progress reports wait until it has rested
 * 150 ms; then the latest of each is shown. When training is not running, or the cursor rests,
 * they are shown at once.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { useStore } from '../src/store';
import type { Snapshot, WorkerEvent } from '../src/worker/protocol';

const initial = useStore.getState();
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  useStore.setState({ ...initial }, true);
});
afterEach(() => vi.useRealTimers());

const snapshot = (step: number): WorkerEvent => ({
  type: 'snapshot', run: 0,
  snapshot: { step, T: 10, H: 4 } as unknown as Snapshot,
});
const status = (step: number, s: 'running' | 'paused' = 'running'): WorkerEvent => ({ type: 'status', status: s, step, loss: 1, stepsPerSec: 10, run: 0 });

test('a snapshot that arrives while the cursor moves waits until it rests, then the latest is shown', () => {
  const { receive } = useStore.getState();
  receive(status(1));
  receive(snapshot(1));
  expect(useStore.getState().snapshot?.step).toBe(1);
  useStore.getState().setT(3);
  receive(snapshot(2));
  receive(status(2));
  receive(snapshot(3));
  expect(useStore.getState().snapshot?.step).toBe(1);
  expect(useStore.getState().step).toBe(1);
  vi.advanceTimersByTime(100);
  useStore.getState().setT(4); // still moving: the wait starts again
  vi.advanceTimersByTime(100);
  expect(useStore.getState().snapshot?.step).toBe(1);
  vi.advanceTimersByTime(60);
  expect(useStore.getState().snapshot?.step).toBe(3);
  expect(useStore.getState().step).toBe(2);
  expect(useStore.getState().t).toBe(4);
});

test('when training is not running, or a status changes it, nothing waits', () => {
  const { receive } = useStore.getState();
  receive(status(5, 'paused'));
  useStore.getState().setT(2);
  receive(snapshot(5));
  expect(useStore.getState().snapshot?.step).toBe(5);
  receive(status(5, 'running'));
  useStore.getState().setT(3);
  receive(status(6));
  receive(snapshot(6));
  receive(status(6, 'paused'));
  expect(useStore.getState().status).toBe('paused');
  // What was held is stale once the run paused: it never overwrites the paused state.
  vi.advanceTimersByTime(500);
  expect(useStore.getState()).toMatchObject({ status: 'paused', step: 6 });
  expect(useStore.getState().snapshot?.step).toBe(5);
});
