/**
 * One training run, as the worker drives it: the network, the batch trainer, the probe
 * sequence on display, and everything a snapshot reports. Plain TypeScript with no worker
 * API, so the tests run it in Node.
 */
import type { Network } from '../engine/network';
import { Rng } from '../engine/rng';
import { placeNetwork, type Room } from '../engine/placement';
import type { KernelKind } from '../engine/backend';
import { initNetwork } from '../engine/init';
import { generatedTaskSpec, makeTask, type Task } from '../engine/tasks';
import { checkFits, copySequence, writePadded, type Sequence } from '../engine/sequences';
import { EVAL_CHUNK, Trainer, evaluate } from '../engine/trainer';
import { lossAndGrad } from '../engine/loss';
import { namedWeights } from '../engine/modelFile';
import type { Workspace } from '../engine/workspace';
import type { FloatArray } from '../engine/tensor';
import { RECURRENT_KINDS, type RecurrentKind } from '../engine/spec';
import { LossHistory } from './lossHistory';
import { checkGradients, type GradientCheck } from '../engine/gradcheck';
import { SNAPSHOT_WEIGHTS_MAX_H, type Checkpoint, type Intervention, type KernelProblem, type RunConfig, type Snapshot } from './protocol';

/** How often (in steps) the weights are copied as the last good state. */
const GOOD_EVERY = 25;
/** A state counts as good only while its loss is within this factor of the run's first loss. */
const GOOD_FACTOR = 10;

const f32 = (a: FloatArray, start = 0, end = a.length): Float32Array => new Float32Array(a.subarray(start, end));

/** The task a run trains on: a generated one, or the user's sequences. */
export function runTask(config: RunConfig): Task {
  if (config.task === 'data') {
    if (!config.data) throw new Error('a run on your data needs its sequences');
    return makeTask({ name: 'data', set: config.data.set, loss: config.data.loss });
  }
  return makeTask(generatedTaskSpec(config.task, config.length, config.noise, { delay: config.pulseDelay, width: config.pulseWidth }));
}

export class TrainingSession {
  private configValue: RunConfig;
  private netValue: Network;
  readonly task: Task;
  private trainer: Trainer;
  /** The probe: one sequence (B = 1) that the views display. */
  private probe: Workspace;
  /** Why the WASM kernels asked for could not run (then the JS kernels do), or null. */
  readonly kernelsProblem: KernelProblem | null;
  private readonly history = new LossHistory();
  /** The initial weights, for reset. */
  private readonly initial: Float32Array[];
  /** The weights at the last step whose loss was finite, and that step. */
  private readonly good: Float32Array[];
  private goodStep = 0;
  /** ‖∂L/∂W‖ per named weight of the last training batch. */
  private readonly gradNorms: Float32Array;
  private readonly gradNames: string[];
  /** The named weights (views onto the fused parameters). */
  private named: ReturnType<typeof namedWeights>;
  /** The seed of the probe sequence on display. */
  private probeSeed = 0;
  /** The user's own sequence on display in place of the task's example, or null. */
  private probeSequence: Sequence | null = null;
  /** The batch loss at the last good state, and the last finite batch loss and its step. */
  private goodLoss = Number.NaN;
  private lastFinite = { step: 0, loss: Number.NaN };
  /** Mean batch loss of the last step. */
  lastLoss = Number.NaN;
  /** The first batch loss since the weights were (re)initialised: the yardstick of a good state. */
  private firstLoss = Number.NaN;

