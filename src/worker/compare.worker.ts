/// <reference lib="webworker" />
/**
 * A comparison worker: trains its runs in turn, in slices of about 8 ms, and reports all of
 * them about 5 times a second. A run that diverges stops and says so; the others go on.
 */
import { TrainingSession } from './session';
import { lastTargetStep, stepNorms } from '../engine/gradientStats';
import type { CompareCommand, CompareEvent, RunReport } from './compareProtocol';

const SLICE_MS = 8;
const REPORT_MS = 200;

interface Run {
  id: string;
  session: TrainingSession;
  diverged: boolean;
  started: number;
  /** The last report made between two steps (kept for a run that has diverged). */
  last: RunReport | null;
}

class CompareHost {
  private runs: Run[] = [];
  private next = 0;
  private running = false;
  private lastReport = 0;
  private readonly tick = new MessageChannel();

  constructor(private readonly scope: DedicatedWorkerGlobalScope) {
    scope.onmessage = (e: MessageEvent<CompareCommand>) => this.handle(e.data);
    this.tick.port1.onmessage = () => this.loop();
  }

  private handle(command: CompareCommand): void {
    if (command.type === 'stop') {
      this.running = false;
      return;
    }
    const now = performance.now();
    this.runs = command.runs.map((r) => ({ id: r.id, session: new TrainingSession(r.config), diverged: false, started: now, last: null }));
    this.running = true;
    this.report(now);
    this.tick.port2.postMessage(null);
  }

  private loop(): void {
    if (!this.running) return;
    const live = this.runs.filter((r) => !r.diverged);
    if (live.length > 0) this.train(live[this.next++ % live.length]!, SLICE_MS, false);
    if (performance.now() - this.lastReport >= REPORT_MS) {
      // Reports look at the runs between two steps (a snapshot in mid-step would give the step
      // up): each run first finishes the step it is in, which is training it would do anyway.
      for (const run of this.runs) if (!run.diverged && run.session.midStep) this.train(run, Infinity, true);
      this.report(performance.now());
    }
    this.tick.port2.postMessage(null);
  }

  private train(run: Run, budgetMs: number, untilStep: boolean): void {
    try {
      if (run.session.runSlice(budgetMs, () => performance.now(), untilStep).diverged) run.diverged = true;
    } catch {
      run.diverged = true;
    }
  }

  private report(now: number): void {
    this.lastReport = now;
    const reports: RunReport[] = this.runs.map((r) => {
      if ((r.diverged || r.session.midStep) && r.last) return { ...r.last, diverged: r.diverged };
      const snap = r.session.snapshot(0);
      r.last = {
        id: r.id,
        step: r.session.steps,
        lossSteps: snap.lossSteps,
        losses: snap.losses,
        gradNorms: stepNorms(snap.dh, snap.T, snap.H),
        lastTarget: lastTargetStep(snap.targetMask, snap.T),
        stepsPerSec: (r.session.steps * 1000) / Math.max(now - r.started, 1),
        diverged: r.diverged,
      };
      return r.last;
    });
    // Copied, not transferred: a run's last report is sent again while it is in mid-step.
    const event: CompareEvent = { type: 'reports', reports };
    this.scope.postMessage(event);
  }
}

new CompareHost(self as unknown as DedicatedWorkerGlobalScope);
