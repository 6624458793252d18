/**
 * Tasks: seeded generators of (input, target) sequences, written straight into a workspace.
 * Steps are 1-based in the text and 0-based in code (slot t−1 holds step t).
 */
import type { Rng } from './rng';
import type { LossKind } from './loss';
import type { Workspace } from './workspace';
import { longest, splitSequences, writePadded, type Sequence, type SequenceSet, type Split } from './sequences';

export type TaskSpec =
  /** Next-step prediction of sin(ω t + φ), with ω and φ drawn per sequence. */
  | { readonly name: 'sine'; readonly length: number }
  /** Recall, at the last step, the first input (uniform in [−1, 1]); later inputs are zeros or noise. */
  | { readonly name: 'remember-first'; readonly length: number; readonly noise: number }
  /** The adding problem (Hochreiter & Schmidhuber 1997): sum the two marked values. */
  | { readonly name: 'adding'; readonly length: number }
  /**
   * A timed pulse (after Gers, Schraudolph & Schmidhuber 2002): one trigger spike at a random
   * step; the target is 1 for `width` steps starting `delay` steps after it, 0 elsewhere, and
   * every step counts. The network must time the delay itself: nothing marks when to fire.
   */
  | { readonly name: 'timed-pulse'; readonly length: number; readonly delay: number; readonly width: number }
  /** One fixed sequence given by the user; every sequence of a batch is a copy. */
  | { readonly name: 'custom'; readonly inputs: readonly (readonly number[])[]; readonly targets: readonly (readonly number[] | null)[]; readonly loss?: LossKind }
  /**
   * The user's own set of sequences (src/engine/sequences.ts): batches draw training sequences,
   * padded to the longest; the held-out ones are scored, each once.
   */
  | { readonly name: 'data'; readonly set: SequenceSet; readonly loss: LossKind };

export type TaskName = TaskSpec['name'];
export const TASK_NAMES: readonly TaskName[] = ['sine', 'remember-first', 'adding', 'timed-pulse', 'custom', 'data'];

/** The tasks the engine generates (all but `custom` and `data`). */
export type GeneratedTaskName = Exclude<TaskName, 'custom' | 'data'>;
export const GENERATED_TASK_NAMES = TASK_NAMES.filter((name): name is GeneratedTaskName => name !== 'custom' && name !== 'data');

/** The timed pulse's delay and width unless said otherwise. */
export const PULSE_DEFAULTS = { delay: 15, width: 5 } as const;

/** The shortest sequence a timed pulse of this delay and width fits in (the trigger, the wait, the pulse). */
export function pulseMinLength(delay: number, width: number): number {
  return delay + width + 1;
}

/** The shortest sequence a generated task takes: the adding problem needs two halves, the pulse room to fit (the user's data sets its own). */
export function taskMinLength(name: GeneratedTaskName | 'data', pulse: { readonly delay: number; readonly width: number } = PULSE_DEFAULTS): number {
  return name === 'adding' ? 2 : name === 'timed-pulse' ? pulseMinLength(pulse.delay, pulse.width) : 1;
}

/** The spec of a generated task of `length` steps; `noise` counts only for remember-first, `pulse` for the timed pulse. */
export function generatedTaskSpec(
  name: GeneratedTaskName, length: number, noise = 0, pulse: { readonly delay: number; readonly width: number } = PULSE_DEFAULTS,
): TaskSpec {
  if (name === 'remember-first') return { name, length, noise };
  if (name === 'timed-pulse') return { name, length, delay: pulse.delay, width: pulse.width };
  return { name, length };
}

export interface Task {
  readonly spec: TaskSpec;
  /** T: steps per sequence. */
  readonly length: number;
  /** I: inputs per step. */
  readonly inputSize: number;
  /** O: targets per step. */
  readonly outputSize: number;
  readonly loss: LossKind;
  /** Fill ws.x, ws.target and ws.mask with ws.B fresh sequences of ws.T = length steps. */
  fill(rng: Rng, ws: Workspace): void;
  /** A fixed held-out set (the user's data), scored sequence by sequence in place of generated ones; and its split. */
  readonly heldOut?: { readonly sequences: readonly Sequence[]; readonly train: readonly Sequence[]; readonly split: Split };
}

/** Angular frequencies of the sine task, in radians per step: periods of about 16 to 60 steps. */
export const SINE_OMEGA = { min: 0.1, max: 0.4 } as const;

