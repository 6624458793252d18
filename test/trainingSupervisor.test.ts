/**
 * The supervisor against a fake worker and a fake clock: which fault it reports and when, that a
 * long command extends the wait only once the worker has started, that a worker reported as not
 * started may still start (and the fault is withdrawn), and that Restart carries the checkpoint.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { STALL_MS, TrainingSupervisor } from '../src/app/trainingSupervisor';
import { DEFAULT_CONFIG } from '../src/store';
import type { Checkpoint, Command, WorkerEvent, WorkerFault } from '../src/worker/protocol';

class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly got: Command[] = [];
  terminated = false;
  postMessage(c: Command): void {
    this.got.push(c);
  }
  terminate(): void {
    this.terminated = true;
  }
  speak(event: WorkerEvent): void {
    this.onmessage?.({ data: event } as MessageEvent<WorkerEvent>);
  }
}

let clock = 0;
let workers: FakeWorker[];
let faults: WorkerFault[];
let resumed: number;
let received: WorkerEvent[];
let supervisor: TrainingSupervisor;

beforeEach(() => {
  vi.useFakeTimers();
  clock = 0;
  workers = [];
  faults = [];
  resumed = 0;
  received = [];
  supervisor = new TrainingSupervisor(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    { receive: (e) => void received.push(e), fault: (f) => void faults.push(f), resumed: () => void resumed++, step: () => 42 },
    () => clock,
  );
});
afterEach(() => {
  supervisor.dispose();
  vi.useRealTimers();
});

/** Let `ms` pass on both clocks (the supervisor checks every 250 ms). */
function pass(ms: number): void {
  for (let t = 0; t < ms; t += 250) {
    clock += 250;
    vi.advanceTimersByTime(250);
  }
}

const configure: Command = { type: 'configure', config: DEFAULT_CONFIG, run: 0 };

/** A worker answers configure and restore with a checkpoint, as the real one does. */
function answers(w: FakeWorker, step = 0): void {
  w.speak({ type: 'checkpoint', checkpoint: { step } as Checkpoint, run: 0 });
}

describe('detection', () => {
  test('a worker that never speaks is "not started" after STALL_MS, though its first command is a long one', () => {
    supervisor.start(configure);
    pass(STALL_MS - 250);
    expect(faults).toEqual([]);
    pass(500);
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ kind: 'not-started', step: 42, checkpointStep: null, repeated: false });
    // Left to load, not terminated, and reported once only.
    expect(workers[0]!.terminated).toBe(false);
    pass(10_000);
    expect(faults).toHaveLength(1);
  });

  test('a worker reported as not started that speaks after all withdraws the fault', () => {
    supervisor.start(configure);
    pass(STALL_MS + 500);
    answers(workers[0]!);
    expect(resumed).toBe(1);
    // From then on it is watched as any other: silence is now "unresponsive".
    pass(STALL_MS + 500);
    expect(faults.map((f) => f.kind)).toEqual(['not-started', 'unresponsive']);
    expect(workers[0]!.terminated).toBe(true);
  });

  test('a worker that stops signing is "unresponsive", terminated, within STALL_MS + 250 ms', () => {
    supervisor.start(configure);
    answers(workers[0]!);
    const before = clock;
    while (faults.length === 0) pass(250);
    expect(clock - before).toBeGreaterThanOrEqual(STALL_MS);
    expect(clock - before).toBeLessThanOrEqual(STALL_MS + 250);
    expect(faults[0]!.kind).toBe('unresponsive');
    expect(workers[0]!.terminated).toBe(true);
  });

  test('a page that was itself busy does not blame the worker for the signs waiting in its queue', () => {
    supervisor.start(configure);
    answers(workers[0]!);
    pass(1000);
    // The page's main thread is blocked for 6 s: no check runs, and the clock moves on.
    clock += 6000;
    vi.advanceTimersByTime(250);
    expect(faults).toEqual([]);
    // The queued sign arrives; real silence from then on is still caught within STALL_MS + 250 ms.
    answers(workers[0]!);
    const before = clock;
    while (faults.length === 0) pass(250);
    expect(clock - before).toBeLessThanOrEqual(STALL_MS + 250);
    expect(faults[0]!.kind).toBe('unresponsive');
  });

  test('throttled checks (one a second, a background tab) still count the silence in full', () => {
    supervisor.start(configure);
    answers(workers[0]!);
    const before = clock;
    while (faults.length === 0) {
      clock += 1000;
      vi.advanceTimersByTime(1000);
    }
    expect(clock - before).toBeLessThanOrEqual(STALL_MS + 1000);
  });

  test('a started worker busy with a long command (a gradient check) is given longer; an answer ends the wait', () => {
    supervisor.start(configure);
    answers(workers[0]!);
    supervisor.send({ type: 'check-gradients' } as Command);
    pass(STALL_MS * 4);
    expect(faults).toEqual([]);
    workers[0]!.speak({ type: 'gradient-check' } as WorkerEvent);
    pass(STALL_MS + 250);
    expect(faults.map((f) => f.kind)).toEqual(['unresponsive']);
  });

  test('an error event before the worker ever spoke is a script that could not be loaded', () => {
    supervisor.start(configure);
    workers[0]!.onerror?.({ message: 'Failed to fetch a worker script.', preventDefault: () => {} } as ErrorEvent);
    expect(faults).toEqual([expect.objectContaining({ kind: 'load-failed', detail: 'Failed to fetch a worker script.' })]);
    expect(workers[0]!.terminated).toBe(true);
  });

  test('the worker\'s own report of an uncaught error is a crash', () => {
    supervisor.start(configure);
    workers[0]!.speak({ type: 'error', reason: { kind: 'crashed', detail: 'boom' }, step: 7, canRestore: false } as WorkerEvent);
    expect(faults).toEqual([expect.objectContaining({ kind: 'crashed', detail: 'boom' })]);
  });
});

