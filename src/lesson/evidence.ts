/**
 * Each chapter's evidence line, computed from what is on screen now: the snapshot of the live
 * network, the reports of the networks trained beside it, the measured speeds. Pure functions
 * (no React, no DOM), so the tests run them on the same sessions the page runs, on seeds 1–3.
 * A result is 'waiting' while something it needs is still being computed, and 'elsewhere' when
 * the network on screen is no longer the chapter's (the user changed it).
 */
import type { RunConfig, Snapshot } from '../worker/protocol';
import type { RunReport } from '../worker/compareProtocol';
import type { RecurrentKind } from '../engine/spec';
import { lastTargetStep, stepNorms } from '../engine/gradientStats';
import { cellCost } from '../engine/cost';
import { gradientByStep, pullBothWays } from '../engine/gradientByStep';
import type { Chapter, ChapterId } from './chapters';

export interface EvidenceInput {
  /** The live network's snapshot. */
  readonly snapshot: Snapshot | null;
  /** The config on screen (the forget-gate switch lives here, not in the snapshot). */
  readonly config: RunConfig;
  /** The chapter's networks trained beside the live one, by run id. */
  readonly reports: Readonly<Record<string, RunReport>>;
  /** Measured µs per training step of each cell, or null. */
  readonly usPerStep: Readonly<Record<RecurrentKind, number>> | null;
  /** The live network's held-out loss ÷ baseline, and the step it was scored at, or null. */
  readonly evaluation: { readonly step: number; readonly ratio: number } | null;
  /** The snapshot taken when the chapter's setup finished (the state before the reader acts). */
  readonly baseline: Snapshot | null;
  /** The cursor. */
  readonly t: number;
  readonly unit: number;
}

/** The thresholds each claim is held to (the tests use the same). */
export const CLAIMS = {
  /** FNN: stays near the baseline; the RNN learns. */
  fnnAbove: 0.9, rnnBelow: 0.1,
  /** The first step gets less than this share of the last step's error. */
  vanishingBelow: 1e-6,
  /** Both directions substantial: min(P, N)/max(P, N), averaged over the units, at least this. */
  conflictBalance: 0.3,
  /** CEC: ‖∂L/∂c_1‖/‖∂L/∂c_T‖ within this factor of 1. */
  cecFactor: 2,
  /** Float32 rounding allowed when a product is redone. */
  gateTolerance: 1e-5,
  /** |c| with f fixed at 1 grows to at least this multiple of its size with the learnt forget gate. */
  forgetFactor: 1.5,
  /** Held-out loss ÷ baseline below which a cell has learnt the long-lag task. */
  learntBelow: 0.1,
} as const;

export type Evidence =
  | { readonly id: ChapterId; readonly status: 'waiting' | 'elsewhere' }
  /** `awaiting`: the claim needs the reader's action first (what is measured so far is shown, neither ✓ nor ✗). */
  | ({ readonly status: 'measured'; readonly holds: boolean; readonly awaiting?: boolean } & Measured);

export type Measured =
  | { readonly id: 'fnn'; readonly fnn: number; readonly rnn: number; readonly window: number; readonly delay: number }
  | { readonly id: 'notation'; readonly t: number; readonly carried: number; readonly redone: number; readonly shown: number }
  | { readonly id: 'vanishing'; readonly log10Ratio: number; readonly last: number; readonly factor: number; readonly tanhSlope: number; readonly factors: Float64Array }
  | { readonly id: 'conflict'; readonly balance: number; readonly gateFirst: number; readonly gateRest: number }
  | { readonly id: 'cec'; readonly ratio: number; readonly rnnLog10: number }
  | { readonly id: 'gates'; readonly t: number; readonly unit: number; readonly worst: number; readonly inRange: boolean }
  | { readonly id: 'forget'; readonly learnt: number; readonly fixed: number | null }
  | { readonly id: 'peephole'; readonly basic: number; readonly peephole: number }
  | { readonly id: 'gru'; readonly gru: number; readonly lstm: number; readonly paramRatio: number }
  | { readonly id: 'cost'; readonly gru: number; readonly lstm: number };

const waiting = (id: ChapterId): Evidence => ({ id, status: 'waiting' });

/** Whether the snapshot is of the chapter's own network (its cell, shape and peephole switch). */
export function ownSnapshot(chapter: Chapter, s: Snapshot | null): s is Snapshot {
  const c = chapter.setup.config;
  return s !== null && s.cell === c.cell && s.T === c.length && s.H === c.hidden && s.peephole === (c.cell === 'lstm' && c.peephole);
}

