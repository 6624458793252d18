/**
 * The messages between the page and the training worker: commands in, events out, each a
 * discriminated union on `type`. A snapshot's typed arrays travel in the transfer list, so
 * they move to the page without being copied.
 */
import type { GeneratedTaskName } from '../engine/tasks';
import type { CellKind, LstmChange, RecurrentKind } from '../engine/spec';
import type { Intervention } from '../engine/interventions';

export type { Intervention };
import type { OptimizerKind } from '../engine/optim';
import type { GradientCheck } from '../engine/gradcheck';
import type { OptimizerState } from '../engine/optim';
import type { LossHistoryState } from './lossHistory';
import type { KernelKind } from '../engine/backend';
import type { SimdProblem } from '../engine/wasm/simd';
import type { LossKind } from '../engine/loss';
import type { Sequence, SequenceSet } from '../engine/sequences';

/** Why the WASM SIMD kernels could not run: its kind (which the page words) and the engine's own line. */
export interface KernelProblem {
  readonly kind: SimdProblem;
  readonly detail: string;
}

/** A generated task, or the user's own sequences ('data', with RunConfig.data). */
export type TrainTask = GeneratedTaskName | 'data';

/** The user's sequences a 'data' run trains on (no link carries them), the loss, and the file's name. */
export interface RunData {
  readonly set: SequenceSet;
  readonly loss: LossKind;
  readonly name: string;
}

/** Everything that decides a run: the network, the task and the optimiser. */
export interface RunConfig {
  readonly cell: CellKind;
  readonly peephole: boolean;
  readonly resetAfter: boolean;
  /** LSTM: the 1997 LSTM, forget gate fixed at 1. */
  readonly forgetFixed: boolean;
  /** LSTM: one change of Greff et al. (2017) to the cell (src/engine/spec.ts); absent: none. */
  readonly change?: LstmChange;
  readonly hidden: number;
  /** FNN: k, the steps it sees at once (the current input and the k − 1 before it). */
  readonly window: number;
  readonly task: TrainTask;
  /** Sequence length T. */
  readonly length: number;
  /** remember-first: noise amplitude after the first step. */
  readonly noise: number;
  /** timed-pulse: steps from the trigger to the pulse, and the pulse's width. */
  readonly pulseDelay: number;
  readonly pulseWidth: number;
  readonly lr: number;
  readonly optimizer: OptimizerKind;
  readonly batch: number;
  readonly clip: number;
  readonly seed: number;
  readonly forgetBias: number;
  readonly recurrentScale: number;
  /** T_max of the chrono initialisation of the gate biases (LSTM, GRU; src/engine/init.ts), in place of forgetBias; 0 or absent: off. */
  readonly chrono?: number;
  /**
   * The kernels that train it: 'wasm' (WebAssembly SIMD, the default; JS where it cannot run)
   * or 'js'. Float32 results differ between them in the last digits, so a link carries 'js'.
   */
  readonly kernels?: KernelKind;
  /** Task 'data': the sequences. */
  readonly data?: RunData;
}

/** The settings that 'tune' changes without starting the run again. */
export const TUNABLE = ['lr', 'clip', 'optimizer', 'batch'] as const satisfies readonly (keyof RunConfig)[];

/** Why training stopped: the page words it in its language. */
export type ErrorReason =
  /** A non-finite loss (its value), or, with loss null, weights no longer finite. */
  | {
    readonly kind: 'diverged'; readonly loss: number | null;
    /** How it went: the batch loss at the last good state, and the last finite one before the end. */
    readonly good?: { readonly step: number; readonly loss: number };
    readonly last?: { readonly step: number; readonly loss: number };
  }
  /** An exception in the worker, with its message. */
  | { readonly kind: 'crashed'; readonly detail: string };

export type RunStatus = 'idle' | 'running' | 'paused' | 'error';

/**
 * What the page's supervisor found wrong with the training worker (src/app/trainingSupervisor.ts):
 * it stopped responding (died, closed or hangs), never started, its script could not be loaded,
 * or it reported an error it could not handle.
 */
export type FaultKind = 'unresponsive' | 'not-started' | 'load-failed' | 'crashed';

export interface WorkerFault {
  readonly kind: FaultKind;
  /** The browser's or the worker's own words, when there are any (shown beside ours, never alone). */
  readonly detail: string;
  /** The last step the page knew of, and the step of the checkpoint a restart goes back to. */
  readonly step: number;
  readonly checkpointStep: number | null;
  /** It happened again right after a restart. */
  readonly repeated: boolean;
}

