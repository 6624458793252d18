/**
 * Checking a model file before it replaces the current model: its size; what it is (a Gatescope
 * model file, a PyTorch state dict in safetensors, a TF.js Layers model.json with its shards among
 * the files given), told by the content; for a Gatescope file its format and version; then
 * everything through the engine's own validation (shapes, numbers within float32, known weights),
 * and that the page can run it (a hidden size the page allows). The config it yields keeps the
 * page's training settings and takes the model's cell, variants and size, and a task that feeds
 * it: the user's data on display, a generated task, or the user's sequences held; with none, the
 * model waits for sequences of its shape.
 */
import { MODEL_FORMAT, MODEL_VERSION, modelInit, parseModel } from '../engine/modelFile';
import { GENERATED_TASK_NAMES, PULSE_DEFAULTS, generatedTaskSpec, makeTask, pulseMinLength, taskMinLength } from '../engine/tasks';
import { ValidationError, type Problem } from '../engine/validate';
import { ModelBytesError, modelFromBytes, type ModelSource } from '../engine/formats/modelBytes';
import { looksLikeSafetensors } from '../engine/formats/safetensors';
import type { FormatProblem } from '../engine/formats/problems';
import type { RunConfig, RunData, TrainTask } from '../worker/protocol';
import { defaultLoss, fitOutputs, type SequenceSet } from '../engine/sequences';
import { dataTooLarge } from './dataMemory';
import { RANGES } from './urlState';

/** The largest model accepted, all its files together: 5 MB. */
export const MAX_MODEL_BYTES = 5 * 1024 * 1024;

export type ImportProblem =
  | { readonly kind: 'tooLarge'; readonly bytes: number }
  | { readonly kind: 'notJson'; readonly detail: string }
  /** Not UTF-8 text, and not a safetensors file either. */
  | { readonly kind: 'notText' }
  /** A safetensors file or a TF.js model that is not one Gatescope reads (or is malformed): why. */
  | { readonly kind: 'format'; readonly source: 'safetensors' | 'tfjs'; readonly problem: FormatProblem }
  /** Nested deeper than any model file is (counted before parsing, up to the limit). */
  | { readonly kind: 'tooDeep'; readonly limit: number }
  | { readonly kind: 'wrongFormat'; readonly got: string }
  | { readonly kind: 'wrongVersion'; readonly got: string; readonly want: number }
  /** A field the engine's validation refused: where, and what is wrong with it. */
  | { readonly kind: 'invalid'; readonly path: string; readonly problem: Problem }
  | { readonly kind: 'hiddenTooLarge'; readonly hidden: number; readonly max: number };

export type ImportResult =
  | {
    readonly ok: true; readonly config: RunConfig; readonly model: unknown; readonly source: ModelSource; readonly name: string;
    /** No task and none of the user's sequences fit its sizes: it waits for sequences of this shape. */
    readonly waitsForData?: { readonly inputs: number; readonly outputs: number };
  }
  | { readonly ok: false; readonly problem: ImportProblem };

/** The current generated task if it feeds the model's inputs and outputs, else the first task that does. */
function taskFor(I: number, O: number, current: TrainTask): TrainTask | null {
  const fits = (name: Exclude<TrainTask, 'data'>) => {
    // Sizes do not depend on the length: any length every task accepts will do.
    const task = makeTask(generatedTaskSpec(name, pulseMinLength(PULSE_DEFAULTS.delay, PULSE_DEFAULTS.width)));
    return task.inputSize === I && task.outputSize === O;
  };
  if (current !== 'data' && fits(current)) return current;
  return GENERATED_TASK_NAMES.find(fits) ?? null;
}

/** Whether the user's sequences feed a model of I inputs and O outputs (sequences without targets feed any). */
function dataFits(set: SequenceSet, I: number, O: number): boolean {
  return set.I === I && (set.O === O || set.O === 0);
}

/** The user's sequences the page holds (the importer may run the model on them): the set and the file's name. */
export interface HeldSequences {
  readonly set: SequenceSet;
  readonly name: string;
}