  /**
   * A fresh network for `config`, initialised from its seed; or, with `weights` (a parsed model
   * file of the same shape), starting from those weights, which Reset then returns to.
   */
  constructor(config: RunConfig, weights?: Network) {
    this.configValue = config;
    this.task = runTask(config);
    const spec = {
      cell: config.cell, inputSize: this.task.inputSize, hiddenSize: config.hidden, outputSize: this.task.outputSize,
      peephole: config.peephole, resetAfter: config.resetAfter, forgetFixed: config.cell === 'lstm' && config.forgetFixed,
      change: config.cell === 'lstm' ? config.change : undefined, window: config.window,
    };
    // On the kernels asked for (WASM SIMD unless the run says JS); where WASM cannot run, on JS, saying why.
    const placed = placeNetwork(config.kernels ?? 'wasm', spec, this.rooms(config.batch));
    this.kernelsProblem = placed.ok ? null : { kind: placed.problem, detail: placed.reason };
    this.netValue = placed.ok ? placed.net : (placeNetwork('js', spec, []) as { ok: true; net: Network }).net;
    const rng = new Rng(config.seed);
    initNetwork(this.net, rng, { forgetBias: config.forgetBias, recurrentScale: config.recurrentScale, chrono: config.chrono ?? 0 });
    if (weights) {
      const source = weights.params();
      const target = this.net.params();
      if (source.length !== target.length || source.some((p, k) => p.w.length !== target[k]!.w.length)) {
        throw new Error('the model does not have the shape of this configuration');
      }
      target.forEach((p, k) => p.w.set(source[k]!.w));
    }
    this.trainer = this.makeTrainer();
    this.initial = this.net.params().map((p) => new Float32Array(p.w));
    this.good = this.net.params().map((p) => new Float32Array(p.w));
    this.probe = this.net.createWorkspace(this.task.length, 1);
    this.setProbe(config.seed + 1);
    this.named = namedWeights(this.net);
    this.gradNames = this.named.map((w) => w.name);
    this.gradNorms = new Float32Array(this.gradNames.length);
  }

  get config(): RunConfig {
    return this.configValue;
  }

  get net(): Network {
    return this.netValue;
  }

  /** The kernels that compute this run's training steps. */
  get kernels(): KernelKind {
    return this.trainer.ws.simd ? 'wasm' : 'js';
  }

  /** The batch shapes the network's arena makes room for: training, the probe, held-out chunks. */
  private rooms(batch: number): Room[] {
    const T = this.task.length;
    return [{ T, B: batch }, { T, B: 1 }, { T, B: EVAL_CHUNK }];
  }

  /**
   * New learning rate, clipping, optimiser or batch size, keeping the weights and the step
   * count. A new learning rate or clip keeps the optimiser's moments; a new optimiser or batch
   * size starts them afresh.
   */
  tune(config: RunConfig): void {
    const old = this.configValue;
    this.configValue = { ...old, lr: config.lr, clip: config.clip, optimizer: config.optimizer, batch: config.batch };
    if (config.optimizer === old.optimizer && config.batch === old.batch) {
      this.trainer.optimizer.options = { ...this.trainer.optimizer.options, lr: config.lr, clip: config.clip };
      return;
    }
    this.trainer.abort();
    this.trainer = this.makeTrainer(this.trainer.steps);
  }

  /**
   * A new network with the same spec and weights in an arena with room for `batch` (a larger
   * batch than the arena was made for would otherwise land on the JS heap and the JS kernels),
   * and the probe moved over with its sequence.
   */
  private rehome(batch: number): void {
    const old = this.netValue;
    const placed = placeNetwork('wasm', old.spec, this.rooms(batch));
    if (!placed.ok) return;
    const net = placed.net;
    net.params().forEach((p, k) => p.w.set(old.params()[k]!.w));
    const probe = net.createWorkspace(this.probe.T, 1);
    probe.x.set(this.probe.x);
    probe.target.set(this.probe.target);
    probe.mask.set(this.probe.mask);
    this.netValue = net;
    this.probe = probe;
    this.named = namedWeights(net);
  }

  get steps(): number {
    return this.trainer.steps;
  }

  /** A trainer from `steps` on, in place of the current one (whose buffers go back to the arena). */
  private makeTrainer(steps = 0, rng?: readonly number[]): Trainer {
    const { batch, lr, optimizer, clip, seed } = this.configValue;
    // The batch stream depends on the seed and on how many steps came before, so that a
    // reset or a restore continues deterministically; a checkpoint carries its own.
    const stream = () => (rng ? Rng.fromState(rng) : new Rng(seed ^ 0x9e3779b9 ^ steps));
    const make = () => new Trainer(this.netValue, this.task, batch, { kind: optimizer, lr, clip }, stream());
    (this.trainer as Trainer | undefined)?.release();
    let trainer = make();
    if (this.netValue.simd && !trainer.ws.simd) {
      // No room in the arena for this batch: move the network to a larger one.
      trainer.release();
      this.rehome(batch);
      trainer = make();
    }
    trainer.steps = steps;
    return trainer;
  }