describe('holding events (a test hook)', () => {
  test('held events wait, in order, while checkpoints are kept and the worker counts as heard', () => {
    supervisor.start(configure);
    supervisor.hold(true);
    const a = { type: 'status', status: 'running' } as unknown as WorkerEvent;
    const b = { type: 'status', status: 'paused' } as unknown as WorkerEvent;
    workers[0]!.speak(a);
    answers(workers[0]!, 7);
    workers[0]!.speak(b);
    expect(received).toEqual([]);
    expect(supervisor.checkpointStep).toBe(7);
    pass(STALL_MS - 250);
    expect(faults).toEqual([]);
    supervisor.hold(false);
    expect(received).toEqual([a, b]);
    workers[0]!.speak(a);
    expect(received).toEqual([a, b, a]);
  });
});

describe('restart', () => {
  test('Restart sends the latest checkpoint to a new worker; a fault within REPEAT_MS of it is marked repeated', () => {
    supervisor.start(configure);
    const checkpoint = { step: 900 } as Checkpoint;
    workers[0]!.speak({ type: 'checkpoint', checkpoint, run: 0 });
    expect(supervisor.checkpointStep).toBe(900);
    supervisor.terminateWorker();
    pass(STALL_MS + 250);
    expect(faults[0]).toMatchObject({ kind: 'unresponsive', checkpointStep: 900, repeated: false });
    supervisor.restart(DEFAULT_CONFIG, 0);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.got[0]).toEqual({ type: 'restore', config: DEFAULT_CONFIG, checkpoint, run: 0 });
    answers(workers[1]!, 900);
    pass(STALL_MS + 250);
    expect(faults[1]).toMatchObject({ kind: 'unresponsive', repeated: true });
  });

  test('Restart after "not started" replaces the worker still loading, and starts the run from its seed', () => {
    supervisor.start(configure);
    pass(STALL_MS + 250);
    supervisor.restart(DEFAULT_CONFIG, 0);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.got[0]).toEqual(configure);
    // The old worker arriving late is not heard.
    workers[0]!.speak({ type: 'alive' });
    expect(resumed).toBe(0);
  });
});
