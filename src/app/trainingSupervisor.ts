/**
 * The training worker under supervision (app layer: it owns the worker; the store only sees
 * events and faults). The worker sends a sign of life every second and a checkpoint every few
 * seconds while it trains; the supervisor keeps the latest checkpoint and watches the signs:
 * - no sign for STALL_MS (it died, closed itself or hangs), or none at all since it was started
 *   (its script never arrived or never ran): the worker stopped responding / did not start. A
 *   worker that did not start is left to load: on a slow network its script may still come, and
 *   when it first speaks the fault is withdrawn (`resumed`) and the run goes on;
 * - an error event before any message: its script could not be loaded;
 * - the worker's own report of an error (one nothing caught, or a command that threw): it crashed.
 * Restart starts a new worker and carries the run on from the last checkpoint. (A diverged run is
 * not a fault: it stays an 'error' event for the store, with its own restore.)
 */
import { Silence } from './silence';
import type { Checkpoint, Command, FaultKind, RunConfig, WorkerEvent, WorkerFault } from '../worker/protocol';

/** No sign of life for this long means the worker is gone or hangs (it sends one every second). */
export const STALL_MS = 3500;
/** Commands that may keep the worker busy longer than that (it answers each); the wait is then this long. */
const LONG_COMMANDS: ReadonlySet<Command['type']> = new Set(['measure-cost', 'check-gradients', 'evaluate', 'load-model', 'restore', 'configure']);
const LONG_MS = 120_000;
/** A fault this soon after a restart is the same fault again: no automatic second try. */
export const REPEAT_MS = 10_000;

export interface SupervisorHooks {
  /** Every event of the worker but signs of life and checkpoints. */
  receive(event: WorkerEvent): void;
  fault(fault: WorkerFault): void;
  /** A worker reported as not started spoke after all: the fault is over. */
  resumed(): void;
  /** The step the page shows now. */
  step(): number;
}

export class TrainingSupervisor {
  private worker: Worker | null = null;
  /** Silence since the last sign, counted over the time the page could listen. */
  private silence = new Silence(0);
  /** Test hook: events kept back from the store while held (see hold). */
  private heldBack: WorkerEvent[] | null = null;
  private heard = false;
  /** A fault was reported for this worker (checks stop until the next start). */
  private failed: FaultKind | null = null;
  /** Commands sent that may take long, not answered yet. */
  private longPending = 0;
  private latest: { checkpoint: Checkpoint; run: number } | null = null;
  private restartedAt = Number.NEGATIVE_INFINITY;
  private readonly watch: ReturnType<typeof setInterval>;

  constructor(
    private readonly create: () => Worker,
    private readonly hooks: SupervisorHooks,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.watch = setInterval(() => this.check(), 250);
  }

  /** The last checkpoint kept (its step), or null. */
  get checkpointStep(): number | null {
    return this.latest?.checkpoint.step ?? null;
  }

  /** Test hook: commands every new worker gets first (a fault that survives restarts, as a bug would). */
  readonly sticky: Command[] = [];

  /** Start a worker (ending any other) and send it its first command. */
  start(first: Command): void {
    this.stop();
    const worker = this.create();
    this.worker = worker;
    this.heard = false;
    this.failed = null;
    this.silence = new Silence(this.now());
    this.longPending = 0;
    worker.onmessage = (event: MessageEvent<WorkerEvent>) => {
      if (this.worker === worker) this.message(event.data);
    };
    worker.onerror = (event) => {
      // The worker reports its own uncaught errors; an error event before it ever spoke means its script failed.
      event.preventDefault();
      if (this.worker === worker && !this.heard) this.fail('load-failed', event.message || '');
    };
    for (const command of this.sticky) this.send(command);
    this.send(first);
  }

  send(command: Command): void {
    if (!this.worker) return;
    if (LONG_COMMANDS.has(command.type)) this.longPending++;
    this.worker.postMessage(command);
  }

  /** A new worker, carrying the run on from the last checkpoint (or from its seed, without one). */
  restart(config: RunConfig, run: number): void {
    this.restartedAt = this.now();
    const kept = this.latest;
    this.start(kept ? { type: 'restore', config, checkpoint: kept.checkpoint, run } : { type: 'configure', config, run });
  }

  /** Forget the checkpoint (a new run starts). */
  forget(): void {
    this.latest = null;
  }

  /**
   * Test hook: while held, the worker's events (but signs of life and checkpoints, which the
   * supervisor itself keeps) wait here instead of reaching the store, as if the worker were slow;
   * let go, they arrive in order.
   */
  hold(on: boolean): void {
    if (on) {
      this.heldBack ??= [];
      return;
    }
    const events = this.heldBack ?? [];
    this.heldBack = null;
    for (const event of events) this.hooks.receive(event);
  }

  /** Test hook: end the worker as a crash would, without telling the page. */
  terminateWorker(): void {
    this.worker?.terminate();
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  dispose(): void {
    this.stop();
    clearInterval(this.watch);
  }

  private message(event: WorkerEvent): void {
    if (!this.heard && this.failed === 'not-started') {
      this.failed = null;
      this.hooks.resumed();
    }
    this.heard = true;
    this.silence.heard();
    if (event.type === 'alive') return;
    if (event.type === 'checkpoint') {
      this.latest = { checkpoint: event.checkpoint, run: event.run };
      if (this.longPending > 0) this.longPending--; // configure, restore and load-model end with one
      return;
    }
    if (event.type === 'cost' || event.type === 'gradient-check' || event.type === 'evaluation' || event.type === 'error') {
      this.longPending = Math.max(0, this.longPending - 1);
    }
    if (event.type === 'error' && event.reason.kind === 'crashed') {
      this.fail('crashed', event.reason.detail);
      return;
    }
    if (this.heldBack) this.heldBack.push(event);
    else this.hooks.receive(event);
  }

  private check(): void {
    const quiet = this.silence.check(this.now());
    if (!this.worker || this.failed) return;
    // A long command extends the wait only for a worker that has started: one that never spoke
    // is not busy with it.
    if (quiet < (this.heard && this.longPending > 0 ? LONG_MS : STALL_MS)) return;
    this.fail(this.heard ? 'unresponsive' : 'not-started', '');
  }

  private fail(kind: FaultKind, detail: string): void {
    this.failed = kind;
    if (kind !== 'not-started') this.stop();
    this.hooks.fault({
      kind, detail, step: this.hooks.step(), checkpointStep: this.checkpointStep,
      repeated: this.now() - this.restartedAt < REPEAT_MS,
    });
  }
}
