/// <reference lib="webworker" />
/**
 * A comparison worker: trains its runs in turn, in slices of about 8 ms, and reports all of
 * them about 5 times a second. A run that diverges stops and says so; the others go on. A run
 * that reaches its step budget is evaluated and stops.
 */
import { ComparedRun } from './compareRun';
import type { CompareCommand, CompareEvent } from './compareProtocol';

const SLICE_MS = 8;
const REPORT_MS = 200;

class CompareHost {
  private runs: ComparedRun[] = [];
  private next = 0;
  private running = false;
  private lastReport = 0;
  private readonly tick = new MessageChannel();
  private readonly now = () => performance.now();

  constructor(private readonly scope: DedicatedWorkerGlobalScope) {
    scope.onmessage = (e: MessageEvent<CompareCommand>) => this.handle(e.data);
    this.tick.port1.onmessage = () => this.loop();
  }

  private handle(command: CompareCommand): void {
    if (command.type === 'stop') {
      this.running = false;
      return;
    }
    const now = this.now();
    this.runs = command.runs.map((r) => new ComparedRun(r, now));
    this.running = true;
    this.report();
    this.tick.port2.postMessage(null);
  }

  private loop(): void {
    if (!this.running) return;
    const live = this.runs.filter((r) => r.live);
    if (live.length > 0) live[this.next++ % live.length]!.train(SLICE_MS, this.now);
    if (this.now() - this.lastReport >= REPORT_MS || live.length === 0) {
      // Reports look at the runs between two steps (a snapshot in mid-step would give the step
      // up): each run first finishes the step it is in, which is training it would do anyway.
      for (const run of this.runs) if (run.midStep) run.train(Infinity, this.now, true);
      this.report();
    }
    // With every run done or diverged, the last report has been sent: the worker rests.
    if (live.length > 0) this.tick.port2.postMessage(null);
    else this.running = false;
  }

  private report(): void {
    const now = this.now();
    this.lastReport = now;
    // Copied, not transferred: a run's last report is sent again while it is in mid-step.
    const event: CompareEvent = { type: 'reports', reports: this.runs.map((r) => r.report(now)) };
    this.scope.postMessage(event);
  }
}

new CompareHost(self as unknown as DedicatedWorkerGlobalScope);
