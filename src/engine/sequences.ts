/**
 * Sequences the user brings: one sequence (to show on the network) or a set of them (to train
 * on). Sequences of a set may differ in length; in a batch, a shorter one is padded at its end
 * with zero inputs and no targets, which leaves its loss and gradients exactly what they are
 * alone (a step never sees later ones). A set is split into training and held-out sequences by a
 * fixed, seeded shuffle, the same for every run, so that runs of different seeds compare.
 */
import { Rng } from './rng';
import type { LossKind } from './loss';
import type { Workspace } from './workspace';
import { SequenceError, type Place } from './sequenceProblems';

/** One sequence of T steps. */
export interface Sequence {
  /** Its name: the CSV's sequence id, the JSON's "id", or its number from 1. */
  readonly id: string;
  /** T: steps. */
  readonly T: number;
  /** x_t: [T][I]. */
  readonly x: Float64Array;
  /** target_t: [T][O], 0 where mask is 0. */
  readonly target: Float64Array;
  /** 1 where step t has a target: [T]. */
  readonly mask: Uint8Array;
}

export interface SequenceSet {
  /** I: inputs per step. */
  readonly I: number;
  /** O: targets per step (0 when the file gives none). */
  readonly O: number;
  /** The columns' names (from a CSV header; x1…, y1… otherwise). */
  readonly inputNames: readonly string[];
  readonly targetNames: readonly string[];
  readonly sequences: readonly Sequence[];
}

/** The seed of the split: the held-out set's own, the same whatever the run's seed. */
export const SPLIT_SEED = 0x5eed;
/** The share of a set's sequences held out (at least one, when there are two or more). */
export const HELD_OUT_SHARE = 0.2;

export interface Split {
  /** Indices into the set's sequences. */
  readonly train: readonly number[];
  readonly heldOut: readonly number[];
  /** A set of one sequence: it is both trained on and scored (nothing is held out). */
  readonly shared: boolean;
}

