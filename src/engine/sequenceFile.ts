/**
 * Reading sequences from text, told by its content: JSON, or CSV (comma, semicolon or tab).
 *
 * CSV: one row per step. A first row with any cell that is not a number is the header; it names
 * the columns' roles: `target`, `y` (or `target_2`, `y1`, `y: cat`, …) are targets; `seq`,
 * `sequence`, `sequence_id` or `id` is the sequence id, whose rows make one sequence each (in
 * the order the ids first appear); every other column is an input. Without a header every
 * column is an input. An empty target row means no target at that step.
 *
 * JSON: an array of rows (one sequence of inputs); {"inputs": rows, "targets": rows or null};
 * or {"sequences": [{"id"?, "inputs", "targets"?}, …]}.
 *
 * Every problem names its place (see sequenceProblems.ts); nothing half-read is returned.
 */
import { dsvFormat } from 'd3-dsv';
import { F32_MAX, MAX_JSON_DEPTH, describe, jsonDepth, shapeOf } from './validate';
import { SEQUENCE_LIMITS, SequenceError, type JsonExpected, type Place, type SequenceProblem } from './sequenceProblems';
import type { Sequence, SequenceSet } from './sequences';

export interface ParsedSequences {
  readonly set: SequenceSet;
  readonly format: 'csv' | 'json';
  /** The file's place of step t of sequence q (0-based), for messages about it. */
  readonly placeOf: (q: number, t: number) => Place;
}

const fail = (problem: SequenceProblem): never => {
  throw new SequenceError(problem);
};

/** A number as a cell writes it: decimal, with an optional sign, fraction and exponent. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const clip = (text: string): string => (text.length > 24 ? `${text.slice(0, 23)}…` : text);

/** A cell's number; a problem naming `at` if it is not one the float32 engine holds. */
function cellNumber(raw: string, at: Place): number {
  const text = raw.trim();
  if (NON_FINITE.test(text)) fail({ kind: 'notFinite', at, text: clip(text) });
  if (!NUMBER.test(text)) fail({ kind: 'notNumber', at, text: clip(text) });
  const v = Number(text);
  if (!Number.isFinite(v) || Math.abs(v) > F32_MAX) fail({ kind: 'notFinite', at, text: clip(text) });
  return v;
}

