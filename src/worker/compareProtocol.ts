/**
 * The messages of the comparison workers: each trains a few runs (the same task, seed, size
 * and optimiser, different cells) side by side for a number of steps and reports, per run,
 * what the comparison overlays and tabulates: the loss curve, the gradient norms over time on
 * the probe, how far back the error reaches, the held-out result, and whether it diverged.
 */
import type { RunConfig, Snapshot } from './protocol';

export interface CompareRun {
  readonly id: string;
  readonly config: RunConfig;
  /** Training steps; then the run is evaluated on the held-out set and stops. */
  readonly steps: number;
  /** Report the whole probe snapshot too (a lesson chapter reads this run's gates). */
  readonly probe?: boolean;
}

export type CompareCommand = { readonly type: 'start'; readonly runs: readonly CompareRun[] } | { readonly type: 'stop' };

export interface RunReport {
  readonly id: string;
  readonly step: number;
  /** The step the run stops at. */
  readonly steps: number;
  /** Loss history: steps and mean batch loss. */
  readonly lossSteps: Float64Array;
  readonly losses: Float32Array;
  /** ‖∂L/∂h_t‖ on the probe, per step t. */
  readonly gradNorms: Float64Array;
  /** The last step with a target (where the decay is measured back from). */
  readonly lastTarget: number;
  /** Training rate, steps per second. */
  readonly stepsPerSec: number;
  readonly diverged: boolean;
  /** log10 ‖∂L/∂h_1‖/‖∂L/∂h_T‖ over held-out sequences, at initialisation. */
  readonly reachInit: number;
  /** The same once the run is done (NaN before). */
  readonly reachTrained: number;
  /** Held-out loss ÷ the baseline of predicting the mean, once done (NaN before). */
  readonly heldOutRatio: number;
  /** Trained for all its steps and evaluated. */
  readonly done: boolean;
  /** Its worker stopped (died, hung or failed to load) before the run ended: set by the page. */
  readonly failed?: boolean;
  /** The probe snapshot, for a run started with `probe`. */
  readonly probe?: Snapshot;
}

export type CompareEvent = { readonly type: 'reports'; readonly reports: readonly RunReport[] };

/** Whether a run has ended: trained and evaluated, diverged, or lost with its worker. */
export const runEnded = (r: RunReport | undefined): boolean => r !== undefined && (r.done || r.diverged || r.failed === true);

/** The report of a run whose worker stopped: its last report (or an empty one), marked failed. */
export function failedReport(run: CompareRun, last: RunReport | undefined): RunReport {
  return {
    ...(last ?? {
      id: run.id, step: 0, steps: run.steps, lossSteps: new Float64Array(0), losses: new Float32Array(0),
      gradNorms: new Float64Array(0), lastTarget: 0, stepsPerSec: 0, diverged: false,
      reachInit: Number.NaN, reachTrained: Number.NaN, heldOutRatio: Number.NaN, done: false,
    }),
    stepsPerSec: 0,
    failed: true,
  };
}