  /** Whether a training step is partly done (snapshots wait for the step's end, or give it up). */
  get midStep(): boolean {
    return this.trainer.midStep;
  }

  /** Give up the step in flight; it is redone from its forward pass, on the same batch. */
  abortStep(): void {
    this.trainer.abort();
  }

  /** One whole training step; false when the loss or a weight is no longer finite (training must stop). */
  trainStep(): boolean {
    while (!this.trainer.advance());
    return this.afterStep();
  }

  /**
   * Train in small units until `budgetMs` has passed (a unit is a time step of one pass or a
   * block of gradient rows, a few milliseconds at most), or, with `untilStep`, until a step ends;
   * never past step `stopAt`. Returns the steps completed and whether training diverged.
   */
  runSlice(
    budgetMs: number, now: () => number = () => performance.now(), untilStep = false, stopAt = Infinity,
  ): { steps: number; diverged: boolean } {
    const start = now();
    let steps = 0;
    if (this.trainer.steps >= stopAt) return { steps, diverged: false };
    do {
      if (this.trainer.advance()) {
        steps++;
        if (!this.afterStep()) return { steps, diverged: true };
        if (untilStep || this.trainer.steps >= stopAt) break;
      }
    } while (now() - start < budgetMs);
    return { steps, diverged: false };
  }

  /** Bookkeeping after a completed step: gradient norms, divergence, loss history, checkpoint. */
  private afterStep(): boolean {
    const loss = this.trainer.lastLoss;
    this.lastLoss = loss;
    // The gradient norms of this batch, before anything else (a probe's backward pass) overwrites dw.
    const named = this.named;
    for (let k = 0; k < named.length; k++) {
      const dw = named[k]!.dw;
      let sq = 0;
      for (let i = 0; i < dw.length; i++) sq += dw[i]! * dw[i]!;
      this.gradNorms[k] = Math.sqrt(sq);
    }
    if (!Number.isFinite(loss) || !this.weightsFinite()) return false;
    if (Number.isNaN(this.firstLoss)) this.firstLoss = loss;
    this.history.push(this.trainer.steps, loss);
    this.lastFinite.step = this.trainer.steps;
    this.lastFinite.loss = loss;
    // A checkpoint to come back to after a divergence: only while the loss has not blown up.
    if (this.trainer.steps % GOOD_EVERY === 0 && loss <= GOOD_FACTOR * this.firstLoss) {
      this.net.params().forEach((p, k) => this.good[k]!.set(p.w));
      this.goodStep = this.trainer.steps;
      this.goodLoss = loss;
    }
    return true;
  }

  private weightsFinite(): boolean {
    for (const p of this.net.params()) {
      const w = p.w;
      for (let i = 0; i < w.length; i++) if (!Number.isFinite(w[i]!)) return false;
    }
    return true;
  }

  /** Switch the peepholes; a step in flight is given up and redone with the new switch. */
  setPeephole(on: boolean): void {
    this.trainer.abort();
    this.net.setPeephole(on);
  }

  /**
   * Microseconds per training step of each cell at this run's size, task and batch. Every cell is
   * warmed up first (so the JIT has compiled all of them), then the cells take turns, seven rounds
   * of a timed run of at least 40 ms each, and each cell's fastest round counts: a cell measured
   * first is not penalised for a cold start, nor one measured last favoured by a warm one, and
   * another program busy on the machine (which can only slow a round down) is left out.
   */
  measureCost(now: () => number = () => performance.now()): Record<RecurrentKind, number> {
    this.trainer.abort();
    const trainers = RECURRENT_KINDS.map((cell) => {
      // On the kernels this run uses.
      const spec = { ...this.net.spec, cell, peephole: false, resetAfter: false, forgetFixed: false, change: undefined };
      const net = (placeNetwork(this.kernels, spec, [{ T: this.task.length, B: this.configValue.batch }]) as { ok: true; net: Network }).net;
      const rng = new Rng(1);
      initNetwork(net, rng);
      return new Trainer(net, this.task, this.configValue.batch, { kind: 'adam', lr: 1e-4, clip: 1 }, rng.fork());
    });
    const timed = (trainer: Trainer, ms: number): number => {
      const start = now();
      let steps = 0;
      do {
        trainer.step();
        steps++;
      } while (now() - start < ms);
      return ((now() - start) * 1000) / steps;
    };
    for (const trainer of trainers) {
      for (let k = 0; k < 3; k++) trainer.step();
      timed(trainer, 50);
    }
    const runs = trainers.map(() => [] as number[]);
    for (let round = 0; round < 7; round++) trainers.forEach((trainer, k) => runs[k]!.push(timed(trainer, 40)));
    const out = { rnn: 0, lstm: 0, gru: 0 };
    RECURRENT_KINDS.forEach((cell, k) => {
      out[cell] = Math.min(...runs[k]!);
    });
    return out;
  }

