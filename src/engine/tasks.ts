/**
 * Tasks: seeded generators of (input, target) sequences, written straight into a workspace.
 * Steps are 1-based in the text and 0-based in code (slot t−1 holds step t).
 */
import type { Rng } from './rng';
import type { LossKind } from './loss';
import type { Workspace } from './workspace';

export type TaskSpec =
  /** Next-step prediction of sin(ω t + φ), with ω and φ drawn per sequence. */
  | { readonly name: 'sine'; readonly length: number }
  /** Recall, at the last step, the first input (uniform in [−1, 1]); later inputs are zeros or noise. */
  | { readonly name: 'remember-first'; readonly length: number; readonly noise: number }
  /** The adding problem (Hochreiter & Schmidhuber 1997): sum the two marked values. */
  | { readonly name: 'adding'; readonly length: number }
  /** One fixed sequence given by the user; every sequence of a batch is a copy. */
  | { readonly name: 'custom'; readonly inputs: readonly (readonly number[])[]; readonly targets: readonly (readonly number[] | null)[]; readonly loss?: LossKind };

export type TaskName = TaskSpec['name'];
export const TASK_NAMES: readonly TaskName[] = ['sine', 'remember-first', 'adding', 'custom'];

/** The tasks the engine generates (all but `custom`). */
export type GeneratedTaskName = Exclude<TaskName, 'custom'>;
export const GENERATED_TASK_NAMES = TASK_NAMES.filter((name): name is GeneratedTaskName => name !== 'custom');

/** The spec of a generated task of `length` steps; `noise` counts only for remember-first. */
export function generatedTaskSpec(name: GeneratedTaskName, length: number, noise = 0): TaskSpec {
  return name === 'remember-first' ? { name, length, noise } : { name, length };
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