/** ‖row‖ of each step of a [T][H] buffer, and the ratio of step 1 to the last step with a target. */
function firstToLast(values: Float32Array, s: Snapshot): { norms: Float64Array; last: number; ratio: number } {
  const norms = stepNorms(values, s.T, s.H);
  const last = lastTargetStep(s.targetMask, s.T);
  return { norms, last, ratio: norms[0]! / norms[last - 1]! };
}

/** The RNN's ratio ‖∂L/∂h_1‖/‖∂L/∂h_T‖ on a companion's probe, as log10. */
function reportLog10(r: RunReport): number {
  return Math.log10(r.gradNorms[0]! / r.gradNorms[r.lastTarget - 1]!);
}

/** The held-out ratio of a finished companion run (NaN if it diverged or its worker stopped), or null while it is still training. */
function heldOut(reports: EvidenceInput['reports'], id: string): number | null {
  const r = reports[id];
  if (!r || (!r.done && !r.diverged && !r.failed)) return null;
  return r.done ? r.heldOutRatio : Number.NaN;
}

/**
 * The weight conflict, measured: for each unit's input weight from x, min(P, N)/max(P, N) of
 * the steps' contributions to its gradient (1: pulled as hard one way as the other; 0: all one
 * way), averaged over the units.
 */
export function conflictBalance(s: Snapshot, block = 0): number {
  let sum = 0;
  for (let j = 0; j < s.H; j++) sum += pullBothWays(gradientByStep(s, { kind: 'input', block, unit: j, input: 0 })).balance;
  return sum / s.H;
}

/** The LSTM's input gate i_t averaged over the units, at each step t = 1..T. */
export function meanInputGate(s: Snapshot): Float64Array {
  const out = new Float64Array(s.T);
  for (let t = 0; t < s.T; t++) {
    let sum = 0;
    for (let j = 0; j < s.H; j++) sum += s.gates[t * s.G * s.H + j]!; // block 0 is i
    out[t] = sum / s.H;
  }
  return out;
}

