/**
 * The shareable state in the URL hash: the whole run configuration, the training step to
 * reach, the cursor, the language, the colour scheme and embed mode. One declarative table
 * gives each field its type, default and range; parsing and writing both follow it. A field
 * that is missing, malformed or out of range falls back to its default, and is reported.
 */
import type { RunConfig } from '../worker/protocol';
import { PRESET_IDS, type PresetId, type RunId } from '../presets';
import { parseDecimal } from '../engine/validate';
import { GENERATED_TASK_NAMES, PULSE_DEFAULTS, taskMinLength } from '../engine/tasks';
import { CELL_KINDS, GREFF_VARIANTS, LSTM_CHANGES, WINDOW_RANGE, switchConflict, type LstmChange } from '../engine/spec';
import { KERNEL_KINDS, type KernelKind } from '../engine/backend';
import { CHAPTER_IDS } from '../lesson/chapterIds';
import { CHRONO_MIN } from '../engine/init';
import type { Language } from '../i18n/language';
import type { Theme } from '../store';

export interface ShareState {
  readonly config: RunConfig;
  /** Training steps to reach (the run is replayed from its seed). */
  readonly step: number;
  /** The probe: how many times "New example" was pressed. */
  readonly example: number;
  /** Cursor: time step (1-based) and unit (0-based in the state, 1-based in the URL). */
  readonly t: number;
  readonly unit: number;
  readonly language: Language;
  readonly theme: Theme;
  readonly embed: boolean;
  /** The lesson's chapter on display (1-based), or 0 outside the lesson. */
  readonly lesson: number;
  /** The comparison to run beside (its runs on this config, each for `steps`), or null. */
  readonly compare: LinkComparison | null;
}

/** A comparison a link carries: which runs (cells or LSTM variants), how many steps, and the preset whose claims it checks. */
export interface LinkComparison {
  readonly runs: readonly RunId[];
  readonly steps: number;
  readonly preset: PresetId | null;
}

/** Every run a comparison may hold, in the order the panel lists them. */
export const RUN_IDS: readonly RunId[] = ['fnn', 'rnn', 'lstm', 'gru', 'lstm-peephole', ...GREFF_VARIANTS];
/** The steps a linked comparison may train each run for (the panel's own range). */
export const COMPARE_STEPS = { min: 10, max: 100_000 } as const;

