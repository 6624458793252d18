/**
 * npm run -s train -- --cell lstm|gru|rnn|fnn [--peephole] [--variant V|NIG|NFG|NOG|NIAF|NOAF|NP|CIFG|FGR]
 *   [--reset-after] [--window K] --task NAME [--length T]
 *   [--hidden H] [--batch B] [--steps N] [--lr X] [--optimizer adam|sgd] [--clip X] [--seed S]
 *   [--kernels js|wasm] [--save model.json|model.safetensors] [--save-tfjs DIR] …
 *   (--task data --data FILE.csv|FILE.json [--loss mse|ce] trains on the user's own sequences)
 * Trains headlessly (progress on stderr) and prints one JSON object:
 *   { "finalLoss", "baselineLoss", "gradientRatioLog10": { "init", "trained" }, "curve": [[step, loss], …] }
 *   (see docs/cli.md)
 */
import { join } from 'node:path';
import { CELL_KINDS, GREFF_VARIANTS, MAX_SIZE, WINDOW_RANGE, variantSwitches, type CellKind, type GreffVariant } from '../engine/spec';
import { placeNetwork } from '../engine/placement';
import { Rng } from '../engine/rng';
import { CHRONO_MIN, initNetwork } from '../engine/init';
import { initFor } from '../engine/modelFile';
import { PULSE_DEFAULTS, generatedTaskSpec, makeTask, taskMinLength, TASK_NAMES, type TaskName, type TaskSpec } from '../engine/tasks';
import { EVAL_CHUNK, Trainer, evaluate, trainingFloats } from '../engine/trainer';
import { checkFolder, checkWritable, modelBytes, tfjsFiles, writeOut } from './saveModel';
import { log10GradientRatio } from '../engine/gradientReach';
import { F32_MAX, MAX_STEPS, invalid, parseInputs, parseTargets, shapeOf } from '../engine/validate';
import type { OptimizerKind } from '../engine/optim';
import {
  UsageError, choiceOption, isEntry, kernelsOption, numberOption, parseOptions, readJson, readSequences, runProcess, sequenceFileCheck, type Io,
} from './common';
import { checkTrainable, defaultLoss } from '../engine/sequences';
import type { LossKind } from '../engine/loss';

/** Default sequence length per task. */
const DEFAULT_LENGTH: Record<Exclude<TaskName, 'custom' | 'data'>, number> = { sine: 50, 'remember-first': 50, adding: 100, 'timed-pulse': 50 };

/** The most floats one training workspace may hold (about 1 GiB of float32). */
const MAX_WORKSPACE = 2 ** 28;