export function evidenceOf(chapter: Chapter, input: EvidenceInput): Evidence {
  const { snapshot: s, reports } = input;
  const id = chapter.id;
  if (id === 'cost') {
    const us = input.usPerStep;
    if (!us) return waiting(id);
    return { id, status: 'measured', holds: us.gru < us.lstm, gru: us.gru, lstm: us.lstm };
  }
  // Every other chapter reads the network on screen: it must be the chapter's own.
  if (!ownSnapshot(chapter, s)) return { id, status: s ? 'elsewhere' : 'waiting' };
  if (id === 'peephole' || id === 'gru' || id === 'fnn') {
    // The live network, scored on the held-out set once set up, against the network beside it.
    const other = heldOut(reports, id === 'fnn' ? 'rnn' : 'lstm');
    const own = input.evaluation;
    // The score must be of the network on screen now (it is scored again when it rests elsewhere).
    if (other === null || !own || own.step !== s.step) return waiting(id);
    // fnn: [FNN, RNN]; peephole: [basic, with peepholes]; gru: [GRU, LSTM].
    const [a, b] = id === 'peephole' ? [other, own.ratio] : [own.ratio, other];
    if (id === 'fnn') {
      const c = chapter.setup.config;
      return { id, status: 'measured', holds: a > CLAIMS.fnnAbove && b < CLAIMS.rnnBelow, fnn: a, rnn: b, window: c.window, delay: c.length - 1 };
    }
    // Both learn it; which is more exact varies with the seed and even the kernels, so that is shown, not claimed.
    if (id === 'peephole') return { id, status: 'measured', holds: a < CLAIMS.learntBelow && b < CLAIMS.learntBelow, basic: a, peephole: b };
    const c = chapter.setup.config;
    const paramRatio = cellCost('gru', 1, c.hidden, 1).params / cellCost('lstm', 1, c.hidden, 1).params;
    return { id, status: 'measured', holds: a < CLAIMS.learntBelow && b < CLAIMS.learntBelow, gru: a, lstm: b, paramRatio };
  }
  switch (id) {
    case 'notation': {
      // The loop (a) and the chain (b) are one connection: feed h_t, the value leaving step t, into
      // step t + 1's equation, h_{t+1} = tanh(W x_{t+1} + U h_t + b), with the network's own
      // weights, and the result must be the h_{t+1} that step t + 1 shows.
      if (s.U.length === 0) return waiting(id);
      const t = Math.min(Math.max(input.t, 1), s.T - 1);
      const j = input.unit;
      let a = s.b[j]!;
      for (let q = 0; q < s.I; q++) a += s.W[j * s.I + q]! * s.x[t * s.I + q]!;
      for (let m = 0; m < s.H; m++) a += s.U[j * s.H + m]! * s.h[(t - 1) * s.H + m]!;
      const redone = Math.tanh(a);
      const shown = s.h[t * s.H + j]!;
      const holds = Math.abs(redone - shown) <= CLAIMS.gateTolerance;
      return { id, status: 'measured', holds, t, carried: s.h[(t - 1) * s.H + j]!, redone, shown };
    }
    case 'vanishing': {
      const { norms, last, ratio } = firstToLast(s.dh, s);
      const factors = new Float64Array(last - 1);
      for (let k = 1; k < last; k++) factors[k - 1] = norms[k - 1]! / norms[k]!; // ‖∂L/∂h_{t−1}‖ / ‖∂L/∂h_t‖, t = k + 1
      let logSum = 0;
      let n = 0;
      for (const f of factors) if (f > 0 && Number.isFinite(f)) (logSum += Math.log(f)), n++;
      let slope = 0;
      for (let k = 0; k < s.T * s.H; k++) slope += 1 - s.h[k]! ** 2; // |tanh′| = 1 − h² for the RNN's h = tanh(a)
      const log10Ratio = Math.log10(ratio);
      return {
        id, status: 'measured', holds: ratio < CLAIMS.vanishingBelow, log10Ratio, last,
        factor: n > 0 ? Math.exp(logSum / n) : Number.NaN, tanhSlope: slope / (s.T * s.H), factors,
      };
    }
    case 'conflict': {
      const lstm = reports.lstm?.probe;
      if (!lstm || !reports.lstm?.done) return waiting(id);
      const balance = conflictBalance(s);
      // The LSTM's input gate on the step that matters (t = 1) against the distractors (t = 2..T).
      const gate = meanInputGate(lstm);
      const gateRest = gate.subarray(1).reduce((a, v) => a + v, 0) / (gate.length - 1);
      const gateFirst = gate[0]!;
      return { id, status: 'measured', holds: balance >= CLAIMS.conflictBalance && gateFirst > gateRest, balance, gateFirst, gateRest };
    }
    case 'cec': {
      const rnn = reports.rnn;
      if (!rnn?.done) return waiting(id);
      const { ratio } = firstToLast(s.dc, s);
      const holds = ratio >= 1 / CLAIMS.cecFactor && ratio <= CLAIMS.cecFactor && input.config.forgetFixed;
      return { id, status: 'measured', holds, ratio, rnnLog10: reportLog10(rnn) };
    }
    case 'gates': {
      // Every controller's output in (0, 1), and each gate's output = controller × what it lets through.
      const t = input.t;
      const j = input.unit;
      const G = s.G * s.H;
      const at = (block: number) => s.gates[(t - 1) * G + block * s.H + j]!;
      const [i, f, g, o] = [at(0), at(1), at(2), at(3)];
      const cPrev = t > 1 ? s.c[(t - 2) * s.H + j]! : 0;
      const c = s.c[(t - 1) * s.H + j]!;
      const h = s.h[(t - 1) * s.H + j]!;
      const worst = Math.max(Math.abs(f * cPrev + i * g - c), Math.abs(o * Math.tanh(c) - h));
      const inRange = [i, f, o].every((v) => v > 0 && v < 1);
      return { id, status: 'measured', holds: inRange && worst <= CLAIMS.gateTolerance, t, unit: j, worst, inRange };
    }
    case 'forget': {
      const base = input.baseline;
      if (!base) return waiting(id);
      const maxAbs = (snap: Snapshot) => snap.c.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const learnt = maxAbs(base);
      // The same weights with the forget gate fixed at 1: the reader's switch, at the same step.
      const fixed = input.config.forgetFixed && s.step === base.step ? maxAbs(s) : null;
      return { id, status: 'measured', holds: fixed !== null && fixed >= CLAIMS.forgetFactor * learnt, awaiting: fixed === null, learnt, fixed };
    }
  }
  return waiting(id);
}
