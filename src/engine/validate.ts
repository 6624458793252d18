/**
 * Validation of untrusted JSON (model files, sequences, command-line values), shared by the
 * command-line tools and the app. Every failure names the field and what was expected, e.g.
 * `model.weights.U_f: expected 4×4 numbers, got 4×3`.
 */
import { MAX_SIZE } from './spec';

/** What a value in the file was, as a message reports it (the reader words it in its language). */
export type Seen =
  | { readonly kind: 'null' }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'array'; readonly length: number }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'object' }
  | { readonly kind: 'type'; readonly name: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'numbers'; readonly count: number }
  | { readonly kind: 'ragged'; readonly width: number; readonly row: number; readonly length: number }
  | { readonly kind: 'mixed' }
  | { readonly kind: 'matrix'; readonly rows: number; readonly cols: number }
  | { readonly kind: 'at'; readonly what: Seen; readonly index: string }
  | { readonly kind: 'count'; readonly value: number }
  /** A lone number where an array belongs. */
  | { readonly kind: 'theNumber'; readonly value: number };

/** What a field should have been. */
export type Expected =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'oneOf'; readonly options: readonly string[] }
  | { readonly kind: 'object' }
  | { readonly kind: 'positiveInteger' }
  | { readonly kind: 'atMost'; readonly max: number; readonly unit?: 'steps' | 'numbersPerStep' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'finite' }
  | { readonly kind: 'float32'; readonly limit: number }
  | { readonly kind: 'numbers'; readonly count: number; readonly orNull?: boolean }
  | { readonly kind: 'matrix'; readonly rows: number; readonly cols: number }
  | { readonly kind: 'sequence' }
  | { readonly kind: 'rowOfOne' }
  | { readonly kind: 'rowsArray'; readonly count: number }
  | { readonly kind: 'rows'; readonly count: number }
  | { readonly kind: 'numbersUpTo'; readonly max: number };

/** What is wrong with a field. */
export type Problem =
  | { readonly kind: 'expected'; readonly expected: Expected; readonly got: Seen }
  | { readonly kind: 'missing'; readonly expected: Expected }
  | { readonly kind: 'unknownWeight'; readonly cell: string; readonly names: readonly string[] };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The English words for what a value was. */
export function seenText(s: Seen): string {
  switch (s.kind) {
    case 'null': return 'null';
    case 'nothing': return 'nothing';
    case 'array': return `an array of ${s.length}`;
    case 'string': return `the string ${JSON.stringify(s.text)}`;
    case 'number': return String(s.value);
    case 'object': return 'an object';
    case 'type': return s.name;
    case 'empty': return 'an empty array';
    case 'numbers': return plural(s.count, 'number');
    case 'ragged': return `rows of unequal length (row 0 has ${s.width}, row ${s.row} has ${s.length})`;
    case 'mixed': return 'a mix of numbers and rows';
    case 'matrix': return `${s.rows}×${s.cols}`;
    case 'at': return `${seenText(s.what)} at ${s.index}`;
    case 'count': return String(s.value);
    case 'theNumber': return `the number ${s.value}`;
  }
}

/** The English words for what was expected. */
export function expectedText(e: Expected): string {
  switch (e.kind) {
    case 'literal': return e.text;
    case 'oneOf': return `one of ${e.options.map((o) => `"${o}"`).join(', ')}`;
    case 'object': return 'an object';
    case 'positiveInteger': return 'a positive integer';
    case 'atMost': return `at most ${e.max}${e.unit === 'steps' ? ' steps' : e.unit === 'numbersPerStep' ? ' numbers per step' : ''}`;
    case 'boolean': return 'true or false';
    case 'finite': return 'a finite number';
    case 'float32': return `a number within ±${e.limit.toPrecision(3)} (the float32 range)`;
    case 'numbers': return `${plural(e.count, 'number')}${e.orNull ? ' or null' : ''}`;
    case 'matrix': return `${e.rows}×${e.cols} numbers`;
    case 'sequence': return 'a non-empty array of rows (one per time step)';
    case 'rowOfOne': return 'a row of at least 1 number';
    case 'rowsArray': return `an array of ${e.count} rows`;
    case 'rows': return `${e.count} rows (one per input step)`;
    case 'numbersUpTo': return `from 1 to ${e.max} numbers or null`;
  }
}