  /** Held-out loss ÷ the baseline of predicting the mean (the comparison's score); a step in flight is given up. */
  heldOutRatio(): number {
    this.trainer.abort();
    const { loss, baseline } = evaluate(this.net, this.task);
    return loss / baseline;
  }

  /** The analytic gradients on the probe against central finite differences (a float64 copy of the model). */
  checkGradients(): GradientCheck[] {
    this.trainer.abort();
    const { probe } = this;
    const { inputSize: I, outputSize: O } = this.net.spec;
    const inputs = Array.from({ length: probe.T }, (_, s) => Array.from(probe.x.subarray(s * I, (s + 1) * I)));
    const targets = Array.from({ length: probe.T }, (_, s) => (probe.mask[s] ? Array.from(probe.target.subarray(s * O, (s + 1) * O)) : null));
    return checkGradients(this.net, inputs, targets, this.task.loss);
  }

  /** The interventions on, as the page set them. */
  private interventionList: readonly Intervention[] = [];

  /** Exactly these interventions on the network (checked first: a bad one changes nothing); a step in flight is redone with them. */
  setInterventions(list: readonly Intervention[]): void {
    this.trainer.abort();
    this.net.interventions.set(this.net.spec, list);
    this.interventionList = [...list];
  }

  get interventions(): readonly Intervention[] {
    return this.interventionList;
  }

  /** Take the forget gate out or put it back; a step in flight is redone with the new setting. */
  setForgetFixed(on: boolean): void {
    this.trainer.abort();
    this.net.setForgetFixed(on);
  }

  /** Draw the probe sequence from its own seed. */
  setProbe(seed: number): void {
    this.probeSeed = seed;
    this.probeSequence = null;
    const held = this.task.heldOut?.sequences;
    if (held) {
      // The user's data: one of its held-out sequences, at its own length.
      this.placeProbe(held[new Rng(seed).int(held.length)]!);
      return;
    }
    this.probeLength(this.task.length);
    this.task.fill(new Rng(seed), this.probe);
  }

  /** Show the user's own sequence (of the network's inputs; targets of its outputs, or none); null: the task's example again. */
  setProbeSequence(sequence: Sequence | null): void {
    if (!sequence) {
      this.setProbe(this.probeSeed);
      return;
    }
    const { inputSize: I, outputSize: O } = this.net.spec;
    const targets = sequence.target.length / sequence.T;
    checkFits({ I: sequence.x.length / sequence.T, O: targets, inputNames: [], targetNames: [], sequences: [] }, I, O);
    this.probeSequence = sequence;
    this.placeProbe(sequence);
  }

  /** The user's sequence on display, or null. */
  get ownProbe(): Sequence | null {
    return this.probeSequence;
  }

  /** A sequence into the probe, which takes its length. */
  private placeProbe(sequence: Sequence): void {
    this.trainer.abort();
    this.probeLength(sequence.T);
    writePadded(this.probe, 0, sequence, this.net.spec.inputSize, this.net.spec.outputSize);
  }

  /** A probe of T steps (the old one's buffers go back to the backend). */
  private probeLength(T: number): void {
    if (this.probe.T === T) return;
    this.probe.release();
    this.probe = this.net.createWorkspace(T, 1);
  }

  /** The run's state between two steps (a step in flight is given up first), as copies. */
  checkpoint(): Checkpoint {
    this.trainer.abort();
    return {
      step: this.trainer.steps,
      rng: this.trainer.rngState(),
      weights: this.net.params().map((p) => Float32Array.from(p.w)),
      optimizer: this.trainer.optimizer.state(),
      history: this.history.state(),
      probeSeed: this.probeSeed,
      probeSequence: this.probeSequence && copySequence(this.probeSequence),
      peephole: this.net.spec.peephole,
      forgetFixed: this.net.spec.forgetFixed === true,
      interventions: this.interventionList,
    };
  }