/** A value as the file has it (JSON, cut at 40 characters), the same in every language; "–" when absent. */
function shown(value: unknown): string {
  const text = value === undefined ? undefined : JSON.stringify(value);
  if (text === undefined) return '–';
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** One file chosen or dropped: its name, its size, and its bytes (empty when too large to read). */
export interface ImportFile {
  readonly name: string;
  readonly size: number;
  readonly bytes: Uint8Array;
}

/**
 * The model among the files: a safetensors file, else a TF.js model.json, else the first JSON
 * file, else the first file. The others are the shards a model.json may name.
 */
function mainFile(files: readonly ImportFile[]): ImportFile {
  const json = files.filter((f) => /\.json$/i.test(f.name));
  const tfjs = json.find((f) => new TextDecoder().decode(f.bytes.subarray(0, 65536)).includes('"modelTopology"'));
  return files.find((f) => looksLikeSafetensors(f.bytes)) ?? tfjs ?? json[0] ?? files[0]!;
}

/** Check the files the user gave (one model file, or a model.json with its shards). */
export function checkModelFiles(files: readonly ImportFile[], current: RunConfig, sequences: HeldSequences | null = null): ImportResult {
  const fail = (problem: ImportProblem): ImportResult => ({ ok: false, problem });
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_MODEL_BYTES) return fail({ kind: 'tooLarge', bytes: total });
  const main = mainFile(files);
  let read;
  try {
    read = modelFromBytes(main.bytes, (path) => files.find((f) => f !== main && f.name === path.split('/').pop())?.bytes);
  } catch (e) {
    if (!(e instanceof ModelBytesError)) throw e;
    const p = e.problem;
    return fail(p.kind === 'format' ? p : p.kind === 'tooDeep' ? { kind: 'tooDeep', limit: p.limit } : p.kind === 'notJson' ? { kind: 'notJson', detail: p.detail } : { kind: 'notText' });
  }
  const result = checkParsed(read.model, current, sequences);
  return result.ok ? { ...result, source: read.source, name: main.name } : result;
}

/** One Gatescope model file as text (`bytes`, its size, is checked before the text is read). */
export function checkModel(text: string, bytes: number, current: RunConfig, sequences: HeldSequences | null = null): ImportResult {
  return checkModelFiles([{ name: 'model.json', size: bytes, bytes: bytes > MAX_MODEL_BYTES ? new Uint8Array(0) : new TextEncoder().encode(text) }], current, sequences);
}

function checkParsed(json: unknown, current: RunConfig, sequences: HeldSequences | null): ImportResult {
  const fail = (problem: ImportProblem): ImportResult => ({ ok: false, problem });
  const obj = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (!obj || obj.format !== MODEL_FORMAT) return fail({ kind: 'wrongFormat', got: shown(obj ? obj.format : json) });
  if (obj.version !== MODEL_VERSION) return fail({ kind: 'wrongVersion', got: shown(obj.version), want: MODEL_VERSION });
  let net;
  try {
    net = parseModel(json);
  } catch (e) {
    if (e instanceof ValidationError) return fail({ kind: 'invalid', path: e.path, problem: e.problem });
    throw e;
  }
  const { cell, hiddenSize: H, inputSize: I, outputSize: O, peephole, resetAfter } = net.spec;
  if (H > RANGES.hidden.max) return fail({ kind: 'hiddenTooLarge', hidden: H, max: RANGES.hidden.max });
  // The initialisation the file records, where it does (Reset goes back to the imported weights either way).
  const init = modelInit(json);
  const base: RunConfig = {
    ...current, cell, hidden: H, peephole, resetAfter, forgetFixed: net.spec.forgetFixed === true, change: net.spec.change,
    window: net.spec.window ?? current.window,
    ...(init?.forgetBias !== undefined && init.forgetBias >= RANGES.forgetBias.min && init.forgetBias <= RANGES.forgetBias.max ? { forgetBias: init.forgetBias } : {}),
    ...(init?.recurrentScale !== undefined && init.recurrentScale >= RANGES.recurrentScale.min && init.recurrentScale <= RANGES.recurrentScale.max ? { recurrentScale: init.recurrentScale } : {}),
    chrono: init?.chrono !== undefined && init.chrono <= RANGES.chrono.max ? init.chrono : 0,
  };
  const ok = { ok: true, model: json, source: 'gatescope', name: 'model.json' } as const;
  // The user's data on display first, then a generated task, then the sequences the page holds.
  if (current.task === 'data' && current.data && dataFits(current.data.set, I, O)) return { ...ok, config: base };
  const task = taskFor(I, O, current.task);
  if (task) {
    const length = Math.max(current.length, taskMinLength(task, { delay: current.pulseDelay, width: current.pulseWidth }));
    const { data: _, ...rest } = base;
    return { ...ok, config: { ...rest, task, length } };
  }
  if (sequences && dataFits(sequences.set, I, O) && !dataTooLarge(sequences.set, base)) {
    const data: RunData = { set: fitOutputs(sequences.set, O), loss: defaultLoss(sequences.set), name: sequences.name };
    return { ...ok, config: { ...base, task: 'data', data } };
  }
  return { ...ok, config: base, waitsForData: { inputs: I, outputs: O } };
}