/** The English words for a problem (what follows the path in the message). */
export function problemText(p: Problem): string {
  switch (p.kind) {
    case 'expected': return `expected ${expectedText(p.expected)}, got ${seenText(p.got)}`;
    case 'missing': return `missing (expected ${expectedText(p.expected)})`;
    case 'unknownWeight': return `not a weight of this ${p.cell} (expected ${p.names.join(' ')})`;
  }
}

export class ValidationError extends Error {
  /** Where the problem is, as a path such as `model.weights.U_f[2][1]`. */
  readonly path: string;
  /** What is wrong, for a reader in another language; `message` has it in English. */
  readonly problem: Problem;
  constructor(path: string, problem: Problem) {
    super(`${path}: ${problemText(problem)}`);
    this.name = 'ValidationError';
    this.path = path;
    this.problem = problem;
  }
}

/** A ValidationError of the usual kind: expected this, got that. */
export function invalid(path: string, expected: Expected, got: Seen): ValidationError {
  return new ValidationError(path, { kind: 'expected', expected, got });
}

/** The longest sequence the tools accept. */
export const MAX_STEPS = 100_000;

/**
 * The one number syntax of links, settings fields and the command line: JSON's (an optional
 * minus, digits without a leading zero, an optional fraction, an optional exponent), as in
 * model files: 16, -0.5, 0.001, 1e-4. Hexadecimal, binary, a leading plus or spaces are refused.
 */
const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** How deep a model file (or a sequence file) may nest: it needs 4 levels (file, weights, matrix, row). */
export const MAX_JSON_DEPTH = 16;

/**
 * The deepest nesting of [ and { in JSON text, outside strings, in one pass that stops as soon as
 * it passes `limit` (so a file nested millions deep is refused before any recursive walk).
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (inString) {
      if (c === 92) k++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** The value of a number written in that syntax, or NaN. */
export function parseDecimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

/** The largest magnitude a float32 holds; larger numbers would become Infinity in the f32 engine. */
export const F32_MAX = 3.4028234663852886e38;

/** The largest magnitude a value may have to be stored in a buffer of this precision. */
export function valueLimit(dtype: 'f32' | 'f64'): number {
  return dtype === 'f32' ? F32_MAX : Number.MAX_VALUE;
}

