/**
 * The training loop: fresh batch, forward, loss, exact BPTT, optimiser update.
 * After construction, step() allocates nothing.
 */
import { Rng } from './rng';
import { lossAndGrad, targetCount } from './loss';
import type { Network } from './network';
import { Optimizer, type OptimizerOptions } from './optim';
import type { Task } from './tasks';
import type { Workspace } from './workspace';
import { writePadded } from './sequences';

/**
 * The parts of one training step, in order. Each is done in small units, so that a caller
 * (the worker) can stop between any two and read its messages; a unit is one time step of the
 * forward or backward pass, or a block of rows of ∂L/∂U. How the work is cut never changes
 * the numbers: every unit computes exactly what the whole pass would.
 */
type Phase = 'batch' | 'project' | 'forward' | 'loss' | 'backward' | 'prepare' | 'rows' | 'update';

/** Rows of ∂L/∂U per unit of work. */
const GRAD_ROWS = 32;

export class Trainer {
  readonly net: Network;
  readonly task: Task;
  readonly optimizer: Optimizer;
  /** The batch workspace: after step(), it holds that batch's states and gradients. */
  readonly ws: Workspace;
  /** The generator of training batches. */
  private readonly rng: Rng;
  /** Training steps completed. */
  steps = 0;
  /** Where the step in flight is. */
  private phase: Phase = 'batch';
  /** Next time slot of the forward pass, or the slot the backward pass has reached. */
  private slot = 0;
  /** Next row of ∂L/∂U. */
  private row = 0;
  /** Batch loss of the step in flight (set once its forward pass is done). */
  private batchLoss = Number.NaN;
  /** The batch stream's state before the step in flight drew its batch. */
  private readonly rngBefore = new Float64Array(6);

  constructor(net: Network, task: Task, batch: number, optimizer: Partial<OptimizerOptions>, rng: Rng) {
    const { inputSize, outputSize } = net.spec;
    if (task.inputSize !== inputSize || task.outputSize !== outputSize) {
      throw new Error(
        `the task gives ${task.inputSize} inputs and ${task.outputSize} targets per step, ` +
        `but the network takes ${inputSize} and gives ${outputSize}`,
      );
    }
    this.net = net;
    this.task = task;
    this.rng = rng;
    this.ws = net.createWorkspace(task.length, batch);
    this.optimizer = new Optimizer(net, optimizer);
  }

  /** One training step on a fresh batch; returns the batch loss before the update. */
  step(): number {
    while (!this.advance());
    return this.batchLoss;
  }

  /**
   * The batch stream's state before the batch of the step in flight (or of the next step): a
   * trainer continued from it, at the same step count, draws the same batches as this one.
   */
  rngState(): number[] {
    return this.phase === 'batch' ? this.rng.state() : Array.from(this.rngBefore);
  }

  /** Give the workspace and the optimiser's state back to the network's backend (the trainer is done). */
  release(): void {
    this.ws.release();
    this.optimizer.release();
  }

  /** Whether a step is partly done. */
  get midStep(): boolean {
    return this.phase !== 'batch';
  }

  /** The batch loss of the last completed step (or of the step in flight, once known). */
  get lastLoss(): number {
    return this.batchLoss;
  }

  /**
   * Give up the step in flight: nothing of it has reached the weights, and it starts again
   * from its forward pass on the same batch (so a paused and resumed run computes exactly
   * what an uninterrupted one would).
   */
  abort(): void {
    if (this.phase !== 'batch') this.phase = 'project';
  }

  /** Do one unit of work; true when it completed a step. */
  advance(): boolean {
    const { net, ws } = this;
    switch (this.phase) {
      case 'batch':
        this.rng.saveTo(this.rngBefore);
        this.task.fill(this.rng, ws);
        this.phase = 'project';
        return false;
      case 'project':
        net.forwardBegin(ws);
        this.slot = 0;
        this.phase = 'forward';
        return false;
      case 'forward':
        net.forwardSteps(ws, this.slot, this.slot + 1);
        if (++this.slot === ws.T) this.phase = 'loss';
        return false;
      case 'loss':
        net.forwardEnd(ws);
        this.batchLoss = lossAndGrad(this.task.loss, ws, net.spec.outputSize);
        net.zeroGrad();
        net.backwardBegin(ws);
        this.slot = ws.T;
        this.phase = 'backward';
        return false;
      case 'backward':
        net.backwardSteps(ws, this.slot, this.slot - 1);
        if (--this.slot === 0) this.phase = 'prepare';
        return false;
      case 'prepare':
        net.prepareWeightGrads(ws);
        this.row = 0;
        this.phase = 'rows';
        return false;
      case 'rows': {
        const rows = net.G * net.spec.hiddenSize;
        const end = Math.min(rows, this.row + GRAD_ROWS);
        net.recurrentGradRows(ws, this.row, end);
        this.row = end;
        if (end === rows) this.phase = 'update';
        return false;
      }
      case 'update':
        this.optimizer.step(net);
        this.steps++;
        this.phase = 'batch';
        return true;
    }
  }
}

