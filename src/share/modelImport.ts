/**
 * Checking a model file before it replaces the current model: its size, that it is JSON, its
 * format and version, then everything else through the engine's own validation (shapes,
 * numbers within float32, known weights), and that the page can run it (a task that feeds its
 * inputs, a hidden size the page allows). The config it yields keeps the page's training
 * settings and takes the model's cell, variants and size.
 */
import { MODEL_FORMAT, MODEL_VERSION, parseModel } from '../engine/modelFile';
import { GENERATED_TASK_NAMES, PULSE_DEFAULTS, generatedTaskSpec, makeTask, pulseMinLength, taskMinLength } from '../engine/tasks';
import { MAX_JSON_DEPTH, ValidationError, jsonDepth, type Problem } from '../engine/validate';
import type { RunConfig, TrainTask } from '../worker/protocol';
import { RANGES } from './urlState';

/** The largest model file accepted: 5 MB. */
export const MAX_MODEL_BYTES = 5 * 1024 * 1024;

export type ImportProblem =
  | { readonly kind: 'tooLarge'; readonly bytes: number }
  | { readonly kind: 'notJson'; readonly detail: string }
  /** Nested deeper than any model file is (counted before parsing, up to the limit). */
  | { readonly kind: 'tooDeep'; readonly limit: number }
  | { readonly kind: 'wrongFormat'; readonly got: string }
  | { readonly kind: 'wrongVersion'; readonly got: string; readonly want: number }
  /** A field the engine's validation refused: where, and what is wrong with it. */
  | { readonly kind: 'invalid'; readonly path: string; readonly problem: Problem }
  | { readonly kind: 'taskMismatch'; readonly inputs: number; readonly outputs: number; readonly task: TrainTask }
  | { readonly kind: 'hiddenTooLarge'; readonly hidden: number; readonly max: number };

export type ImportResult =
  | { readonly ok: true; readonly config: RunConfig; readonly model: unknown }
  | { readonly ok: false; readonly problem: ImportProblem };

/** The current task if it feeds the model's inputs and outputs, else the first task that does. */
function taskFor(I: number, O: number, current: TrainTask): TrainTask | null {
  const fits = (name: TrainTask) => {
    // Sizes do not depend on the length: any length every task accepts will do.
    const task = makeTask(generatedTaskSpec(name, pulseMinLength(PULSE_DEFAULTS.delay, PULSE_DEFAULTS.width)));
    return task.inputSize === I && task.outputSize === O;
  };
  if (fits(current)) return current;
  return GENERATED_TASK_NAMES.find(fits) ?? null;
}

/** A value as the file has it (JSON, cut at 40 characters), the same in every language; "–" when absent. */
function shown(value: unknown): string {
  const text = value === undefined ? undefined : JSON.stringify(value);
  if (text === undefined) return '–';
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export function checkModel(text: string, bytes: number, current: RunConfig): ImportResult {
  const fail = (problem: ImportProblem): ImportResult => ({ ok: false, problem });
  if (bytes > MAX_MODEL_BYTES) return fail({ kind: 'tooLarge', bytes });
  if (jsonDepth(text) > MAX_JSON_DEPTH) return fail({ kind: 'tooDeep', limit: MAX_JSON_DEPTH });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail({ kind: 'notJson', detail: (e as Error).message });
  }
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
  const task = taskFor(I, O, current.task);
  if (!task) return fail({ kind: 'taskMismatch', inputs: I, outputs: O, task: current.task });
  const length = Math.max(current.length, taskMinLength(task, { delay: current.pulseDelay, width: current.pulseWidth }));
  const config: RunConfig = {
    ...current, cell, hidden: H, peephole, resetAfter, forgetFixed: net.spec.forgetFixed === true, task, length,
    window: net.spec.window ?? current.window,
  };
  return { ok: true, config, model: json };
}