export function makeTask(spec: TaskSpec): Task {
  switch (spec.name) {
    case 'sine':
      return {
        spec, length: spec.length, inputSize: 1, outputSize: 1, loss: 'mse',
        fill(rng, ws) {
          const { T, B, x, target, mask } = ws;
          for (let b = 0; b < B; b++) {
            const omega = rng.uniform(SINE_OMEGA.min, SINE_OMEGA.max);
            const phase = rng.uniform(0, 2 * Math.PI);
            for (let s = 0; s < T; s++) {
              const r = s * B + b;
              x[r] = Math.sin(omega * s + phase);
              target[r] = Math.sin(omega * (s + 1) + phase);
              mask[r] = 1;
            }
          }
        },
      };
    case 'remember-first': {
      const noise = spec.noise;
      return {
        spec, length: spec.length, inputSize: 1, outputSize: 1, loss: 'mse',
        fill(rng, ws) {
          const { T, B, x, target, mask } = ws;
          for (let b = 0; b < B; b++) {
            const first = rng.uniform(-1, 1);
            for (let s = 0; s < T; s++) {
              const r = s * B + b;
              x[r] = s === 0 ? first : noise > 0 ? rng.uniform(-noise, noise) : 0;
              target[r] = s === T - 1 ? first : 0;
              mask[r] = s === T - 1 ? 1 : 0;
            }
          }
        },
      };
    }
    case 'adding':
      return {
        spec, length: spec.length, inputSize: 2, outputSize: 1, loss: 'mse',
        fill(rng, ws) {
          const { T, B, x, target, mask } = ws;
          const half = Math.floor(T / 2);
          for (let b = 0; b < B; b++) {
            const first = rng.int(half); // marked step in the first half
            const second = half + rng.int(T - half); // and in the second half
            let sum = 0;
            for (let s = 0; s < T; s++) {
              const r = s * B + b;
              const value = rng.next();
              const marked = s === first || s === second;
              x[2 * r] = value;
              x[2 * r + 1] = marked ? 1 : 0;
              if (marked) sum += value;
              target[r] = 0;
              mask[r] = 0;
            }
            const last = (T - 1) * B + b;
            target[last] = sum;
            mask[last] = 1;
          }
        },
      };
    case 'timed-pulse': {
      const { delay, width } = spec;
      if (spec.length < pulseMinLength(delay, width)) {
        throw new Error(`a timed pulse with delay ${delay} and width ${width} needs at least ${pulseMinLength(delay, width)} steps, not ${spec.length}`);
      }
      return {
        spec, length: spec.length, inputSize: 1, outputSize: 1, loss: 'mse',
        fill(rng, ws) {
          const { T, B, x, target, mask } = ws;
          const latest = T - delay - width; // the latest trigger slot whose whole pulse fits
          for (let b = 0; b < B; b++) {
            const trigger = rng.int(latest + 1);
            const on = trigger + delay;
            for (let s = 0; s < T; s++) {
              const r = s * B + b;
              x[r] = s === trigger ? 1 : 0;
              target[r] = s >= on && s < on + width ? 1 : 0;
              mask[r] = 1;
            }
          }
        },
      };
    }
    case 'custom': {
      const { inputs, targets } = spec;
      const I = inputs[0]?.length ?? 0;
      const O = targets.find((row) => row !== null)?.length ?? 1;
      return {
        spec, length: inputs.length, inputSize: I, outputSize: O, loss: spec.loss ?? 'mse',
        fill(_rng, ws) {
          for (let b = 0; b < ws.B; b++) writeSequence(ws, b, inputs, targets);
        },
      };
    }
    case 'data': {
      const { set } = spec;
      const split = splitSequences(set.sequences.length);
      const train = split.train.map((k) => set.sequences[k]!);
      return {
        spec, length: longest(set), inputSize: set.I, outputSize: set.O, loss: spec.loss,
        heldOut: { sequences: split.heldOut.map((k) => set.sequences[k]!), train, split },
        fill(rng, ws) {
          for (let b = 0; b < ws.B; b++) writePadded(ws, b, train[rng.int(train.length)]!, set.I, set.O);
        },
      };
    }
  }
}

/** Write one sequence (T rows of I inputs; T rows of O targets or null) into slot b of a batch. */
export function writeSequence(
  ws: Workspace, b: number,
  inputs: readonly (readonly number[])[], targets: readonly (readonly number[] | null)[] | null,
): void {
  const { T, B, x, target, mask } = ws;
  const I = x.length / (T * B);
  const O = target.length / (T * B);
  for (let s = 0; s < T; s++) {
    const r = s * B + b;
    const input = inputs[s]!;
    for (let k = 0; k < I; k++) x[r * I + k] = input[k]!;
    const row = targets?.[s] ?? null;
    mask[r] = row === null ? 0 : 1;
    for (let k = 0; k < O; k++) target[r * O + k] = row === null ? 0 : row[k]!;
  }
}
