/**
 * The messages of the comparison workers: each trains a few runs (the same task, seed, size
 * and optimiser, different cells) side by side and reports, per run, what the comparison
 * overlays: the loss curve, the gradient norms over time on the probe, and whether it diverged.
 */
import type { RunConfig } from './protocol';

export type CompareCommand =
  | { readonly type: 'start'; readonly runs: readonly { readonly id: string; readonly config: RunConfig }[] }
  | { readonly type: 'stop' };

export interface RunReport {
  readonly id: string;
  readonly step: number;
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
}

export type CompareEvent = { readonly type: 'reports'; readonly reports: readonly RunReport[] };
