/**
 * Validation of untrusted JSON (model files, sequences, command-line values), shared by the
 * command-line tools and the app. Every failure names the field and what was expected, e.g.
 * `model.weights.U_f: expected 4×4 numbers, got 4×3`.
 */
import { MAX_SIZE } from './spec';

export class ValidationError extends Error {
  /** Where the problem is, as a path such as `model.weights.U_f[2][1]`. */
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'ValidationError';
    this.path = path;
  }
}

/** The longest sequence the tools accept. */
export const MAX_STEPS = 100_000;

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

/** A short description of what a JSON value is, for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 20 ? value.slice(0, 20) + '…' : value)}`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

export function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(path, `expected an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

export function expectSize(value: unknown, path: string, max = MAX_SIZE): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValidationError(path, `expected a positive integer, got ${describe(value)}`);
  }
  if (value > max) throw new ValidationError(path, `expected at most ${max}, got ${value}`);
  return value;
}

export function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new ValidationError(path, `expected true or false, got ${describe(value)}`);
  return value;
}

export function expectFinite(value: unknown, path: string, limit = Number.MAX_VALUE): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError(path, `expected a finite number, got ${describe(value)}`);
  }
  if (Math.abs(value) > limit) {
    throw new ValidationError(path, `expected a number within ±${limit.toPrecision(3)} (the float32 range), got ${value}`);
  }
  return value;
}

/** A vector of exactly n finite numbers. */
export function expectVector(value: unknown, path: string, n: number, limit = Number.MAX_VALUE): number[] {
  if (!Array.isArray(value) || value.length !== n || value.some((v) => typeof v !== 'number')) {
    throw new ValidationError(path, `expected ${n} numbers, got ${shapeOf(value)}`);
  }
  value.forEach((v, k) => expectFinite(v, `${path}[${k}]`, limit));
  return value as number[];
}

/** A rows×cols matrix of finite numbers, as nested row-major arrays. */
export function expectMatrix(value: unknown, path: string, rows: number, cols: number, limit = Number.MAX_VALUE): number[][] {
  const ok =
    Array.isArray(value) && value.length === rows &&
    value.every((row) => Array.isArray(row) && row.length === cols && row.every((v) => typeof v === 'number'));
  if (!ok) throw new ValidationError(path, `expected ${rows}×${cols} numbers, got ${shapeOf(value)}`);
  const matrix = value as number[][];
  matrix.forEach((row, r) => row.forEach((v, c) => expectFinite(v, `${path}[${r}][${c}]`, limit)));
  return matrix;
}

/** The shape of a JSON value as a reader would say it: `4×3`, `5 numbers`, `rows of unequal length`, … */
export function shapeOf(value: unknown): string {
  if (typeof value === 'number') return `the number ${value}`;
  if (!Array.isArray(value)) return describe(value);
  if (value.length === 0) return 'an empty array';
  if (value.every((v) => typeof v === 'number')) return `${value.length} number${value.length === 1 ? '' : 's'}`;
  if (!value.every((v) => Array.isArray(v))) {
    const bad = value.findIndex((v) => typeof v !== 'number' && !Array.isArray(v));
    return bad >= 0 ? `${describe(value[bad])} at [${bad}]` : 'a mix of numbers and rows';
  }
  const rows = value as unknown[][];
  const width = rows[0]!.length;
  const ragged = rows.findIndex((row) => row.length !== width);
  if (ragged >= 0) return `rows of unequal length (row 0 has ${width}, row ${ragged} has ${rows[ragged]!.length})`;
  const r = rows.findIndex((row) => row.some((v) => typeof v !== 'number'));
  if (r >= 0) {
    const c = rows[r]!.findIndex((v) => typeof v !== 'number');
    return `${describe(rows[r]![c])} at [${r}][${c}]`;
  }
  return `${rows.length}×${width}`;
}

/**
 * An input sequence: T ≥ 1 rows of I numbers each (I taken from the first row unless given,
 * and then at most MAX_SIZE). `limit` bounds each magnitude (F32_MAX for the float32 engine).
 */
export function parseInputs(value: unknown, path: string, inputSize?: number, limit = Number.MAX_VALUE): number[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ValidationError(path, `expected a non-empty array of rows (one per time step), got ${describe(value)}`);
  }
  if (value.length > MAX_STEPS) throw new ValidationError(path, `expected at most ${MAX_STEPS} steps, got ${value.length}`);
  const I = inputSize ?? (Array.isArray(value[0]) ? value[0].length : 0);
  if (I > MAX_SIZE) throw new ValidationError(`${path}[0]`, `expected at most ${MAX_SIZE} numbers per step, got ${I}`);
  value.forEach((row, t) => {
    if (!Array.isArray(row) || row.length !== I || I === 0) {
      const want = I > 0 ? `${I} number${I === 1 ? '' : 's'}` : 'a row of at least 1 number';
      throw new ValidationError(`${path}[${t}]`, `expected ${want}, got ${shapeOf(row)}`);
    }
    row.forEach((v, k) => expectFinite(v, `${path}[${t}][${k}]`, limit));
  });
  return value as number[][];
}

/** Targets: exactly T rows, each O numbers or null (no target at that step). */
export function parseTargets(
  value: unknown, path: string, steps: number, outputSize: number, limit = Number.MAX_VALUE,
): (number[] | null)[] {
  if (!Array.isArray(value)) throw new ValidationError(path, `expected an array of ${steps} rows, got ${describe(value)}`);
  if (value.length !== steps) {
    throw new ValidationError(path, `expected ${steps} rows (one per input step), got ${value.length}`);
  }
  value.forEach((row, t) => {
    if (row === null) return;
    if (!Array.isArray(row) || row.length !== outputSize) {
      throw new ValidationError(`${path}[${t}]`, `expected ${outputSize} number${outputSize === 1 ? '' : 's'} or null, got ${shapeOf(row)}`);
    }
    row.forEach((v, k) => expectFinite(v, `${path}[${t}][${k}]`, limit));
  });
  return value as (number[] | null)[];
}