/** The seed of the held-out set, the same for every training seed so that runs compare. */
export const HELD_OUT_SEED = 0x5eed;
export const HELD_OUT_SIZE = 256;

export interface Evaluation {
  /** Loss of the network on the held-out set. */
  readonly loss: number;
  /** Loss on the same set of always predicting the mean target (per output; for the user's data, the training sequences' mean). */
  readonly baseline: number;
}

/** Held-out sequences per forward pass, so that evaluating needs no more memory than a small batch. */
export const EVAL_CHUNK = 16;

/** About how many floats a training workspace of T steps holds (or a held-out chunk's, if larger), for size limits. */
export function trainingFloats(T: number, batch: number, H: number, G: number): number {
  return T * Math.max(batch, EVAL_CHUNK) * H * (3 * G + 8);
}

/**
 * Loss and baseline on a fixed, seeded held-out set of `count` sequences, generated and run
 * EVAL_CHUNK at a time (the generators draw sequence after sequence, so the set is the same).
 */
export function evaluate(net: Network, task: Task, count = HELD_OUT_SIZE, seed = HELD_OUT_SEED): Evaluation {
  const O = net.spec.outputSize;
  // The user's data: its held-out sequences, each once.
  const fixed = task.heldOut?.sequences;
  if (fixed) count = fixed.length;
  const chunk = Math.min(count, EVAL_CHUNK);
  const ws = net.createWorkspace(task.length, chunk);
  const rows = ws.T * chunk;
  /** Fill the next chunk; sequences past `count` are masked out. */
  const next = (rng: Rng, done: number): void => {
    if (fixed) for (let b = 0; b < chunk; b++) writePadded(ws, b, fixed[Math.min(done + b, count - 1)]!, net.spec.inputSize, O);
    else task.fill(rng, ws);
    for (let r = 0; r < rows; r++) if (done + (r % chunk) >= count) ws.mask[r] = 0;
  };
  // Pass 1: the mean target of each output over the whole set (for the user's data, over the
  // training sequences: the baseline must not see the held-out targets it is scored on).
  const mean = new Float64Array(O);
  let steps = 0;
  let rng = new Rng(seed);
  if (task.heldOut) {
    for (const s of task.heldOut.train) {
      for (let t = 0; t < s.T; t++) {
        if (!s.mask[t]) continue;
        steps++;
        for (let k = 0; k < O; k++) mean[k] += s.target[t * O + k]!;
      }
    }
  } else {
    for (let done = 0; done < count; done += chunk) {
      next(rng, done);
      for (let r = 0; r < rows; r++) {
        if (!ws.mask[r]) continue;
        steps++;
        for (let k = 0; k < O; k++) mean[k] += ws.target[r * O + k];
      }
    }
  }
  for (let k = 0; k < O; k++) mean[k] /= Math.max(steps, 1);
  // The baseline predicts the mean: as logits for cross-entropy (softmax(log p) = p).
  if (task.loss === 'ce') for (let k = 0; k < O; k++) mean[k] = Math.log(Math.max(mean[k], 1e-12));
  // Pass 2: the network's loss and the baseline's, as sums over every target.
  let loss = 0;
  let baseline = 0;
  let targets = 0;
  rng = new Rng(seed);
  for (let done = 0; done < count; done += chunk) {
    next(rng, done);
    const n = targetCount(task.loss, ws, O);
    if (n === 0) continue;
    net.forward(ws);
    loss += lossAndGrad(task.loss, ws, O) * n;
    for (let r = 0; r < rows; r++) for (let k = 0; k < O; k++) ws.y[r * O + k] = mean[k];
    baseline += lossAndGrad(task.loss, ws, O) * n;
    targets += n;
  }
  ws.release();
  return { loss: targets > 0 ? loss / targets : 0, baseline: targets > 0 ? baseline / targets : 0 };
}