  /**
   * Carry on from a checkpoint of a run of this configuration: the weights, the optimiser's
   * state, the step (and with it the batch stream), the loss history and the example.
   */
  restore(c: Checkpoint): void {
    const params = this.net.params();
    if (c.weights.length !== params.length || c.weights.some((w, k) => w.length !== params[k]!.w.length)) {
      throw new Error('the checkpoint does not have the shape of this configuration');
    }
    if (this.net.spec.cell === 'lstm') {
      this.net.setPeephole(c.peephole);
      this.net.setForgetFixed(c.forgetFixed);
    }
    this.setInterventions(c.interventions ?? []);
    params.forEach((p, k) => p.w.set(c.weights[k]!));
    this.trainer = this.makeTrainer(c.step, c.rng);
    this.trainer.optimizer.load(c.optimizer);
    this.history.load(c.history);
    this.setProbe(c.probeSeed);
    if (c.probeSequence) this.setProbeSequence(c.probeSequence);
    this.goodStep = c.step;
    params.forEach((p, k) => this.good[k]!.set(p.w));
  }

  /** Back to the initial weights and a fresh optimiser; the loss history starts again. */
  reset(): void {
    this.net.params().forEach((p, k) => p.w.set(this.initial[k]!));
    this.trainer = this.makeTrainer();
    this.history.clear();
    this.goodStep = 0;
    this.goodLoss = Number.NaN;
    this.lastFinite = { step: 0, loss: Number.NaN };
    this.net.params().forEach((p, k) => this.good[k]!.set(p.w));
    this.lastLoss = Number.NaN;
    this.firstLoss = Number.NaN;
    this.gradNorms.fill(0);
  }

  /** How the run diverged: the batch loss at the last good state and the last finite one (NaN where there is none). */
  divergence(): { good: { step: number; loss: number }; last: { step: number; loss: number } } {
    return { good: { step: this.goodStep, loss: this.goodLoss }, last: { ...this.lastFinite } };
  }

  /** Back to the last weights whose loss was finite, with a fresh optimiser. */
  restoreLastGood(): number {
    this.net.params().forEach((p, k) => p.w.set(this.good[k]!));
    this.trainer = this.makeTrainer(this.goodStep);
    this.history.truncate(this.goodStep);
    this.lastLoss = Number.NaN;
    this.gradNorms.fill(0);
    return this.goodStep;
  }

  /**
   * Forward and backward on the probe, and copies of everything the views show. The probe's
   * backward pass uses the network's gradient buffers, so a step in flight is given up first.
   */
  snapshot(stepsPerSec: number): Snapshot {
    this.trainer.abort();
    const { net, probe } = this;
    const { hiddenSize: H, inputSize: I, outputSize: O, cell, peephole, resetAfter } = net.spec;
    const T = probe.T;
    net.forward(probe);
    const probeLoss = lossAndGrad(this.task.loss, probe, O);
    net.zeroGrad();
    net.backward(probe);
    const { steps, losses } = this.history.copy();
    return {
      step: this.trainer.steps, cell, peephole, resetAfter, change: net.spec.change ?? null, interventions: this.interventionList, window: net.spec.window ?? 0, T, H, I, O, G: net.G,
      x: f32(probe.x), target: f32(probe.target), targetMask: probe.mask.slice(), y: f32(probe.y), dy: f32(probe.dy),
      gates: f32(probe.gates), h: f32(probe.h, H, (T + 1) * H),
      c: cell === 'lstm' ? f32(probe.c, H, (T + 1) * H) : new Float32Array(0),
      dh: f32(probe.dh), dc: cell === 'lstm' ? f32(probe.dc) : new Float32Array(0), dpre: f32(probe.dpre),
      peep: cell === 'lstm' && peephole ? f32(net.P.w) : new Float32Array(0),
      ...(H <= SNAPSHOT_WEIGHTS_MAX_H
        ? { W: f32(net.W.w), U: f32(net.U.w), b: f32(net.b.w) }
        : { W: new Float32Array(0), U: new Float32Array(0), b: new Float32Array(0) }),
      probeLoss, lossSteps: steps, losses, gradNames: this.gradNames, gradNorms: this.gradNorms.slice(), stepsPerSec,
    };
  }
}