export function trainMain(argv: string[], io: Io): number {
  const o = parseOptions(argv, {
    cell: { type: 'string' }, peephole: { type: 'boolean' }, variant: { type: 'string' }, 'reset-after': { type: 'boolean' }, window: { type: 'string' },
    task: { type: 'string' }, length: { type: 'string' }, noise: { type: 'string' }, delay: { type: 'string' }, width: { type: 'string' },
    input: { type: 'string' }, target: { type: 'string' }, data: { type: 'string' }, loss: { type: 'string' },
    hidden: { type: 'string' }, batch: { type: 'string' }, steps: { type: 'string' },
    lr: { type: 'string' }, optimizer: { type: 'string' }, momentum: { type: 'string' }, clip: { type: 'string' },
    seed: { type: 'string' }, 'forget-bias': { type: 'string' }, 'recurrent-scale': { type: 'string' }, chrono: { type: 'string' },
    save: { type: 'string' }, 'save-tfjs': { type: 'string' }, quiet: { type: 'boolean' }, kernels: { type: 'string' },
  });
  const kernels = kernelsOption(o.kernels);
  const cell = choiceOption<CellKind>(o.cell, 'cell', CELL_KINDS);
  const taskName = choiceOption<TaskName>(o.task, 'task', TASK_NAMES);
  if (o.peephole && cell !== 'lstm') throw new UsageError(`--peephole: only the lstm has peephole connections, not the ${cell}`);
  // A variant of Greff et al. (2017): each differs from their vanilla LSTM (V: forget gate and peepholes) in one thing.
  if (o.variant !== undefined && cell !== 'lstm') throw new UsageError(`--variant: the variants of Greff et al. are the lstm's, not the ${cell}'s`);
  if (o.variant !== undefined && o.peephole) throw new UsageError('--variant: sets the peepholes itself (all but NP have them); give it or --peephole, not both');
  const variant = o.variant === undefined ? null : choiceOption<GreffVariant>(o.variant, 'variant', GREFF_VARIANTS);
  const switches = variant ? variantSwitches(variant) : { peephole: !!o.peephole, forgetFixed: false, change: undefined };
  if (o['reset-after'] && cell !== 'gru') throw new UsageError(`--reset-after: only the gru has a reset-after variant, not the ${cell}`);
  if (o.window !== undefined && cell !== 'fnn') throw new UsageError(`--window: only the fnn has a window of past inputs, not the ${cell}`);
  const window = cell === 'fnn' ? numberOption(o.window, 'window', 1, { min: WINDOW_RANGE.min, max: WINDOW_RANGE.max, integer: true }) : undefined;
  const hidden = numberOption(o.hidden, 'hidden', 16, { min: 1, max: MAX_SIZE, integer: true });
  const batch = numberOption(o.batch, 'batch', 16, { min: 1, max: 4096, integer: true });
  const steps = numberOption(o.steps, 'steps', 1000, { min: 1, max: 10_000_000, integer: true });
  const lr = numberOption(o.lr, 'lr', 0.01, { min: 0, max: 10, exclusiveMin: true });
  const optimizer = choiceOption<OptimizerKind>(o.optimizer, 'optimizer', ['adam', 'sgd'], 'adam');
  const momentum = numberOption(o.momentum, 'momentum', 0.9, { min: 0, max: 0.999 });
  const clip = numberOption(o.clip, 'clip', 1, { min: 0 });
  const seed = numberOption(o.seed, 'seed', 1, { min: 0, max: 2 ** 32 - 1, integer: true });
  const forgetBias = numberOption(o['forget-bias'], 'forget-bias', 1, { min: -10, max: 10 });
  const recurrentScale = numberOption(o['recurrent-scale'], 'recurrent-scale', 1, { min: 0, max: 10 });
  if (o.chrono !== undefined && cell !== 'lstm' && cell !== 'gru') throw new UsageError(`--chrono: only the lstm and the gru have gate biases to set, not the ${cell}`);
  if (o.chrono !== undefined && o['forget-bias'] !== undefined) throw new UsageError('--chrono: sets b_f itself (log U[1, T_max − 1]); give it or --forget-bias, not both');
  const chrono = numberOption(o.chrono, 'chrono', 0, { min: CHRONO_MIN, max: MAX_STEPS, integer: true });

  if (o.data !== undefined && taskName !== 'data') throw new UsageError(`--data: only used with --task data, not ${taskName}`);
  if (o.loss !== undefined && taskName !== 'data') throw new UsageError(`--loss: only used with --task data (the other tasks set their own loss)`);
  let spec: TaskSpec;
  if (taskName === 'data') {
    if (o.data === undefined) throw new UsageError('--data: required with --task data (a CSV or JSON file of sequences; see docs/cli.md)');
    for (const key of ['length', 'noise', 'delay', 'width', 'input', 'target'] as const) {
      if (o[key] !== undefined) throw new UsageError(`--${key}: not used with --task data (the data file sets the sequences)`);
    }
    const parsed = readSequences(o.data, '--data');
    const loss = choiceOption<LossKind>(o.loss, 'loss', ['mse', 'ce'], defaultLoss(parsed.set));
    sequenceFileCheck(o.data, '--data', () => checkTrainable(parsed.set, loss, parsed.placeOf));
    spec = { name: 'data', set: parsed.set, loss };
  } else if (taskName === 'custom') {
    if (o.input === undefined) throw new UsageError('--input: required with --task custom (a JSON file of T rows of I numbers)');
    if (o.target === undefined) throw new UsageError('--target: required with --task custom (T rows of O numbers or null)');
    if (o.length !== undefined) throw new UsageError('--length: not used with --task custom (the input file sets the length)');
    const inputs = parseInputs(readJson(o.input, '--input'), 'input', undefined, F32_MAX);
    const targetJson = readJson(o.target, '--target');
    const first = Array.isArray(targetJson) ? targetJson.findIndex((row) => row !== null) : -1;
    const firstRow: unknown = first >= 0 ? (targetJson as unknown[])[first] : undefined;
    if (Array.isArray(firstRow) && (firstRow.length === 0 || firstRow.length > MAX_SIZE)) {
      throw invalid(`target[${first}]`, { kind: 'numbersUpTo', max: MAX_SIZE }, shapeOf(firstRow));
    }
    const O = Array.isArray(firstRow) ? firstRow.length : 1;
    const targets = parseTargets(targetJson, 'target', inputs.length, O, F32_MAX);
    if (targets.every((row) => row === null)) throw new UsageError('target: every row is null, so there is nothing to learn');
    spec = { name: 'custom', inputs, targets };
  } else {
    if (o.noise !== undefined && taskName !== 'remember-first') throw new UsageError(`--noise: only the remember-first task has a noise amplitude`);
    for (const key of ['delay', 'width'] as const) {
      if (o[key] !== undefined && taskName !== 'timed-pulse') throw new UsageError(`--${key}: only the timed-pulse task has a pulse ${key}`);
    }
    const delay = numberOption(o.delay, 'delay', PULSE_DEFAULTS.delay, { min: 1, max: MAX_STEPS, integer: true });
    const width = numberOption(o.width, 'width', PULSE_DEFAULTS.width, { min: 1, max: MAX_STEPS, integer: true });
    // The adding problem needs a first and a second half to mark a step in; the pulse, room to fit.
    const minLength = taskMinLength(taskName, { delay, width });
    const defaultLength = Math.max(DEFAULT_LENGTH[taskName], minLength);
    const length = numberOption(o.length, 'length', defaultLength, { min: minLength, max: MAX_STEPS, integer: true });
    const noise = numberOption(o.noise, 'noise', 0, { min: 0, max: 10 });
    spec = generatedTaskSpec(taskName, length, noise, { delay, width });
  }
  const task = makeTask(spec);
  const G = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
  // Buffers of the training batch, or of the held-out set's chunks if those are larger.
  const floats = trainingFloats(task.length, batch, hidden, G);
  if (floats > MAX_WORKSPACE) {
    throw new UsageError(`--length × --batch × --hidden: ${task.length}×${batch}×${hidden} needs about ${Math.round((floats * 4) / 2 ** 20)} MiB of buffers, more than the 1024 MiB allowed`);
  }

  if (o.save !== undefined) checkWritable(o.save, '--save');

  const placed = placeNetwork(kernels, {
    cell, inputSize: task.inputSize, hiddenSize: hidden, outputSize: task.outputSize,
    ...switches, resetAfter: !!o['reset-after'], window,
  }, [{ T: task.length, B: batch }, { T: task.length, B: EVAL_CHUNK }]);
  if (!placed.ok) throw new UsageError(`--kernels wasm: ${placed.reason}`);
  const net = placed.net;
  // A cell the target framework has no layer for is refused now, not after training.
  if (o.save !== undefined) modelBytes(net, o.save);
  if (o['save-tfjs'] !== undefined) {
    tfjsFiles(net, o['save-tfjs']);
    checkFolder(o['save-tfjs']);
  }
  const rng = new Rng(seed);
  initNetwork(net, rng, { forgetBias, recurrentScale, chrono });
  const trainer = new Trainer(net, task, batch, { kind: optimizer, lr, momentum, clip }, rng.fork());
  const reachInit = log10GradientRatio(net, task);

  // The curve averages the batch loss over windows, about 100 points in all.
  const every = Math.max(1, Math.round(steps / 100));
  const curve: [number, number][] = [];
  let sum = 0;
  let count = 0;
  let lastReport = performance.now();
  const started = lastReport;
  for (let step = 1; step <= steps; step++) {
    const loss = trainer.step();
    if (!Number.isFinite(loss)) {
      throw new UsageError(`training diverged at step ${step} (loss ${loss}); try a smaller --lr or a --clip`);
    }
    sum += loss;
    count++;
    if (step % every === 0 || step === steps) {
      curve.push([step, sum / count]);
      sum = 0;
      count = 0;
    }
    const now = performance.now();
    if (!o.quiet && (now - lastReport > 2000 || step === steps)) {
      lastReport = now;
      io.err(`step ${step}/${steps}  loss ${loss.toPrecision(4)}  ${((step * 1000) / (now - started)).toFixed(0)} steps/s (${kernels} kernels)\n`);
    }
  }
  const { loss: finalLoss, baseline } = evaluate(net, task);
  if (!Number.isFinite(finalLoss) || net.params().some((p) => p.w.some((v) => !Number.isFinite(v)))) {
    throw new UsageError(`training diverged: the weights are no longer finite after step ${steps}; try a smaller --lr or a --clip`);
  }
  if (o.save !== undefined) writeOut(o.save, '--save', modelBytes(net, o.save, initFor(cell, { forgetBias, recurrentScale, chrono })));
  if (o['save-tfjs'] !== undefined) {
    const files = tfjsFiles(net, o['save-tfjs']);
    writeOut(join(o['save-tfjs'], 'model.json'), '--save-tfjs', `${JSON.stringify(files.modelJson)}\n`);
    writeOut(join(o['save-tfjs'], 'weights.bin'), '--save-tfjs', files.weights);
  }
  const gradientRatioLog10 = { init: finite(reachInit), trained: finite(log10GradientRatio(net, task)) };
  // Your data: how the set was split, and the loss it was trained with.
  const split = task.heldOut?.split;
  const data = split && spec.name === 'data'
    ? { data: { sequences: spec.set.sequences.length, train: split.train.length, heldOut: split.shared ? 0 : split.heldOut.length, loss: spec.loss } }
    : {};
  io.out(`${JSON.stringify({ finalLoss, baselineLoss: baseline, gradientRatioLog10, curve, ...data })}\n`);
  return 0;
}

/** JSON has no NaN: a ratio with no target to measure from is null. */
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

if (isEntry(import.meta.url)) runProcess(trainMain);
