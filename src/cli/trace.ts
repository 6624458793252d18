/**
 * npm run -s trace -- --model M.json|M.safetensors|model.json --input X.json|X.csv [--target Y.json] [--sequence ID]
 *   [--loss mse|ce] [--dtype f64|f32] [--kernels js|wasm]
 * Prints the full trace of one sequence as one JSON object (see docs/cli.md). Float64 runs the JS
 * kernels; float32 runs the WASM SIMD kernels where they can run (or --kernels js).
 */
import { parseInputs, parseTargets, valueLimit } from '../engine/validate';
import { blockCount } from '../engine/spec';
import { parseModel } from '../engine/modelFile';
import { traceSequence } from '../engine/trace';
import type { LossKind } from '../engine/loss';
import type { DType } from '../engine/tensor';
import { placeCopy } from '../engine/placement';
import { UsageError, choiceOption, isEntry, kernelsOption, parseOptions, readJson, readModel, readSequences, readText, runProcess, sequenceFileCheck, type Io } from './common';
import { checkFits } from '../engine/sequences';

/** The most numbers one trace prints (about 200 MB of JSON). */
const MAX_TRACE_NUMBERS = 10_000_000;

export function traceMain(argv: string[], io: Io): number {
  const opts = parseOptions(argv, {
    model: { type: 'string' },
    input: { type: 'string' },
    target: { type: 'string' },
    loss: { type: 'string' },
    dtype: { type: 'string' },
    kernels: { type: 'string' },
    sequence: { type: 'string' },
  });
  if (opts.model === undefined) throw new UsageError('--model: required (a Gatescope model file, a PyTorch state dict in .safetensors, or a TF.js model.json)');
  if (opts.input === undefined) throw new UsageError('--input: required (a JSON file of T rows of I numbers, or a CSV or JSON file of sequences)');
  const loss = choiceOption<LossKind>(opts.loss, 'loss', ['mse', 'ce'], 'mse');
  const dtype = choiceOption<DType>(opts.dtype, 'dtype', ['f64', 'f32'], 'f64');
  const kernels = kernelsOption(opts.kernels, dtype);
  const parsed = parseModel(readModel(opts.model, '--model'), dtype);
  const limit = valueLimit(dtype);
  const { inputs, targets } = readProbe(opts.input, opts.target, opts.sequence, parsed.spec.inputSize, parsed.spec.outputSize, limit);
  // Per step the trace holds h, y, the gates and their gradients, ∂L/∂h (and c, ∂L/∂c for the LSTM).
  const { hiddenSize: H, outputSize: O, cell } = parsed.spec;
  const perStep = H * (2 * blockCount(cell) + 2 + (cell === 'lstm' ? 2 : 0)) + O;
  const numbers = inputs.length * perStep;
  if (numbers > MAX_TRACE_NUMBERS) {
    throw new UsageError(
      `input: ${inputs.length} steps of this ${cell} (H = ${H}) make ${(numbers / 1e6).toFixed(0)} million numbers of trace, ` +
      `more than the ${MAX_TRACE_NUMBERS / 1e6} million one trace prints; trace a shorter sequence`,
    );
  }
  const placed = kernels === 'wasm' ? placeCopy('wasm', parsed, [{ T: inputs.length, B: 1 }]) : { ok: true as const, net: parsed };
  if (!placed.ok) throw new UsageError(`--kernels wasm: ${placed.reason}`);
  io.out(`${JSON.stringify(traceSequence(placed.net, inputs, targets, loss))}\n`);
  return 0;
}

/**
 * The sequence to trace: a JSON array of input rows (with --target's rows), as before; or a file of
 * sequences (CSV, or JSON with "inputs" or "sequences"), whose own targets count unless --target
 * gives them, and of which --sequence ID picks one when it holds several.
 */
function readProbe(
  input: string, target: string | undefined, sequence: string | undefined, I: number, O: number, limit: number,
): { inputs: number[][]; targets: (number[] | null)[] | null } {
  const head = readText(input, '--input').replace(/^\uFEFF/, '').trimStart().slice(0, 1);
  if (head === '[' && sequence === undefined) {
    const inputs = parseInputs(readJson(input, '--input'), 'input', I, limit);
    const targets = target === undefined ? null : parseTargets(readJson(target, '--target'), 'target', inputs.length, O, limit);
    return { inputs, targets };
  }
  const { set } = readSequences(input, '--input');
  let k = 0;
  if (sequence !== undefined) {
    k = set.sequences.findIndex((s) => s.id === sequence);
    if (k < 0) throw new UsageError(`--sequence: ${input} has no sequence ${JSON.stringify(sequence.slice(0, 40))} (it has ${listIds(set.sequences.map((s) => s.id))})`);
  } else if (set.sequences.length > 1) {
    throw new UsageError(`--input ${input}: holds ${set.sequences.length} sequences (${listIds(set.sequences.map((s) => s.id))}); pick one with --sequence ID`);
  }
  const seq = set.sequences[k]!;
  sequenceFileCheck(input, '--input', () => checkFits(set, I, O));
  const inputs = Array.from({ length: seq.T }, (_, t) => Array.from(seq.x.subarray(t * I, (t + 1) * I)));
  if (target !== undefined) {
    if (set.O > 0) throw new UsageError(`--target: ${input} has target columns of its own; give the targets once`);
    return { inputs, targets: parseTargets(readJson(target, '--target'), 'target', inputs.length, O, limit) };
  }
  if (set.O === 0) return { inputs, targets: null };
  return { inputs, targets: inputs.map((_, t) => (seq.mask[t] ? Array.from(seq.target.subarray(t * O, (t + 1) * O)) : null)) };
}

/** Up to five ids, quoted, and how many more. */
function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).map((id) => JSON.stringify(id.slice(0, 24))).join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}

if (isEntry(import.meta.url)) runProcess(traceMain);
