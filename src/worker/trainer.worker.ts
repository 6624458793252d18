/// <reference lib="webworker" />
/**
 * The training worker: owns the engine and the training loop. It trains in slices of about
 * 8 ms (a step is cut into units of a few milliseconds, so even a large step does not hold a
 * slice up) and reads its messages between slices, so Pause and the switches act within a
 * frame; it posts at most about 30 snapshots a second (fewer for large networks), between steps, their buffers
 * transferred, not copied.
 */
import { SequenceError } from '../engine/sequenceProblems';
import { TrainingSession } from './session';
import { initFor, modelToFile, parseModel } from '../engine/modelFile';
import { checkpointTransfers, snapshotTransfers, type Command, type ErrorReason, type RunStatus, type WorkerEvent } from './protocol';

const SLICE_MS = 8;
const SNAPSHOT_MS = 1000 / 30;
/** A sign of life this often, whatever the worker is doing (the page's watchdog waits a few times longer). */
const ALIVE_MS = 1000;
/**
 * A checkpoint for the page this often while training (and at every pause): every half second for
 * a small network (a restart then loses little), every 2 s once its copies weigh more than a
 * megabyte (weights and the optimiser's two moments: 3 floats a parameter).
 */
function checkpointInterval(params: number): number {
  return params * 3 * 4 > 1 << 20 ? 2000 : 500;
}
/**
 * Snapshots of more values than this come less often: drawing one on the page takes time in
 * proportion to its size, and at H = 128, T = 100 (150,000 values) 22 a second made the page drop
 * a frame in six. Above it the interval grows in proportion, up to SNAPSHOT_MAX_MS (8 a second).
 */
const SNAPSHOT_VALUES = 16_000;
const SNAPSHOT_MAX_MS = 125;

/** The interval between snapshots of a network: 30 a second for small ones, fewer for large. */
function snapshotInterval(T: number, H: number, G: number): number {
  const values = T * H * (2 * G + 4); // gates and their gradients; h, c, ∂L/∂h, ∂L/∂c
  return Math.min(SNAPSHOT_MAX_MS, Math.max(SNAPSHOT_MS, (SNAPSHOT_MS * values) / SNAPSHOT_VALUES));
}
const STATUS_MS = 200;

/** Steps per second over roughly the last second. */
class RateMeter {
  private readonly times: number[] = [];
  private readonly counts: number[] = [];
  add(now: number, steps: number): void {
    this.times.push(now);
    this.counts.push(steps);
    while (this.times.length > 1 && now - this.times[0]! > 1000) {
      this.times.shift();
      this.counts.shift();
    }
  }
  rate(now: number): number {
    if (this.times.length < 2) return 0;
    const span = now - this.times[0]!;
    const steps = this.counts.slice(1).reduce((a, b) => a + b, 0);
    return span > 0 ? (steps * 1000) / span : 0;
  }
  clear(): void {
    this.times.length = 0;
    this.counts.length = 0;
  }
}

class WorkerHost {
  private session: TrainingSession | null = null;
  private status: RunStatus = 'idle';
  private readonly tick = new MessageChannel();
  private scheduled = false;
  private lastSnapshot = 0;
  private lastStatus = 0;
  private readonly meter = new RateMeter();
  /** The step count to pause at (play with `until`), or null to train on. */
  private stopAt: number | null = null;
  /** The number the page gave the current run (configure, load-model), echoed on its events. */
  private run = 0;
  private lastCheckpoint = 0;
  /** How often the run's checkpoint is due (set with the run: it depends on the network's size only). */
  private checkpointMs = checkpointInterval(0);
  /** Test hook: every snapshot throws. */
  private snapshotsBroken = false;