/** A field name as it appears in a path: `.name` when plain, else a quoted, shortened `["…"]`. */
export function fieldName(key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(key)) return `.${key}`;
  return `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
}

/** What a JSON value is, for messages. */
export function describe(value: unknown): Seen {
  if (value === null) return { kind: 'null' };
  if (value === undefined) return { kind: 'nothing' };
  if (Array.isArray(value)) return { kind: 'array', length: value.length };
  if (typeof value === 'string') return { kind: 'string', text: value.length > 20 ? value.slice(0, 20) + '…' : value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'object') return { kind: 'object' };
  return { kind: 'type', name: typeof value };
}

export function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(path, { kind: 'object' }, describe(value));
  }
  return value as Record<string, unknown>;
}

export function expectSize(value: unknown, path: string, max = MAX_SIZE): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalid(path, { kind: 'positiveInteger' }, describe(value));
  }
  if (value > max) throw invalid(path, { kind: 'atMost', max }, { kind: 'count', value });
  return value;
}

export function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw invalid(path, { kind: 'boolean' }, describe(value));
  return value;
}

export function expectFinite(value: unknown, path: string, limit = Number.MAX_VALUE): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(path, { kind: 'finite' }, describe(value));
  }
  if (Math.abs(value) > limit) {
    throw invalid(path, { kind: 'float32', limit }, { kind: 'number', value });
  }
  return value;
}

/** A vector of exactly n finite numbers. */
export function expectVector(value: unknown, path: string, n: number, limit = Number.MAX_VALUE): number[] {
  if (!Array.isArray(value) || value.length !== n || value.some((v) => typeof v !== 'number')) {
    throw invalid(path, { kind: 'numbers', count: n }, shapeOf(value));
  }
  value.forEach((v, k) => expectFinite(v, `${path}[${k}]`, limit));
  return value as number[];
}

/** A rows×cols matrix of finite numbers, as nested row-major arrays. */
export function expectMatrix(value: unknown, path: string, rows: number, cols: number, limit = Number.MAX_VALUE): number[][] {
  const ok =
    Array.isArray(value) && value.length === rows &&
    value.every((row) => Array.isArray(row) && row.length === cols && row.every((v) => typeof v === 'number'));
  if (!ok) throw invalid(path, { kind: 'matrix', rows, cols }, shapeOf(value));
  const matrix = value as number[][];
  matrix.forEach((row, r) => row.forEach((v, c) => expectFinite(v, `${path}[${r}][${c}]`, limit)));
  return matrix;
}

/** The shape of a JSON value as a reader would say it: `4×3`, `5 numbers`, `rows of unequal length`, … */
export function shapeOf(value: unknown): Seen {
  if (typeof value === 'number') return { kind: 'theNumber', value };
  if (!Array.isArray(value)) return describe(value);
  if (value.length === 0) return { kind: 'empty' };
  if (value.every((v) => typeof v === 'number')) return { kind: 'numbers', count: value.length };
  if (!value.every((v) => Array.isArray(v))) {
    const bad = value.findIndex((v) => typeof v !== 'number' && !Array.isArray(v));
    return bad >= 0 ? { kind: 'at', what: describe(value[bad]), index: `[${bad}]` } : { kind: 'mixed' };
  }
  const rows = value as unknown[][];
  const width = rows[0]!.length;
  const ragged = rows.findIndex((row) => row.length !== width);
  if (ragged >= 0) return { kind: 'ragged', width, row: ragged, length: rows[ragged]!.length };
  const r = rows.findIndex((row) => row.some((v) => typeof v !== 'number'));
  if (r >= 0) {
    const c = rows[r]!.findIndex((v) => typeof v !== 'number');
    return { kind: 'at', what: describe(rows[r]![c]), index: `[${r}][${c}]` };
  }
  return { kind: 'matrix', rows: rows.length, cols: width };
}

/**
 * An input sequence: T ≥ 1 rows of I numbers each (I taken from the first row unless given,
 * and then at most MAX_SIZE). `limit` bounds each magnitude (F32_MAX for the float32 engine).
 */
export function parseInputs(value: unknown, path: string, inputSize?: number, limit = Number.MAX_VALUE): number[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(path, { kind: 'sequence' }, describe(value));
  }
  if (value.length > MAX_STEPS) throw invalid(path, { kind: 'atMost', max: MAX_STEPS, unit: 'steps' }, { kind: 'count', value: value.length });
  const I = inputSize ?? (Array.isArray(value[0]) ? value[0].length : 0);
  if (I > MAX_SIZE) throw invalid(`${path}[0]`, { kind: 'atMost', max: MAX_SIZE, unit: 'numbersPerStep' }, { kind: 'count', value: I });
  value.forEach((row, t) => {
    if (!Array.isArray(row) || row.length !== I || I === 0) {
      throw invalid(`${path}[${t}]`, I > 0 ? { kind: 'numbers', count: I } : { kind: 'rowOfOne' }, shapeOf(row));
    }
    row.forEach((v, k) => expectFinite(v, `${path}[${t}][${k}]`, limit));
  });
  return value as number[][];
}

/** Targets: exactly T rows, each O numbers or null (no target at that step). */
export function parseTargets(
  value: unknown, path: string, steps: number, outputSize: number, limit = Number.MAX_VALUE,
): (number[] | null)[] {
  if (!Array.isArray(value)) throw invalid(path, { kind: 'rowsArray', count: steps }, describe(value));
  if (value.length !== steps) {
    throw invalid(path, { kind: 'rows', count: steps }, { kind: 'count', value: value.length });
  }
  value.forEach((row, t) => {
    if (row === null) return;
    if (!Array.isArray(row) || row.length !== outputSize) {
      throw invalid(`${path}[${t}]`, { kind: 'numbers', count: outputSize, orNull: true }, shapeOf(row));
    }
    row.forEach((v, k) => expectFinite(v, `${path}[${t}][${k}]`, limit));
  });
  return value as (number[] | null)[];
}
