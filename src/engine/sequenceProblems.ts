/**
 * What can be wrong with a file of sequences (CSV or JSON), as typed problems that name the
 * place: the row and column of a CSV (counted as a spreadsheet counts them, the header being row
 * 1), or the sequence, step and number of a JSON file (all from 1). `sequenceProblemText` words
 * them in English (the command line's messages); the page words them in its language.
 */
import { seenText, type Seen } from './validate';

/** The limits on a file of sequences. */
export const SEQUENCE_LIMITS = {
  /** Bytes of text. */
  bytes: 20 * 1024 * 1024,
  /** Numbers in all (rows × columns). */
  values: 1_000_000,
  /** Steps of one sequence, at least and at most. */
  minSteps: 2,
  maxSteps: 1000,
  /** Sequences in one set. */
  sequences: 10_000,
} as const;

/** Where in the file: a CSV cell (or row), or a JSON sequence's step. */
export type Place =
  | { readonly kind: 'csv'; readonly row: number; readonly column?: number; readonly name?: string }
  | { readonly kind: 'json'; readonly sequence: number | null; readonly field?: 'inputs' | 'targets'; readonly step?: number; readonly index?: number };

/** What a JSON value should have been. */
export type JsonExpected = 'topLevel' | 'sequenceObject' | 'rows' | 'row' | 'rowOrNull' | 'number' | 'sequences';

export type SequenceProblem =
  | { readonly kind: 'empty' }
  /** A header and no row under it. */
  | { readonly kind: 'headerOnly' }
  | { readonly kind: 'tooBig'; readonly bytes: number; readonly max: number }
  | { readonly kind: 'tooManyValues'; readonly values: number; readonly max: number }
  | { readonly kind: 'tooManySequences'; readonly count: number; readonly max: number }
  | { readonly kind: 'notJson'; readonly detail: string }
  /** A cell or a JSON value that is not a number (its text, cut short). */
  | { readonly kind: 'notNumber'; readonly at: Place; readonly text: string }
  /** NaN, an infinity, or beyond the float32 range. */
  | { readonly kind: 'notFinite'; readonly at: Place; readonly text: string }
  /** An empty input cell (an empty target cell means "no target at this step"). */
  | { readonly kind: 'emptyCell'; readonly at: Place }
  /** A CSV row with another number of columns than the header (or than the first row). */
  | { readonly kind: 'columns'; readonly row: number; readonly got: number; readonly want: number; readonly header: boolean }
  /** Every column is a target or the sequence id. */
  | { readonly kind: 'noInputs' }
  | { readonly kind: 'tooFewSteps'; readonly sequence: string; readonly steps: number; readonly min: number }
  | { readonly kind: 'tooManySteps'; readonly sequence: string; readonly steps: number; readonly max: number }
  /** A JSON value of the wrong kind. */
  | { readonly kind: 'jsonShape'; readonly at: Place; readonly expected: JsonExpected; readonly got: Seen }
  /** A step with another number of inputs or targets than the first step of the first sequence. */
  | { readonly kind: 'width'; readonly at: Place; readonly what: 'inputs' | 'targets'; readonly got: number; readonly want: number }
  /** A separate targets file whose rows do not match the sequence's steps. */
  | { readonly kind: 'targetRows'; readonly got: number; readonly want: number; readonly sequence?: number }
  /** A training set with no target anywhere. */
  | { readonly kind: 'noTargets' }
  /** No target in the training part, or in the held-out part, of the split (of this many sequences). */
  | { readonly kind: 'splitTargets'; readonly part: 'train' | 'heldOut'; readonly sequences: number }
  /** Cross-entropy asked for, but a target row is not a class distribution. */
  | { readonly kind: 'notDistribution'; readonly at: Place; readonly sum: number; readonly negative?: number }
  /** Cross-entropy needs at least two classes. */
  | { readonly kind: 'oneClass' }
  /** The sequences' sizes against the network's. */
  | { readonly kind: 'inputsMismatch'; readonly got: number; readonly want: number }
  | { readonly kind: 'outputsMismatch'; readonly got: number; readonly want: number };