/**
 * Everything a new worker needs to carry a run on from a step: the weights, the optimiser's
 * state, the loss history, the example on display and the switches. The page keeps the latest,
 * so that a run survives its worker.
 */
export interface Checkpoint {
  readonly step: number;
  /** The batch stream's state before the next step's batch (Rng.state()). */
  readonly rng: readonly number[];
  /** Every parameter's values, in the network's order. */
  readonly weights: readonly Float32Array[];
  readonly optimizer: OptimizerState;
  readonly history: LossHistoryState;
  /** The seed of the example on display. */
  readonly probeSeed: number;
  /** The user's own sequence on display in its place, or null. */
  readonly probeSequence: Sequence | null;
  readonly peephole: boolean;
  readonly forgetFixed: boolean;
  /** The interventions on (absent in a checkpoint from before they existed). */
  readonly interventions?: readonly Intervention[];
}

/** The buffers a checkpoint hands over. */
export function checkpointTransfers(c: Checkpoint): Transferable[] {
  return [...c.weights, ...c.optimizer.m, ...c.optimizer.v, c.history.steps, c.history.losses].map((a) => a.buffer as ArrayBuffer);
}

export type Command =
  /**
   * Build a fresh network for this config (and pause). `run` numbers it: every later snapshot and
   * status says which run it is of, so the page can tell them from ones still in flight.
   */
  | { readonly type: 'configure'; readonly config: RunConfig; readonly run?: number }
  /** Train; with `until`, only up to that step count, then pause (a shared link replays its run). */
  | { readonly type: 'play'; readonly until?: number }
  | { readonly type: 'pause' }
  /** One training step, then a snapshot. */
  | { readonly type: 'step' }
  /** Back to the initial weights of the current config. */
  | { readonly type: 'reset' }
  /** Change how training goes on (learning rate, clipping, optimiser, batch size), keeping the weights. */
  | { readonly type: 'tune'; readonly config: RunConfig }
  /** Switch the LSTM's peepholes, keeping training where it is. */
  | { readonly type: 'set-peephole'; readonly on: boolean }
  /** Take the LSTM's forget gate out (f = 1) or put it back, keeping training where it is. */
  | { readonly type: 'set-forget-fixed'; readonly on: boolean }
  /** Put these interventions on the network (replacing any before); the probe is recomputed at once. */
  | { readonly type: 'set-interventions'; readonly list: readonly Intervention[] }
  /** Draw a new probe sequence (the example on display) from this seed. */
  | { readonly type: 'set-probe'; readonly seed: number }
  /** Show the user's own sequence (of the network's sizes) in place of the task's example; null: the task's example again. */
  | { readonly type: 'set-probe-sequence'; readonly sequence: Sequence | null }
  /** After an error: go back to the weights of the last step whose loss was finite. */
  | { readonly type: 'restore-last-good' }
  /** Compare the analytic gradients on the probe with central finite differences. */
  | { readonly type: 'check-gradients' }
  /** Score the network on the held-out set (event 'evaluation'). */
  | { readonly type: 'evaluate' }
  /** Time a training step of each cell at the current size. */
  | { readonly type: 'measure-cost' }
  /** Send the current weights as a model file (event 'model'). */
  | { readonly type: 'export-model' }
  /** Carry a run on in this new worker from a checkpoint the page kept (and pause). */
  | { readonly type: 'restore'; readonly config: RunConfig; readonly checkpoint: Checkpoint; readonly run: number }
  /** Test hooks (present in the built app, used only by tests): busy-loop for `ms`; throw from a timer; make every snapshot throw. */
  | { readonly type: 'fault'; readonly fault: 'hang'; readonly ms: number }
  | { readonly type: 'fault'; readonly fault: 'throw-async' | 'break-snapshots' | 'close' }
  /** Start from a model file's weights (already validated on the page) with this config (and pause). */
  | { readonly type: 'load-model'; readonly config: RunConfig; readonly model: unknown; readonly run?: number };