type Kind =
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly type: 'number'; readonly min: number; readonly max: number }
  | { readonly type: 'bool' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  /** Distinct values, comma-separated, at least one. */
  | { readonly type: 'list'; readonly values: readonly string[] };

interface Field<V> {
  /** The name in the URL. */
  readonly key: string;
  readonly kind: Kind;
  readonly default: V;
  readonly get: (s: ShareState) => V;
  readonly set: (s: Draft, v: V) => void;
}

type Draft = { -readonly [K in keyof ShareState]: K extends 'config' ? { -readonly [C in keyof RunConfig]: RunConfig[C] } : ShareState[K] } & {
  /** Read apart from `compare` (the fields come in any order), and joined to it at the end. */
  compareSteps?: number;
  comparePreset?: PresetId | null;
};

/** The ranges of the numeric settings: the controls use the same ones. */
export const RANGES = {
  hidden: { min: 1, max: 128 },
  window: WINDOW_RANGE,
  length: { min: 1, max: 200 },
  noise: { min: 0, max: 2 },
  pulseDelay: { min: 1, max: 100 },
  pulseWidth: { min: 1, max: 50 },
  lr: { min: 0.00001, max: 1 },
  batch: { min: 1, max: 256 },
  clip: { min: 0, max: 100 },
  seed: { min: 0, max: 2147483647 },
  forgetBias: { min: 0, max: 5 },
  recurrentScale: { min: 0, max: 3 },
  /** Chrono's T_max (0: off; otherwise at least 2). */
  chrono: { min: 0, max: 1000 },
} as const;

/** The most training steps a link may ask to replay. */
export const MAX_LINK_STEP = 100_000;

function configField<K extends keyof RunConfig>(key: K, kind: Kind, def: RunConfig[K]): Field<RunConfig[K]> {
  return { key, kind, default: def, get: (s) => s.config[key], set: (d, v) => (d.config[key] = v) };
}

const int = (r: { min: number; max: number }): Kind => ({ type: 'int', ...r });
const num = (r: { min: number; max: number }): Kind => ({ type: 'number', ...r });
const BOOL: Kind = { type: 'bool' };

/** Every field, in the order they are written. Defaults are the app's. */
export const FIELDS = [
  configField('cell', { type: 'enum', values: CELL_KINDS }, 'lstm'),
  configField('peephole', BOOL, false),
  configField('resetAfter', BOOL, false),
  configField('forgetFixed', BOOL, false),
  {
    key: 'change', kind: { type: 'enum', values: ['none', ...LSTM_CHANGES] }, default: 'none',
    get: (s) => s.config.change ?? 'none', set: (d, v) => (d.config.change = v === 'none' ? undefined : (v as LstmChange)),
  } satisfies Field<string>,
  configField('hidden', int(RANGES.hidden), 8),
  configField('window', int(RANGES.window), 4),
  configField('task', { type: 'enum', values: GENERATED_TASK_NAMES }, 'sine'),
  configField('length', int(RANGES.length), 40),
  configField('noise', num(RANGES.noise), 0),
  configField('pulseDelay', int(RANGES.pulseDelay), PULSE_DEFAULTS.delay),
  configField('pulseWidth', int(RANGES.pulseWidth), PULSE_DEFAULTS.width),
  configField('lr', num(RANGES.lr), 0.01),
  configField('optimizer', { type: 'enum', values: ['adam', 'sgd'] }, 'adam'),
  configField('batch', int(RANGES.batch), 16),
  configField('clip', num(RANGES.clip), 1),
  configField('seed', int(RANGES.seed), 1),
  configField('forgetBias', num(RANGES.forgetBias), 1),
  configField('recurrentScale', num(RANGES.recurrentScale), 1),
  { key: 'chrono', kind: int(RANGES.chrono), default: 0, get: (s) => s.config.chrono ?? 0, set: (d, v) => (d.config.chrono = v) } satisfies Field<number>,
  { key: 'kernels', kind: { type: 'enum', values: KERNEL_KINDS }, default: 'wasm', get: (s) => s.config.kernels ?? 'wasm', set: (d, v) => (d.config.kernels = v as KernelKind) } satisfies Field<string>,
  { key: 'step', kind: int({ min: 0, max: MAX_LINK_STEP }), default: 0, get: (s) => s.step, set: (d, v) => (d.step = v) } satisfies Field<number>,
  { key: 'example', kind: int({ min: 0, max: 1_000_000 }), default: 0, get: (s) => s.example, set: (d, v) => (d.example = v) } satisfies Field<number>,
  { key: 't', kind: int({ min: 1, max: 100_000 }), default: 1, get: (s) => s.t, set: (d, v) => (d.t = v) } satisfies Field<number>,
  { key: 'unit', kind: int({ min: 1, max: 1024 }), default: 1, get: (s) => s.unit + 1, set: (d, v) => (d.unit = v - 1) } satisfies Field<number>,
  { key: 'lang', kind: { type: 'enum', values: ['en', 'ja'] }, default: 'en', get: (s) => s.language, set: (d, v) => (d.language = v as Language) } satisfies Field<string>,
  { key: 'theme', kind: { type: 'enum', values: ['system', 'light', 'dark'] }, default: 'system', get: (s) => s.theme, set: (d, v) => (d.theme = v as Theme) } satisfies Field<string>,
  { key: 'embed', kind: BOOL, default: false, get: (s) => s.embed, set: (d, v) => (d.embed = v) } satisfies Field<boolean>,
  { key: 'lesson', kind: int({ min: 1, max: CHAPTER_IDS.length }), default: 0, get: (s) => s.lesson, set: (d, v) => (d.lesson = v) } satisfies Field<number>,
  // The comparison beside the run (written only when there is one).
  {
    key: 'compare', kind: { type: 'list', values: RUN_IDS }, default: '', get: (s) => s.compare?.runs.join(',') ?? '',
    set: (d, v) => (d.compare = v === '' ? null : { steps: d.compare?.steps ?? 3000, preset: d.compare?.preset ?? null, runs: v.split(',') as RunId[] }),
  } satisfies Field<string>,
  {
    key: 'compareSteps', kind: int(COMPARE_STEPS), default: 3000, get: (s) => s.compare?.steps ?? 3000,
    set: (d, v) => (d.compareSteps = v),
  } satisfies Field<number>,
  {
    key: 'comparePreset', kind: { type: 'enum', values: ['none', ...PRESET_IDS] }, default: 'none', get: (s) => s.compare?.preset ?? 'none',
    set: (d, v) => (d.comparePreset = v === 'none' ? null : (v as PresetId)),
  } satisfies Field<string>,
] as const;

/** The fields that describe the comparison, written only with one. */
const COMPARE_KEYS = new Set(['compare', 'compareSteps', 'comparePreset']);

type AnyField = Field<string | number | boolean>;

export type Problem =
  | { readonly field: string; readonly kind: 'notANumber' | 'notDecimal' | 'notWhole' | 'unknownValue'; readonly value: string }
  | { readonly field: string; readonly kind: 'outOfRange'; readonly value: string; readonly min: number; readonly max: number }
  | { readonly field: string; readonly kind: 'unknownField'; readonly value: string }
  /** A variant of another cell (peepholes on a GRU, say). */
  | { readonly field: string; readonly kind: 'notForCell'; readonly value: string; readonly cell: string }
  /** A setting that cannot go with another one of the link (the forget gate fixed at 1 with CIFG). */
  | { readonly field: string; readonly kind: 'conflicts'; readonly value: string; readonly with: string }
  /** A setting beside a chapter of the lesson, which sets up its own network. */
  | { readonly field: string; readonly kind: 'ignoredInLesson'; readonly value: string };

/** A problem before it is given its field (Omit over each member of the union). */
type Detail = Problem extends infer P ? (P extends Problem ? Omit<P, 'field'> : never) : never;

/** The state a hash without fields stands for (the language is the caller's: it comes from the browser). */
export function defaultState(language: Language): ShareState {
  const d = { config: {} } as Draft;
  for (const f of FIELDS as readonly AnyField[]) f.set(d, f.default);
  d.language = language;
  delete d.compareSteps;
  delete d.comparePreset;
  return d as ShareState;
}

function parseValue(kind: Kind, text: string): { ok: true; value: string | number | boolean } | { ok: false; problem: Detail } {
  switch (kind.type) {
    case 'bool':
      if (text === '1' || text === 'true') return { ok: true, value: true };
      if (text === '0' || text === 'false') return { ok: true, value: false };
      return { ok: false, problem: { kind: 'unknownValue', value: text } };
    case 'enum':
      return kind.values.includes(text) ? { ok: true, value: text } : { ok: false, problem: { kind: 'unknownValue', value: text } };
    case 'list': {
      const items = text.split(',');
      const bad = items.find((item, k) => !kind.values.includes(item) || items.indexOf(item) !== k);
      return bad === undefined ? { ok: true, value: text } : { ok: false, problem: { kind: 'unknownValue', value: bad } };
    }
    case 'int':
    case 'number': {
      // The one number syntax (parseDecimal): 1e1 and 0.5 are numbers; 0x10, +8 and " 8 " are not.
      const v = parseDecimal(text);
      if (Number.isNaN(v) && text.trim() !== '' && Number.isFinite(Number(text))) return { ok: false, problem: { kind: 'notDecimal', value: text } };
      if (!Number.isFinite(v)) return { ok: false, problem: { kind: 'notANumber', value: text } };
      if (kind.type === 'int' && !Number.isInteger(v)) return { ok: false, problem: { kind: 'notWhole', value: text } };
      if (v < kind.min || v > kind.max) return { ok: false, problem: { kind: 'outOfRange', value: text, min: kind.min, max: kind.max } };
      return { ok: true, value: v };
    }
  }
}

/**
 * The state in `hash` ("#cell=gru&hidden=16…"), field by field: each missing or bad field
 * takes its default (a bad one is listed in problems); unknown fields are listed and ignored.
 */
export function parseHash(hash: string, language: Language): { state: ShareState; problems: Problem[] } {
  const d = defaultState(language) as Draft;
  const problems: Problem[] = [];
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const known = new Map((FIELDS as readonly AnyField[]).map((f) => [f.key, f]));
  for (const [key, text] of params) {
    const field = known.get(key);
    if (!field) {
      // v: the version of the link's format; this page writes 1.
      if (key === 'v') {
        if (text !== '1') problems.push({ field: key, kind: 'unknownValue', value: text });
      } else problems.push({ field: key, kind: 'unknownField', value: text });
      continue;
    }
    const parsed = parseValue(field.kind, text);
    if (parsed.ok) field.set(d, parsed.value);
    else problems.push({ field: key, ...parsed.problem } as Problem);
  }
  // Settings that only make sense together: the adding problem needs two halves, the pulse room
  // to fit (a length too short is named as the length's problem).
  const shortest = taskMinLength(d.config.task, { delay: d.config.pulseDelay, width: d.config.pulseWidth });
  if (d.config.length < shortest) {
    problems.push({ field: 'length', kind: 'outOfRange', value: String(d.config.length), min: shortest, max: RANGES.length.max });
    d.config.length = Math.min(RANGES.length.max, Math.max(shortest, 40));
  }
  const variants = [['peephole', 'lstm'], ['forgetFixed', 'lstm'], ['resetAfter', 'gru']] as const;
  for (const [key, cell] of variants) {
    if (d.config.cell === cell || !d.config[key]) continue;
    problems.push({ field: key, kind: 'notForCell', value: '1', cell: d.config.cell });
    d.config[key] = false;
  }
  // A change of Greff et al. is the LSTM's; CIFG (f = 1 − i) has no forget gate of its own to fix at 1.
  if (d.config.change && d.config.cell !== 'lstm') {
    problems.push({ field: 'change', kind: 'notForCell', value: d.config.change, cell: d.config.cell });
    d.config.change = undefined;
  } else if (switchConflict(d.config)) {
    problems.push({ field: 'forgetFixed', kind: 'conflicts', value: '1', with: `change=${d.config.change}` });
    d.config.forgetFixed = false;
  }
  // Chrono sets the gate biases of the LSTM and the GRU, and needs a T_max of at least 2.
  const chrono = d.config.chrono ?? 0;
  if (chrono !== 0 && d.config.cell !== 'lstm' && d.config.cell !== 'gru') {
    problems.push({ field: 'chrono', kind: 'notForCell', value: String(chrono), cell: d.config.cell });
    d.config.chrono = 0;
  } else if (chrono === 1) {
    problems.push({ field: 'chrono', kind: 'outOfRange', value: '1', min: CHRONO_MIN, max: RANGES.chrono.max });
    d.config.chrono = 0;
  }
  // The comparison's steps and preset join its runs (given without runs, they say nothing).
  if (d.compare) d.compare = { ...d.compare, steps: d.compareSteps ?? d.compare.steps, preset: d.comparePreset ?? null };
  delete d.compareSteps;
  delete d.comparePreset;
  // The cursor must fall within the run: T steps, H units.
  if (d.t > d.config.length) {
    problems.push({ field: 't', kind: 'outOfRange', value: String(d.t), min: 1, max: d.config.length });
    d.t = 1;
  }
  if (d.unit + 1 > d.config.hidden) {
    problems.push({ field: 'unit', kind: 'outOfRange', value: String(d.unit + 1), min: 1, max: d.config.hidden });
    d.unit = 0;
  }
  return { state: d as ShareState, problems };
}

/**
 * The hash for `state`: every field, so that a link keeps meaning the same when defaults change;
 * in a chapter of the lesson, the chapter (which sets up everything else) and the page's look.
 */
export function writeHash(state: ShareState): string {
  const params = new URLSearchParams({ v: '1' });
  // A chapter of the lesson sets its own network up: its link needs only the chapter and the page's look.
  const lessonOnly = state.lesson > 0 ? new Set(['lesson', 'lang', 'theme']) : null;
  for (const f of FIELDS as readonly AnyField[]) {
    if (lessonOnly && !lessonOnly.has(f.key)) continue;
    if (f.key === 'embed' && !state.embed) continue;
    if (f.key === 'lesson' && state.lesson === 0) continue;
    if (COMPARE_KEYS.has(f.key) && !state.compare) continue;
    const v = f.get(state);
    params.set(f.key, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  return `#${params.toString()}`;
}
