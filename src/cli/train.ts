/**
 * npm run -s train -- --cell lstm|gru|rnn|fnn [--peephole] [--reset-after] [--window K] --task NAME [--length T]
 *   [--hidden H] [--batch B] [--steps N] [--lr X] [--optimizer adam|sgd] [--clip X] [--seed S]
 *   [--kernels js|wasm] [--save model.json|model.safetensors] …
 * Trains headlessly (progress on stderr) and prints one JSON object:
 *   { "finalLoss", "baselineLoss", "gradientRatioLog10": { "init", "trained" }, "curve": [[step, loss], …] }
 *   (see docs/cli.md)
 */
import { accessSync, closeSync, constants, openSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CELL_KINDS, MAX_SIZE, WINDOW_RANGE, type CellKind } from '../engine/spec';
import { placeNetwork } from '../engine/placement';
import { Rng } from '../engine/rng';
import { initNetwork } from '../engine/init';
import { PULSE_DEFAULTS, generatedTaskSpec, makeTask, taskMinLength, TASK_NAMES, type TaskName, type TaskSpec } from '../engine/tasks';
import { EVAL_CHUNK, Trainer, evaluate } from '../engine/trainer';
import { modelToFile } from '../engine/modelFile';
import { FormatError, modelToStateDict } from '../engine/formats/pytorch';
import { writeSafetensors } from '../engine/formats/safetensors';
import type { Network } from '../engine/network';
import { log10GradientRatio } from '../engine/gradientReach';
import { F32_MAX, MAX_STEPS, invalid, parseInputs, parseTargets, shapeOf } from '../engine/validate';
import type { OptimizerKind } from '../engine/optim';
import {
  UsageError, choiceOption, isEntry, kernelsOption, numberOption, parseOptions, readJson, runProcess, type Io,
} from './common';

/** Default sequence length per task. */
const DEFAULT_LENGTH: Record<Exclude<TaskName, 'custom'>, number> = { sine: 50, 'remember-first': 50, adding: 100, 'timed-pulse': 50 };

/** The most floats one training workspace may hold (about 1 GiB of float32). */
const MAX_WORKSPACE = 2 ** 28;

export function trainMain(argv: string[], io: Io): number {
  const o = parseOptions(argv, {
    cell: { type: 'string' }, peephole: { type: 'boolean' }, 'reset-after': { type: 'boolean' }, window: { type: 'string' },
    task: { type: 'string' }, length: { type: 'string' }, noise: { type: 'string' }, delay: { type: 'string' }, width: { type: 'string' },
    input: { type: 'string' }, target: { type: 'string' },
    hidden: { type: 'string' }, batch: { type: 'string' }, steps: { type: 'string' },
    lr: { type: 'string' }, optimizer: { type: 'string' }, momentum: { type: 'string' }, clip: { type: 'string' },
    seed: { type: 'string' }, 'forget-bias': { type: 'string' }, 'recurrent-scale': { type: 'string' },
    save: { type: 'string' }, quiet: { type: 'boolean' }, kernels: { type: 'string' },
  });
  const kernels = kernelsOption(o.kernels);
  const cell = choiceOption<CellKind>(o.cell, 'cell', CELL_KINDS);
  const taskName = choiceOption<TaskName>(o.task, 'task', TASK_NAMES);
  if (o.peephole && cell !== 'lstm') throw new UsageError(`--peephole: only the lstm has peephole connections, not the ${cell}`);
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

  let spec: TaskSpec;
  if (taskName === 'custom') {
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
  const floats = task.length * Math.max(batch, EVAL_CHUNK) * hidden * (3 * G + 8);
  if (floats > MAX_WORKSPACE) {
    throw new UsageError(`--length × --batch × --hidden: ${task.length}×${batch}×${hidden} needs about ${Math.round((floats * 4) / 2 ** 20)} MiB of buffers, more than the 1024 MiB allowed`);
  }

  if (o.save !== undefined) checkWritable(o.save);

  const placed = placeNetwork(kernels, {
    cell, inputSize: task.inputSize, hiddenSize: hidden, outputSize: task.outputSize,
    peephole: !!o.peephole, resetAfter: !!o['reset-after'], window,
  }, [{ T: task.length, B: batch }, { T: task.length, B: EVAL_CHUNK }]);
  if (!placed.ok) throw new UsageError(`--kernels wasm: ${placed.reason}`);
  const net = placed.net;
  // A .safetensors file is a PyTorch state dict: a cell PyTorch has no layer for is refused now, not after training.
  const torch = o.save !== undefined && /\.safetensors$/i.test(o.save);
  if (torch) saveBytes(net, o.save!, true);
  const rng = new Rng(seed);
  initNetwork(net, rng, { forgetBias, recurrentScale });
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
  if (o.save !== undefined) {
    const bytes = torch ? saveBytes(net, o.save, false) : `${JSON.stringify(modelToFile(net))}\n`;
    try {
      writeFileSync(o.save, bytes);
    } catch (e) {
      throw new UsageError(`--save ${o.save}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const gradientRatioLog10 = { init: finite(reachInit), trained: finite(log10GradientRatio(net, task)) };
  io.out(`${JSON.stringify({ finalLoss, baselineLoss: baseline, gradientRatioLog10, curve })}\n`);
  return 0;
}

/** JSON has no NaN: a ratio with no target to measure from is null. */
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The network as a PyTorch state dict in safetensors; a FormatError names the cell PyTorch lacks. */
function saveBytes(net: Network, path: string, checkOnly: boolean): Uint8Array {
  try {
    const tensors = modelToStateDict(modelToFile(net));
    return checkOnly ? new Uint8Array(0) : writeSafetensors(tensors, { format: 'pt' });
  } catch (e) {
    if (e instanceof FormatError) throw new UsageError(`--save ${path}: ${e.message}`);
    throw e;
  }
}

/**
 * Fail before training, not after, when --save cannot be written: the path must be a regular file
 * (or none yet) in a folder that exists, and opening it for writing must work (a probe that
 * leaves an existing file as it is, and removes a file it had to create).
 */
function checkWritable(path: string): void {
  const full = resolve(path);
  // The kernel's pseudo-filesystems take a write only to refuse it afterwards (EIO).
  if (/^\/(proc|sys)(\/|$)/.test(full)) throw new UsageError(`--save ${path}: is in ${full.startsWith('/proc') ? '/proc' : '/sys'}, not a place for files`);
  let existed = false;
  try {
    const stat = statSync(full);
    existed = true;
    if (stat.isDirectory()) throw new UsageError(`--save ${path}: is a directory`);
    if (!stat.isFile()) throw new UsageError(`--save ${path}: not a regular file`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UsageError(`--save ${path}: a part of the path is a file, not a folder`);
    // does not exist yet: its folder must
  }
  try {
    accessSync(dirname(full), constants.W_OK);
  } catch {
    throw new UsageError(`--save ${path}: the folder ${dirname(full)} does not exist or cannot be written`);
  }
  try {
    closeSync(openSync(full, 'a'));
    if (!existed) unlinkSync(full);
  } catch (e) {
    throw new UsageError(`--save ${path}: cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

if (isEntry(import.meta.url)) runProcess(trainMain);