/** The probe sequence and everything the engine computed on it, for the views. */
export interface Snapshot {
  /** Training steps taken. */
  readonly step: number;
  readonly cell: CellKind;
  readonly peephole: boolean;
  readonly resetAfter: boolean;
  /** LSTM: its change of Greff et al. (2017), or null. */
  readonly change: LstmChange | null;
  /** The interventions the probe was computed with (none: empty). */
  readonly interventions: readonly Intervention[];
  /** FNN: its window k (0 for the other cells). */
  readonly window: number;
  /** T, H, I, O and G (gate blocks: LSTM 4, GRU 3, RNN 1). */
  readonly T: number;
  readonly H: number;
  readonly I: number;
  readonly O: number;
  readonly G: number;
  /** x_t: [T][I]. */
  readonly x: Float32Array;
  /** target_t: [T][O], meaningful where targetMask is 1. */
  readonly target: Float32Array;
  readonly targetMask: Uint8Array;
  /** y_t: [T][O]. */
  readonly y: Float32Array;
  /** ∂L/∂y_t on the probe: [T][O] (0 where there is no target). */
  readonly dy: Float32Array;
  /** Gate values after their nonlinearity: [T][G·H], blocks i f g o / z r g (RNN: h). */
  readonly gates: Float32Array;
  /** h_t: [T][H] (h_1 … h_T). */
  readonly h: Float32Array;
  /** c_t (LSTM; empty otherwise): [T][H]. */
  readonly c: Float32Array;
  /** Total ∂L/∂h_t on the probe: [T][H]. */
  readonly dh: Float32Array;
  /** Total ∂L/∂c_t on the probe (LSTM; empty otherwise): [T][H]. */
  readonly dc: Float32Array;
  /** ∂L/∂(gate pre-activation) on the probe: [T][G·H]. */
  readonly dpre: Float32Array;
  /** The LSTM's peephole weights p_i, p_f, p_o: [3][H] (empty without peepholes). */
  readonly peep: Float32Array;
  /**
   * The cell's fused weights, for small networks only (H ≤ SNAPSHOT_WEIGHTS_MAX_H; empty above),
   * so that a step can be redone from the values shown: W (G·H)×I, U (G·H)×H, b G·H.
   */
  readonly W: Float32Array;
  readonly U: Float32Array;
  readonly b: Float32Array;
  /** Loss of the probe sequence. */
  readonly probeLoss: number;
  /** Training loss history: step numbers and mean batch loss, decimated to at most 1000 points. */
  readonly lossSteps: Float64Array;
  readonly losses: Float32Array;
  /** ‖∂L/∂W‖ of the last training batch, per named weight (names in gradNames). */
  readonly gradNames: readonly string[];
  readonly gradNorms: Float32Array;
  /** Training rate over the last second or so. */
  readonly stepsPerSec: number;
}

export type WorkerEvent =
  /** A sign of life, every second, whatever the worker is doing. */
  | { readonly type: 'alive' }
  /** The run's state at a step between two training steps (every few seconds while training, and on pause). */
  | { readonly type: 'checkpoint'; readonly checkpoint: Checkpoint; readonly run: number }
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot; readonly run: number }
  | { readonly type: 'status'; readonly status: RunStatus; readonly step: number; readonly loss: number; readonly stepsPerSec: number; readonly run: number }
  | { readonly type: 'error'; readonly reason: ErrorReason; readonly step: number; readonly canRestore: boolean }
  /** Which kernels the run's training steps use, and, when WASM was asked for and cannot run, why. */
  | { readonly type: 'engine'; readonly kernels: KernelKind; readonly problem: KernelProblem | null; readonly run: number }
  | { readonly type: 'cost'; readonly usPerStep: Readonly<Record<RecurrentKind, number>>; readonly batch: number; readonly length: number; readonly hidden: number }
  | { readonly type: 'gradient-check'; readonly results: readonly GradientCheck[]; readonly step: number; readonly ms: number }
  /** Held-out loss ÷ the baseline of predicting the mean, at this training step. */
  | { readonly type: 'evaluation'; readonly step: number; readonly ratio: number }
  /** The current weights in the model file format (docs/model-format.md), as JSON text. */
  | { readonly type: 'model'; readonly json: string; readonly step: number };

/** The largest hidden size whose snapshots carry the cell's weights (a few thousand numbers at most). */
export const SNAPSHOT_WEIGHTS_MAX_H = 32;

/** The buffers a snapshot hands over (each typed array owns its own buffer). */
export function snapshotTransfers(s: Snapshot): Transferable[] {
  return [s.x, s.target, s.targetMask, s.y, s.dy, s.gates, s.h, s.c, s.dh, s.dc, s.dpre, s.peep, s.W, s.U, s.b, s.lossSteps, s.losses, s.gradNorms]
    .map((a) => a.buffer as ArrayBuffer);
}
