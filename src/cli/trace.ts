/**
 * npm run -s trace -- --model M.json|M.safetensors|model.json --input X.json [--target Y.json] [--loss mse|ce] [--dtype f64|f32] [--kernels js|wasm]
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
import { UsageError, choiceOption, isEntry, kernelsOption, parseOptions, readJson, readModel, runProcess, type Io } from './common';

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
  });
  if (opts.model === undefined) throw new UsageError('--model: required (a Gatescope model file, a PyTorch state dict in .safetensors, or a TF.js model.json)');
  if (opts.input === undefined) throw new UsageError('--input: required (a JSON file of T rows of I numbers)');
  const loss = choiceOption<LossKind>(opts.loss, 'loss', ['mse', 'ce'], 'mse');
  const dtype = choiceOption<DType>(opts.dtype, 'dtype', ['f64', 'f32'], 'f64');
  const kernels = kernelsOption(opts.kernels, dtype);
  const parsed = parseModel(readModel(opts.model, '--model'), dtype);
  const limit = valueLimit(dtype);
  const inputs = parseInputs(readJson(opts.input, '--input'), 'input', parsed.spec.inputSize, limit);
  const targets = opts.target === undefined
    ? null
    : parseTargets(readJson(opts.target, '--target'), 'target', inputs.length, parsed.spec.outputSize, limit);
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

if (isEntry(import.meta.url)) runProcess(traceMain);