export class SequenceError extends Error {
  readonly problem: SequenceProblem;
  constructor(problem: SequenceProblem) {
    super(sequenceProblemText(problem));
    this.name = 'SequenceError';
    this.problem = problem;
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The English words for a place: "row 12, column 3 (x2)" or "sequence 2, step 12, input 3". */
export function placeText(p: Place): string {
  if (p.kind === 'csv') {
    return `row ${p.row}${p.column !== undefined ? `, column ${p.column}` : ''}${p.name ? ` (${p.name})` : ''}`;
  }
  const parts: string[] = [];
  if (p.sequence !== null) parts.push(`sequence ${p.sequence}`);
  if (p.field && p.step === undefined) parts.push(`"${p.field}"`);
  if (p.step !== undefined) parts.push(`step ${p.step}`);
  if (p.index !== undefined) parts.push(`${p.field === 'targets' ? 'target' : 'input'} ${p.index}`);
  return parts.length > 0 ? parts.join(', ') : 'the file';
}

const EXPECTED: Record<JsonExpected, string> = {
  topLevel: 'an array of rows, an object with "inputs", or an object with "sequences"',
  sequenceObject: 'an object with "inputs" (and optionally "targets" and "id")',
  rows: 'an array of rows, one per step',
  row: 'a row of numbers',
  rowOrNull: 'a row of numbers, or null for no target',
  number: 'a number',
  sequences: 'a non-empty array of sequences',
};

/** The English words for a problem. */
export function sequenceProblemText(p: SequenceProblem): string {
  switch (p.kind) {
    case 'empty': return 'the file holds no rows';
    case 'headerOnly': return 'the file has a header row and no rows of data under it';
    case 'tooBig': return `the file is ${(p.bytes / 2 ** 20).toFixed(1)} MB, more than the ${(p.max / 2 ** 20).toFixed(0)} MB allowed`;
    case 'tooManyValues': return `the file holds ${p.values} numbers (rows × columns), more than the ${p.max} allowed`;
    case 'tooManySequences': return `the file holds ${p.count} sequences, more than the ${p.max} allowed`;
    case 'notJson': return `not valid JSON (${p.detail})`;
    case 'notNumber': return `${placeText(p.at)}: ${JSON.stringify(p.text)} is not a number`;
    case 'notFinite': return `${placeText(p.at)}: ${JSON.stringify(p.text)} is not a finite number within the float32 range`;
    case 'emptyCell': return `${placeText(p.at)} is empty: every input and the sequence id need a value (only a whole row of targets may be left empty)`;
    case 'columns': return `row ${p.row} has ${plural(p.got, 'column')}, the ${p.header ? 'header' : 'first row'} has ${p.want}`;
    case 'noInputs': return 'no input columns: every column is a target or the sequence id';
    case 'tooFewSteps': return `sequence ${p.sequence} has ${plural(p.steps, 'step')}; a sequence needs at least ${p.min}`;
    case 'tooManySteps': return `sequence ${p.sequence} has ${p.steps} steps, more than the ${p.max} allowed`;
    case 'jsonShape': return `${placeText(p.at)}: expected ${EXPECTED[p.expected]}, got ${seenText(p.got)}`;
    case 'width': return `${placeText(p.at)} has ${plural(p.got, p.what === 'inputs' ? 'input' : 'target')}, the first step has ${p.want}`;
    case 'targetRows':
      return p.sequence !== undefined
        ? `sequence ${p.sequence}: "targets" has ${plural(p.got, 'row')}, "inputs" has ${p.want}`
        : `the targets file has ${plural(p.got, 'row')}, the sequence has ${plural(p.want, 'step')}`;
    case 'noTargets': return 'no step has a target, so there is nothing to train on (give target columns, named target or y)';
    case 'splitTargets':
      return p.part === 'train'
        ? `none of the ${plural(p.sequences, 'sequence')} trained on has a target (the held-out fifth has them all), so there is nothing to train on`
        : `none of the ${plural(p.sequences, 'held-out sequence')} has a target, so the network cannot be scored; give more sequences targets`;
    case 'notDistribution':
      return `${placeText(p.at)}: ${p.negative !== undefined ? `a target is negative (${p.negative})` : `the targets sum to ${Number(p.sum.toPrecision(4))}`}; cross-entropy needs each target row to be a class distribution (one-hot, or non-negative and summing to 1)`;
    case 'oneClass': return 'cross-entropy needs at least 2 target columns (one per class)';
    case 'inputsMismatch': return `the sequences have ${plural(p.got, 'input')} per step, the network takes ${p.want}`;
    case 'outputsMismatch': return `the sequences have ${plural(p.got, 'target')} per step, the network gives ${plural(p.want, 'output')}`;
  }
}
