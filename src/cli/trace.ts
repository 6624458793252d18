/**
 * npm run -s trace -- --model M.json --input X.json [--target Y.json] [--loss mse|ce] [--dtype f64|f32]
 * Prints the full trace of one sequence as one JSON object (see docs/cli.md).
 */
import { parseInputs, parseTargets, valueLimit } from '../engine/validate';
import { blockCount } from '../engine/spec';
import { parseModel } from '../engine/modelFile';
import { traceSequence } from '../engine/trace';
import type { LossKind } from '../engine/loss';
import type { DType } from '../engine/tensor';
import { UsageError, choiceOption, isEntry, parseOptions, readJson, runProcess, type Io } from './common';

/** The most numbers one trace prints (about 200 MB of JSON). */
const MAX_TRACE_NUMBERS = 10_000_000;

export function traceMain(argv: string[], io: Io): number {
  const opts = parseOptions(argv, {
    model: { type: 'string' },
    input: { type: 'string' },
    target: { type: 'string' },
    loss: { type: 'string' },
    dtype: { type: 'string' },
  });
  if (opts.model === undefined) throw new UsageError('--model: required (a model file in the gatescope-model format)');
  if (opts.input === undefined) throw new UsageError('--input: required (a JSON file of T rows of I numbers)');
  const loss = choiceOption<LossKind>(opts.loss, 'loss', ['mse', 'ce'], 'mse');
  const dtype = choiceOption<DType>(opts.dtype, 'dtype', ['f64', 'f32'], 'f64');
  const net = parseModel(readJson(opts.model, '--model'), dtype);
  const limit = valueLimit(dtype);
  const inputs = parseInputs(readJson(opts.input, '--input'), 'input', net.spec.inputSize, limit);
  const targets = opts.target === undefined
    ? null
    : parseTargets(readJson(opts.target, '--target'), 'target', inputs.length, net.spec.outputSize, limit);
  // Per step the trace holds h, y, the gates and their gradients, ∂L/∂h (and c, ∂L/∂c for the LSTM).
  const { hiddenSize: H, outputSize: O, cell } = net.spec;
  const perStep = H * (2 * blockCount(cell) + 2 + (cell === 'lstm' ? 2 : 0)) + O;
  const numbers = inputs.length * perStep;
  if (numbers > MAX_TRACE_NUMBERS) {
    throw new UsageError(
      `input: ${inputs.length} steps of this ${cell} (H = ${H}) make ${(numbers / 1e6).toFixed(0)} million numbers of trace, ` +
      `more than the ${MAX_TRACE_NUMBERS / 1e6} million one trace prints; trace a shorter sequence`,
    );
  }
  io.out(`${JSON.stringify(traceSequence(net, inputs, targets, loss))}\n`);
  return 0;
}

if (isEntry(import.meta.url)) runProcess(traceMain);
