/**
 * How much memory training on the user's sequences takes in the page, and the limit: the longest
 * sequence sets T for every batch, so a long one with a large batch and H can ask for gigabytes.
 */
import { longest, type SequenceSet } from '../engine/sequences';
import { EVAL_CHUNK, trainingFloats } from '../engine/trainer';
import { blockCount, type CellKind } from '../engine/spec';

/** The most floats a training workspace of the user's data may take in the page (256 MiB). */
export const MAX_PAGE_FLOATS = 2 ** 26;

export interface DataMemory {
  /** The longest sequence's steps. */
  readonly steps: number;
  readonly floats: number;
}

/** The memory a run of this cell, H and batch on the set would take, if it is more than the page allows; else null. */
export function dataTooLarge(set: SequenceSet, run: { cell: CellKind; hidden: number; batch: number }): DataMemory | null {
  const steps = longest(set);
  const floats = trainingFloats(steps, run.batch, run.hidden, blockCount(run.cell));
  return floats > MAX_PAGE_FLOATS ? { steps, floats } : null;
}

/**
 * The largest batch and H that fit the page's limit for this set and cell, the other one as it is
 * (0 where none does: even a batch of 1 is evaluated in chunks of EVAL_CHUNK).
 */
export function dataLimits(set: SequenceSet, run: { cell: CellKind; hidden: number; batch: number }): { batch: number; hidden: number } {
  const one = trainingFloats(longest(set), 1, 1, blockCount(run.cell)) / EVAL_CHUNK; // floats per sequence per unit
  const batch = trainingFloats(longest(set), 1, run.hidden, blockCount(run.cell)) > MAX_PAGE_FLOATS ? 0 : Math.floor(MAX_PAGE_FLOATS / (one * run.hidden));
  const hidden = Math.floor(MAX_PAGE_FLOATS / (one * Math.max(run.batch, EVAL_CHUNK)));
  return { batch, hidden };
}