/** Which sequences of n are trained on and which held out. */
export function splitSequences(n: number): Split {
  if (n <= 1) return { train: [0], heldOut: [0], shared: true };
  const order = Array.from({ length: n }, (_, k) => k);
  const rng = new Rng(SPLIT_SEED);
  for (let k = n - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  const held = Math.max(1, Math.round(n * HELD_OUT_SHARE));
  return { heldOut: order.slice(0, held).sort((a, b) => a - b), train: order.slice(held).sort((a, b) => a - b), shared: false };
}

/** The longest sequence's steps. */
export function longest(set: SequenceSet): number {
  return set.sequences.reduce((m, s) => Math.max(m, s.T), 0);
}

/** How many steps of the set have a target. */
export function targetSteps(set: SequenceSet): number {
  let n = 0;
  for (const s of set.sequences) for (let t = 0; t < s.T; t++) n += s.mask[t]!;
  return n;
}

/** One target row (step t of a sequence): its sum, its first negative value (if any), and whether it is one-hot-valued (every value 0 or 1). */
function targetRow(s: Sequence, t: number, O: number): { sum: number; negative: number | undefined; binary: boolean } {
  let sum = 0;
  let negative: number | undefined;
  let binary = true;
  for (let k = 0; k < O; k++) {
    const v = s.target[t * O + k]!;
    sum += v;
    if (v < 0 && negative === undefined) negative = v;
    if (v !== 0 && v !== 1) binary = false;
  }
  return { sum, negative, binary };
}

/** Whether a target row is a class distribution: non-negative, summing to 1 within 1e-3. */
const isDistribution = (row: { sum: number; negative: number | undefined }): boolean => row.negative === undefined && Math.abs(row.sum - 1) <= 1e-3;

/** Whether every target row is a class distribution, and whether all are one-hot. */
export function targetKind(set: SequenceSet): { distributions: boolean; oneHot: boolean } {
  let distributions = set.O >= 2;
  let oneHot = distributions;
  for (const s of set.sequences) {
    for (let t = 0; t < s.T && distributions; t++) {
      if (!s.mask[t]) continue;
      const row = targetRow(s, t, set.O);
      if (!isDistribution(row)) distributions = false;
      if (!row.binary) oneHot = false;
    }
  }
  return { distributions, oneHot: distributions && oneHot };
}

/** The loss a set is trained with unless the user says otherwise: cross-entropy for one-hot targets, else MSE. */
export function defaultLoss(set: SequenceSet): LossKind {
  return targetKind(set).oneHot ? 'ce' : 'mse';
}

/** Check that the set can be trained on with this loss; throws a SequenceError naming the first row that cannot. */
export function checkTrainable(set: SequenceSet, loss: LossKind, placeOf: (sequence: number, step: number) => Place): void {
  if (set.O === 0 || targetSteps(set) === 0) throw new SequenceError({ kind: 'noTargets' });
  // Both parts of the split need targets: one to learn from, the other to be scored on.
  const split = splitSequences(set.sequences.length);
  const hasTarget = (k: number) => set.sequences[k]!.mask.some((m) => m === 1);
  if (!split.train.some(hasTarget)) throw new SequenceError({ kind: 'splitTargets', part: 'train', sequences: split.train.length });
  if (!split.heldOut.some(hasTarget)) throw new SequenceError({ kind: 'splitTargets', part: 'heldOut', sequences: split.heldOut.length });
  if (loss !== 'ce') return;
  if (set.O < 2) throw new SequenceError({ kind: 'oneClass' });
  set.sequences.forEach((s, q) => {
    for (let t = 0; t < s.T; t++) {
      if (!s.mask[t]) continue;
      const row = targetRow(s, t, set.O);
      if (isDistribution(row)) continue;
      const { sum, negative } = row;
      throw new SequenceError({ kind: 'notDistribution', at: placeOf(q, t), sum, ...(negative !== undefined ? { negative } : {}) });
    }
  });
}

/** Check that the set's sizes fit a network of I inputs and O outputs (a set without targets fits any O). */
export function checkFits(set: SequenceSet, I: number, O: number): void {
  if (set.I !== I) throw new SequenceError({ kind: 'inputsMismatch', got: set.I, want: I });
  if (set.O !== 0 && set.O !== O) throw new SequenceError({ kind: 'outputsMismatch', got: set.O, want: O });
}

/** A set without targets, sized for a network of O outputs (its steps still have no target); any other set as it is. */
export function fitOutputs(set: SequenceSet, O: number): SequenceSet {
  return set.O === 0 ? { ...set, O, targetNames: [] } : set;
}

/**
 * Write sequence `seq` into slot b of a batch of ws.T ≥ seq.T steps, padded at its end with zero
 * inputs and no targets. A sequence without targets (O = 0) leaves every step without one.
 */
export function writePadded(ws: Workspace, b: number, seq: Sequence, I: number, O: number): void {
  const { T, B, x, target, mask } = ws;
  const own = seq.target.length === seq.T * O;
  for (let s = 0; s < T; s++) {
    const r = s * B + b;
    const inside = s < seq.T;
    for (let k = 0; k < I; k++) x[r * I + k] = inside ? seq.x[s * I + k]! : 0;
    const on = inside && own && seq.mask[s] === 1;
    mask[r] = on ? 1 : 0;
    for (let k = 0; k < O; k++) target[r * O + k] = on ? seq.target[s * O + k]! : 0;
  }
}

/** A copy of a sequence (its own buffers, so that handing it over leaves the original). */
export function copySequence(s: Sequence): Sequence {
  return { id: s.id, T: s.T, x: s.x.slice(), target: s.target.slice(), mask: s.mask.slice() };
}

/** The buffers of a set's sequences, for a transfer list. */
export function sequenceBuffers(set: SequenceSet): ArrayBuffer[] {
  return set.sequences.flatMap((s) => [s.x.buffer, s.target.buffer, s.mask.buffer] as ArrayBuffer[]);
}