  constructor(private readonly scope: DedicatedWorkerGlobalScope) {
    scope.onmessage = (event: MessageEvent<Command>) => this.handle(event.data);
    this.tick.port1.onmessage = () => this.loop();
    setInterval(() => this.post({ type: 'alive' }), ALIVE_MS);
    // An error nothing caught (in a timer, a promise) stops training and says so, once.
    scope.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail({ kind: 'crashed', detail: event.message || 'an error nothing caught' });
    });
    scope.addEventListener('unhandledrejection', (event) => {
      event.preventDefault();
      const reason: unknown = event.reason;
      this.fail({ kind: 'crashed', detail: reason instanceof Error ? reason.message : String(reason) });
    });
  }

  private post(event: WorkerEvent): void {
    if (event.type === 'snapshot') this.scope.postMessage(event, snapshotTransfers(event.snapshot));
    else if (event.type === 'checkpoint') this.scope.postMessage(event, checkpointTransfers(event.checkpoint));
    else this.scope.postMessage(event);
  }

  /** A new run (a configuration, or one carried on from a checkpoint): paused, and shown. */
  private begin(session: TrainingSession, run: number, now: number): void {
    this.stopAt = null;
    this.run = run;
    this.session = session;
    this.checkpointMs = checkpointInterval(session.net.params().reduce((n, p) => n + p.w.length, 0));
    this.sendEngine();
    this.meter.clear();
    this.setStatus('paused');
    this.sendSnapshot(now);
    this.sendCheckpoint(now);
  }

  /** The run's state for the page to keep (between steps: a step in flight is given up and redone). */
  private sendCheckpoint(now: number): void {
    if (!this.session) return;
    this.lastCheckpoint = now;
    this.post({ type: 'checkpoint', checkpoint: this.session.checkpoint(), run: this.run });
  }

  private handle(command: Command): void {
    try {
      this.apply(command);
    } catch (e) {
      this.fail({ kind: 'crashed', detail: `${command.type}: ${(e as Error).message}` });
    }
  }

  private apply(command: Command): void {
    const now = performance.now();
    switch (command.type) {
      case 'configure':
        this.begin(new TrainingSession(command.config), command.run ?? 0, now);
        return;
      case 'restore': {
        const session = new TrainingSession(command.config);
        session.restore(command.checkpoint);
        this.begin(session, command.run, now);
        return;
      }
      case 'fault':
        if (command.fault === 'hang') {
          const end = performance.now() + command.ms;
          while (performance.now() < end) {
            // busy: no message, no heartbeat, no training
          }
        } else if (command.fault === 'throw-async') {
          setTimeout(() => {
            throw new Error('a fault injected by a test');
          });
        } else if (command.fault === 'close') {
          // As a bug would: the worker ends itself, telling no one.
          self.close();
        } else this.snapshotsBroken = true;
        return;
      case 'play':
        if (!this.session || this.status === 'error') return;
        this.stopAt = command.until ?? null;
        if (this.stopAt !== null && this.session.steps >= this.stopAt) {
          this.stopAt = null;
          this.sendStatus(now);
          this.sendSnapshot(now);
          return;
        }
        this.setStatus('running');
        this.schedule();
        return;
      case 'pause':
        // The step in flight is given up (the snapshot does it) and redone on Play.
        this.stopAt = null;
        if (this.status === 'running') this.setStatus('paused');
        this.sendSnapshot(now);
        this.sendCheckpoint(now);
        return;
      case 'step':
        if (!this.session || this.status === 'error') return;
        if (this.status === 'running') this.setStatus('paused');
        this.session.abortStep();
        if (!this.session.trainStep()) this.diverged();
        else {
          this.sendStatus(now);
          this.sendSnapshot(now);
        }
        return;
      case 'reset':
        if (!this.session) return;
        this.session.reset();
        this.meter.clear();
        this.setStatus('paused');
        this.sendSnapshot(now);
        this.sendCheckpoint(now);
        return;
      case 'tune':
        this.session?.tune(command.config);
        return;
      case 'set-peephole':
        this.session?.setPeephole(command.on);
        this.sendSnapshot(now);
        return;
      case 'set-forget-fixed':
        this.session?.setForgetFixed(command.on);
        this.sendSnapshot(now);
        return;
      case 'set-interventions':
        // The page checks each intervention first; one that still does not fit this network changes nothing.
        try {
          this.session?.setInterventions(command.list);
        } catch {
          return;
        }
        this.sendSnapshot(now);
        this.sendCheckpoint(now); // a restarted worker keeps them on
        return;
      case 'set-probe':
        this.session?.setProbe(command.seed);
        this.sendSnapshot(now);
        return;
      case 'set-probe-sequence':
        if (!this.session) return;
        try {
          this.session.setProbeSequence(command.sequence);
        } catch (e) {
          // Sent for a network of other sizes (it changed meanwhile): the probe stays as it was.
          if (!(e instanceof SequenceError)) throw e;
        }
        this.sendSnapshot(now);
        // A restarted worker keeps what is on display.
        this.sendCheckpoint(now);
        return;
      case 'check-gradients': {
        if (!this.session) return;
        const start = performance.now();
        const results = this.session.checkGradients();
        this.post({ type: 'gradient-check', results, step: this.session.steps, ms: performance.now() - start });
        return;
      }
      case 'evaluate': {
        if (!this.session) return;
        this.post({ type: 'evaluation', step: this.session.steps, ratio: this.session.heldOutRatio() });
        return;
      }
      case 'measure-cost': {
        if (!this.session) return;
        const { batch, hidden } = this.session.config;
        // The task's length (for the user's data, the longest sequence), which the cost was measured at.
        this.post({ type: 'cost', usPerStep: this.session.measureCost(), batch, length: this.session.task.length, hidden });
        return;
      }
      case 'export-model':
        if (!this.session) return;
        this.session.abortStep();
        {
          const { cell, forgetBias, recurrentScale, chrono } = this.session.config;
          const init = initFor(cell, { forgetBias, recurrentScale, chrono: chrono ?? 0 });
          this.post({ type: 'model', json: `${JSON.stringify(modelToFile(this.session.net, init))}\n`, step: this.session.steps });
        }
        return;
      case 'load-model':
        this.begin(new TrainingSession(command.config, parseModel(command.model)), command.run ?? 0, now);
        return;
      case 'restore-last-good':
        if (!this.session) return;
        this.session.restoreLastGood();
        this.setStatus('paused');
        this.sendSnapshot(now);
        this.sendCheckpoint(now);
        return;
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.tick.port2.postMessage(null);
  }

  private loop(): void {
    this.scheduled = false;
    try {
      this.slice();
    } catch (e) {
      this.fail({ kind: 'crashed', detail: (e as Error).message });
    }
  }

  private slice(): void {
    const session = this.session;
    if (!session || this.status !== 'running') return;
    // When a snapshot is due, the slice ends with the step that completes: snapshots are
    // taken between steps, never in the middle of one.
    const start = performance.now();
    const due = start - this.lastSnapshot >= snapshotInterval(session.task.length, session.net.spec.hiddenSize, session.net.G);
    const checkpointDue = start - this.lastCheckpoint >= this.checkpointMs;
    // A checkpoint waits for the next slice that ends between two steps (every snapshot's does):
    // making this one run to the end of its step would hold a Pause up by up to a step.
    const { steps, diverged } = session.runSlice(SLICE_MS, () => performance.now(), due, this.stopAt ?? Infinity);
    const now = performance.now();
    this.meter.add(now, steps);
    if (diverged) {
      this.diverged();
      return;
    }
    if (this.stopAt !== null && session.steps >= this.stopAt) {
      // Reached the step asked for: pause there, exactly.
      this.stopAt = null;
      this.setStatus('paused');
      this.sendStatus(now);
      this.sendSnapshot(now);
      this.sendCheckpoint(now);
      return;
    }
    if (now - this.lastStatus >= STATUS_MS) this.sendStatus(now);
    if (due && !session.midStep) this.sendSnapshot(now);
    if (checkpointDue && !session.midStep) this.sendCheckpoint(now);
    this.schedule();
  }

  private diverged(): void {
    const s = this.session;
    const loss = s?.lastLoss ?? Number.NaN;
    this.fail({ kind: 'diverged', loss: Number.isFinite(loss) ? null : loss, ...s?.divergence() });
  }

  private fail(reason: ErrorReason): void {
    this.setStatus('error');
    this.post({ type: 'error', reason, step: this.session?.steps ?? 0, canRestore: this.session !== null });
  }

  private setStatus(status: RunStatus): void {
    this.status = status;
    this.sendStatus(performance.now());
  }

  private sendStatus(now: number): void {
    this.lastStatus = now;
    const s = this.session;
    this.post({
      type: 'status', status: this.status, step: s?.steps ?? 0, run: this.run,
      loss: s?.lastLoss ?? Number.NaN, stepsPerSec: this.status === 'running' ? this.meter.rate(now) : 0,
    });
  }

  private sendEngine(): void {
    const s = this.session;
    if (s) this.post({ type: 'engine', kernels: s.kernels, problem: s.kernelsProblem, run: this.run });
  }

  private sendSnapshot(now: number): void {
    if (!this.session) return;
    if (this.snapshotsBroken) throw new Error('a snapshot that fails (a fault injected by a test)');
    this.lastSnapshot = now;
    this.post({ type: 'snapshot', snapshot: this.session.snapshot(this.meter.rate(now)), run: this.run });
  }
}

new WorkerHost(self as unknown as DedicatedWorkerGlobalScope);
