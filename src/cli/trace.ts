/**
 * npm run -s trace -- --model M.json --input X.json [--target Y.json] [--loss mse|ce] [--dtype f64|f32]
 * Prints the full trace of one sequence as one JSON object (see docs/cli.md).
 */
import { parseInputs, parseTargets } from '../engine/validate';
import { parseModel } from '../engine/modelFile';
import { traceSequence } from '../engine/trace';
import type { LossKind } from '../engine/loss';
import type { DType } from '../engine/tensor';
import { UsageError, choiceOption, isEntry, parseOptions, readJson, runProcess, type Io } from './common';

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
  const inputs = parseInputs(readJson(opts.input, '--input'), 'input', net.spec.inputSize);
  const targets = opts.target === undefined
    ? null
    : parseTargets(readJson(opts.target, '--target'), 'target', inputs.length, net.spec.outputSize);
  io.out(`${JSON.stringify(traceSequence(net, inputs, targets, loss))}\n`);
  return 0;
}

if (isEntry(import.meta.url)) runProcess(traceMain);
