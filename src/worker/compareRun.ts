/**
 * One run of a comparison, without any worker API (the tests drive it in Node): it trains in
 * slices up to its step budget, then evaluates on the held-out set, and reports.
 */
import { TrainingSession } from './session';
import { log10GradientRatio } from '../engine/gradientReach';
import { lastTargetStep, stepNorms } from '../engine/gradientStats';
import type { CompareRun, RunReport } from './compareProtocol';

export class ComparedRun {
  readonly id: string;
  private readonly session: TrainingSession;
  private readonly budget: number;
  private readonly started: number;
  private readonly reachInit: number;
  private readonly withProbe: boolean;
  private reachTrained = Number.NaN;
  private heldOutRatio = Number.NaN;
  diverged = false;
  done = false;
  /** The last report made between two steps (kept for a run that has diverged). */
  private last: RunReport | null = null;

  constructor(run: CompareRun, now: number) {
    this.id = run.id;
    this.session = new TrainingSession(run.config);
    this.budget = run.steps;
    this.withProbe = run.probe === true;
    this.started = now;
    this.reachInit = log10GradientRatio(this.session.net, this.session.task);
  }

  /** Still training. */
  get live(): boolean {
    return !this.diverged && !this.done;
  }

  /**
   * Train for about `budgetMs`, never past the step budget; with `untilStep`, only to the end
   * of the step in flight.
   */
  train(budgetMs: number, now: () => number, untilStep = false): void {
    if (!this.live) return;
    try {
      if (this.session.runSlice(untilStep ? Infinity : budgetMs, now, untilStep, this.budget).diverged) this.diverged = true;
      else if (this.session.steps >= this.budget) this.finish();
    } catch {
      this.diverged = true;
    }
  }

  private finish(): void {
    this.heldOutRatio = this.session.heldOutRatio();
    this.reachTrained = log10GradientRatio(this.session.net, this.session.task);
    this.done = Number.isFinite(this.heldOutRatio);
    if (!this.done) this.diverged = true;
  }

  /** Whether a report needs this run to finish its step first (a snapshot mid-step would give it up). */
  get midStep(): boolean {
    return this.live && this.session.midStep;
  }

  report(now: number): RunReport {
    // A run that has stopped, or is in mid-step, repeats its last report.
    if ((this.diverged || this.session.midStep || this.last?.done) && this.last) return { ...this.last, diverged: this.diverged };
    const snap = this.session.snapshot(0);
    this.last = {
      id: this.id,
      step: this.session.steps,
      steps: this.budget,
      lossSteps: snap.lossSteps,
      losses: snap.losses,
      gradNorms: stepNorms(snap.dh, snap.T, snap.H),
      lastTarget: lastTargetStep(snap.targetMask, snap.T),
      stepsPerSec: (this.session.steps * 1000) / Math.max(now - this.started, 1),
      diverged: this.diverged,
      reachInit: this.reachInit,
      reachTrained: this.reachTrained,
      heldOutRatio: this.heldOutRatio,
      done: this.done,
      ...(this.withProbe ? { probe: snap } : {}),
    };
    return this.last;
  }
}