/** Bytes as UTF-8 text (a byte-order mark dropped), within the size limit; null if they are not UTF-8. */
export function sequenceText(bytes: Uint8Array): string | null {
  if (bytes.length > SEQUENCE_LIMITS.bytes) fail({ kind: 'tooBig', bytes: bytes.length, max: SEQUENCE_LIMITS.bytes });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** Parse a file of sequences (CSV or JSON, told by its first character). */
export function parseSequences(text: string): ParsedSequences {
  if (text.length > SEQUENCE_LIMITS.bytes) fail({ kind: 'tooBig', bytes: text.length, max: SEQUENCE_LIMITS.bytes });
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') fail({ kind: 'empty' });
  return /^\s*[[{]/.test(body) ? parseJson(body) : parseCsv(body);
}

/** The delimiter of a CSV: the commonest of comma, semicolon and tab in its first non-blank line, outside quotes. */
function delimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const bare = line.replace(/"(?:[^"]|"")*"?/g, '');
  const count = (c: string) => bare.split(c).length;
  return [',', ';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

const ID = /^(seq|sequence|seq[ _-]?id|sequence[ _-]?id|id)$/i;
const TARGET = /^(target|y)([ _:.-].*|\d+)?$/i;

/** CSV rows: each row's cells, with the row number a spreadsheet would show. */
function csvRows(text: string): { cells: string[]; row: number }[] {
  return dsvFormat(delimiter(text)).parseRows(text)
    .map((cells, k) => ({ cells, row: k + 1 }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''));
}

function parseCsv(text: string): ParsedSequences {
  const rows = csvRows(text);
  if (rows.length === 0) fail({ kind: 'empty' });
  const first = rows[0]!;
  const header = first.cells.some((c) => c.trim() !== '' && !NUMBER.test(c.trim()) && !NON_FINITE.test(c.trim()));
  const data = header ? rows.slice(1) : rows;
  if (data.length === 0) fail({ kind: header ? 'headerOnly' : 'empty' });
  // Trailing delimiters (an empty header cell over empty cells) make no column.
  let width = first.cells.length;
  while (width > 1 && (!header || first.cells[width - 1]!.trim() === '') && data.every((r) => r.cells.length === width && r.cells[width - 1]!.trim() === '')) {
    width--;
    for (const r of [first, ...data]) r.cells.length = width;
  }
  const names = header ? first.cells.map((c) => c.trim()) : first.cells.map((_, k) => `x${k + 1}`);
  if (data.length * width > SEQUENCE_LIMITS.values) fail({ kind: 'tooManyValues', values: data.length * width, max: SEQUENCE_LIMITS.values });
  const idColumn = header ? names.findIndex((n) => ID.test(n)) : -1;
  const isTarget = names.map((n, k) => header && k !== idColumn && TARGET.test(n));
  const targetColumns = names.flatMap((_, k) => (isTarget[k] ? [k] : []));
  const inputColumns = names.flatMap((_, k) => (k !== idColumn && !isTarget[k] ? [k] : []));
  if (inputColumns.length === 0) fail({ kind: 'noInputs' });
  const I = inputColumns.length;
  const O = targetColumns.length;
  const at = (row: number, k: number): Place => ({ kind: 'csv', row, column: k + 1, ...(header ? { name: names[k]!.slice(0, 24) } : {}) });
  // Rows grouped by sequence id, in the order the ids first appear.
  const groups = new Map<string, { row: number; x: number[]; y: number[] | null }[]>();
  for (const { cells, row } of data) {
    if (cells.length !== width) fail({ kind: 'columns', row, got: cells.length, want: width, header });
    const id = idColumn >= 0 ? cells[idColumn]!.trim() : '1';
    if (id === '') fail({ kind: 'emptyCell', at: at(row, idColumn) });
    const x = inputColumns.map((k) => {
      if (cells[k]!.trim() === '') fail({ kind: 'emptyCell', at: at(row, k) });
      return cellNumber(cells[k]!, at(row, k));
    });
    const blank = targetColumns.filter((k) => cells[k]!.trim() === '');
    if (blank.length > 0 && blank.length < O) fail({ kind: 'emptyCell', at: at(row, blank[0]!) });
    const y = O > 0 && blank.length === 0 ? targetColumns.map((k) => cellNumber(cells[k]!, at(row, k))) : null;
    let group = groups.get(id);
    if (!group) {
      if (groups.size === SEQUENCE_LIMITS.sequences) fail({ kind: 'tooManySequences', count: new Set(data.map((r) => r.cells[idColumn]?.trim())).size, max: SEQUENCE_LIMITS.sequences });
      group = [];
      groups.set(id, group);
    }
    group.push({ row, x, y });
  }
  const ids = [...groups.keys()];
  const sequences = ids.map((id) => {
    const steps = groups.get(id)!;
    checkSteps(idColumn >= 0 ? JSON.stringify(id.slice(0, 24)) : '1', steps.length);
    return pack(id, steps.map((s) => s.x), steps.map((s) => s.y), I, O);
  });
  const rowsOf = ids.map((id) => groups.get(id)!.map((s) => s.row));
  return {
    format: 'csv',
    set: { I, O, inputNames: inputColumns.map((k) => names[k]!), targetNames: targetColumns.map((k) => names[k]!), sequences },
    placeOf: (q, t) => ({ kind: 'csv', row: rowsOf[q]![t]! }),
  };
}

function checkSteps(name: string, steps: number): void {
  if (steps < SEQUENCE_LIMITS.minSteps) fail({ kind: 'tooFewSteps', sequence: name, steps, min: SEQUENCE_LIMITS.minSteps });
  if (steps > SEQUENCE_LIMITS.maxSteps) fail({ kind: 'tooManySteps', sequence: name, steps, max: SEQUENCE_LIMITS.maxSteps });
}

/** Rows of inputs and targets (null: no target) as a sequence's buffers. */
function pack(id: string, xs: readonly number[][], ys: readonly (number[] | null)[], I: number, O: number): Sequence {
  const T = xs.length;
  const x = new Float64Array(T * I);
  const target = new Float64Array(T * O);
  const mask = new Uint8Array(T);
  xs.forEach((row, t) => x.set(row, t * I));
  ys.forEach((row, t) => {
    if (!row) return;
    target.set(row, t * O);
    mask[t] = 1;
  });
  return { id, T, x, target, mask };
}

function parseJsonText(text: string): unknown {
  if (jsonDepth(text) > MAX_JSON_DEPTH) fail({ kind: 'notJson', detail: `nested more than ${MAX_JSON_DEPTH} levels deep` });
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail({ kind: 'notJson', detail: (e as Error).message.split('\n')[0]!.slice(0, 120) });
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string): ParsedSequences {
  const json = parseJsonText(text);
  const shape = (at: Place, expected: JsonExpected, value: unknown): never => fail({ kind: 'jsonShape', at, expected, got: shapeOf(value) });
  const top: Place = { kind: 'json', sequence: null };
  let items: { id?: unknown; inputs: unknown; targets?: unknown }[];
  let isSet = false;
  if (Array.isArray(json)) items = [{ inputs: json }];
  else if (isObject(json) && 'sequences' in json) {
    if (!Array.isArray(json.sequences) || json.sequences.length === 0) shape(top, 'sequences', json.sequences);
    const list = json.sequences as unknown[];
    if (list.length > SEQUENCE_LIMITS.sequences) fail({ kind: 'tooManySequences', count: list.length, max: SEQUENCE_LIMITS.sequences });
    items = list.map((s, q) => (isObject(s) && 'inputs' in s ? (s as { inputs: unknown }) : shape({ kind: 'json', sequence: q + 1 }, 'sequenceObject', s)));
    isSet = true;
  } else if (isObject(json) && 'inputs' in json) items = [json as { inputs: unknown }];
  else return shape(top, 'topLevel', json);
  const width = { inputs: -1, targets: -1 };
  let values = 0;
  const sequences = items.map((item, q) => {
    const sequence = isSet ? q + 1 : null;
    const place = (field: 'inputs' | 'targets', step?: number, index?: number): Place => ({ kind: 'json', sequence, field, step, index });
    const rows = item.inputs;
    if (!Array.isArray(rows) || rows.length === 0) shape(place('inputs'), 'rows', rows);
    const inputs = rows as unknown[];
    const name = item.id === undefined ? String(q + 1) : typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id).slice(0, 40) : String(q + 1);
    checkSteps(isSet ? `${q + 1}${item.id !== undefined ? ` (${JSON.stringify(name.slice(0, 24))})` : ''}` : '1', inputs.length);
    const count = (n: number) => {
      values += n;
      if (values > SEQUENCE_LIMITS.values) fail({ kind: 'tooManyValues', values, max: SEQUENCE_LIMITS.values });
    };
    const xs = inputs.map((row, t) => {
      const numbers = jsonRow(row, (index) => place('inputs', t + 1, index), 'inputs', width, 'row');
      count(numbers.length);
      return numbers;
    });
    let ys: (number[] | null)[] = inputs.map(() => null);
    if (item.targets !== undefined && item.targets !== null) {
      if (!Array.isArray(item.targets)) shape(place('targets'), 'rows', item.targets);
      const targets = item.targets as unknown[];
      if (targets.length !== inputs.length) fail({ kind: 'targetRows', got: targets.length, want: inputs.length, ...(sequence !== null ? { sequence } : {}) });
      ys = targets.map((row, t) => {
        if (row === null) return null;
        const numbers = jsonRow(row, (index) => place('targets', t + 1, index), 'targets', width, 'rowOrNull');
        count(numbers.length);
        return numbers;
      });
    }
    return { name, xs, ys };
  });
  const I = width.inputs;
  const outputs = Math.max(width.targets, 0);
  return {
    format: 'json',
    set: {
      I, O: outputs,
      inputNames: Array.from({ length: I }, (_, k) => `x${k + 1}`),
      targetNames: Array.from({ length: outputs }, (_, k) => `y${k + 1}`),
      sequences: sequences.map((s) => pack(s.name, s.xs, s.ys, I, outputs)),
    },
    placeOf: (q, t) => ({ kind: 'json', sequence: isSet ? q + 1 : null, field: 'targets', step: t + 1 }),
  };
}

/** A JSON row of numbers, as wide as the first row of its field (which sets `width[field]`). */
function jsonRow(
  row: unknown, at: (index?: number) => Place, field: 'inputs' | 'targets', width: { inputs: number; targets: number }, expected: JsonExpected,
): number[] {
  if (!Array.isArray(row) || row.length === 0) fail({ kind: 'jsonShape', at: at(), expected, got: shapeOf(row) });
  const cells = row as unknown[];
  if (width[field] < 0) width[field] = cells.length;
  if (cells.length !== width[field]) fail({ kind: 'width', at: at(), what: field, got: cells.length, want: width[field] });
  return cells.map((v, k) => jsonNumber(v, at(k + 1)));
}

function jsonNumber(v: unknown, at: Place): number {
  if (typeof v === 'number') {
    if (Math.abs(v) > F32_MAX) fail({ kind: 'notFinite', at, text: String(v) });
    return v;
  }
  if (typeof v === 'string') return fail({ kind: 'notNumber', at, text: clip(v) });
  const seen = describe(v);
  return fail({ kind: 'notNumber', at, text: seen.kind === 'null' ? 'null' : seen.kind === 'array' ? '[…]' : seen.kind === 'object' ? '{…}' : String(v) });
}

/**
 * A separate targets file for one sequence of `steps` steps: CSV (a header optional; a row whose
 * cells are all empty is a step without a target) or JSON (rows of numbers, or null).
 */
export function parseTargetFile(text: string, steps: number): { O: number; target: Float64Array; mask: Uint8Array; placeOf: (t: number) => Place } {
  if (text.length > SEQUENCE_LIMITS.bytes) fail({ kind: 'tooBig', bytes: text.length, max: SEQUENCE_LIMITS.bytes });
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') fail({ kind: 'empty' });
  let rows: (number[] | null)[];
  let placeOf: (t: number) => Place = (t) => ({ kind: 'json', sequence: null, field: 'targets', step: t + 1 });
  const values = (n: number) => {
    if (n > SEQUENCE_LIMITS.values) fail({ kind: 'tooManyValues', values: n, max: SEQUENCE_LIMITS.values });
  };
  if (/^\s*\[/.test(body)) {
    const json = parseJsonText(body);
    if (!Array.isArray(json)) return fail({ kind: 'jsonShape', at: { kind: 'json', sequence: null, field: 'targets' }, expected: 'rows', got: shapeOf(json) });
    if (json.length !== steps) fail({ kind: 'targetRows', got: json.length, want: steps });
    const width = { inputs: -1, targets: -1 };
    let count = 0;
    rows = json.map((row, t) => {
      if (row === null) return null;
      const numbers = jsonRow(row, (index) => ({ kind: 'json', sequence: null, field: 'targets', step: t + 1, index }), 'targets', width, 'rowOrNull');
      values((count += numbers.length));
      return numbers;
    });
  } else {
    // Every line is a step here (an empty one has no target); trailing empty lines are dropped.
    const all = dsvFormat(delimiter(body)).parseRows(body).map((cells, k) => ({ cells, row: k + 1 }));
    while (all.length > 0 && all[all.length - 1]!.cells.every((c) => c.trim() === '')) all.pop();
    const header = all.length > 0 && all[0]!.cells.some((c) => c.trim() !== '' && !NUMBER.test(c.trim()) && !NON_FINITE.test(c.trim()));
    const data = header ? all.slice(1) : all;
    if (data.length !== steps) fail({ kind: 'targetRows', got: data.length, want: steps });
    const width = data.reduce((w, r) => Math.max(w, r.cells.every((c) => c.trim() === '') ? 0 : r.cells.length), 0);
    values(data.length * width);
    placeOf = (t) => ({ kind: 'csv', row: data[t]!.row });
    rows = data.map(({ cells, row }) => {
      if (cells.every((c) => c.trim() === '')) return null;
      if (cells.length !== width) fail({ kind: 'columns', row, got: cells.length, want: width, header: false });
      return cells.map((c, k) => {
        const at: Place = { kind: 'csv', row, column: k + 1 };
        if (c.trim() === '') fail({ kind: 'emptyCell', at });
        return cellNumber(c, at);
      });
    });
  }
  const O = rows.find((r) => r !== null)?.length ?? 0;
  const target = new Float64Array(steps * O);
  const mask = new Uint8Array(steps);
  rows.forEach((row, t) => {
    if (!row) return;
    target.set(row, t * O);
    mask[t] = 1;
  });
  return { O, target, mask, placeOf };
}

/** One sequence of `set` (which has no targets of its own) with the targets of a separate file. */
export function withTargets(set: SequenceSet, targets: { O: number; target: Float64Array; mask: Uint8Array }): SequenceSet {
  const seq = set.sequences[0]!;
  return {
    ...set, O: targets.O, targetNames: Array.from({ length: targets.O }, (_, k) => `y${k + 1}`),
    sequences: [{ ...seq, target: targets.target, mask: targets.mask }],
  };
}
