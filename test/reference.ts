/**
 * An independent reference for the engine: the cell equations of the spec written out
 * directly, one sequence and one unit at a time, in float64, on the named weights of the
 * model file (W_i, U_f, …) rather than the engine's fused buffers.
 * It can nudge one value mid-computation, for finite-difference checks of ∂L/∂h_t, ∂L/∂c_t
 * and the gate pre-activation gradients.
 */
import type { ModelFile } from '../src/engine/modelFile';

export interface Sequence {
  readonly inputs: readonly (readonly number[])[];
  readonly targets: readonly (readonly number[] | null)[];
}

/** Add eps to one quantity of one sequence at step t (1-based), unit j, right after it is computed. */
export type Nudge =
  | { readonly what: 'h' | 'c'; readonly seq: number; readonly t: number; readonly j: number; readonly eps: number }
  | { readonly what: 'pre'; readonly gate: string; readonly seq: number; readonly t: number; readonly j: number; readonly eps: number };

/** Interventions for the reference: gates held at constants (by gate name, then unit), units silenced. */
export interface RefInterventions {
  readonly clamp?: Readonly<Record<string, Readonly<Record<number, number>>>>;
  readonly ablate?: ReadonlySet<number>;
}

export interface RefStep {
  h: number[];
  c: number[];
  y: number[];
  gates: Record<string, number[]>;
}

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));

function mat(model: ModelFile, name: string): number[][] {
  return model.weights[name] as number[][];
}
function vec(model: ModelFile, name: string): number[] {
  return model.weights[name] as number[];
}
/** row·x for one row of a matrix. */
function dot(row: readonly number[], x: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < row.length; k++) s += row[k]! * x[k]!;
  return s;
}

/** Run one sequence; returns every step's states, gates and output. */
export function refForward(model: ModelFile, seq: Sequence, seqIndex = 0, nudge?: Nudge, iv: RefInterventions = {}): RefStep[] {
  const H = model.hiddenSize;
  // A clamped gate takes its constant in place of its equation's value; an ablated unit's state is 0.
  const held = (gate: string, j: number, v: number): number => iv.clamp?.[gate]?.[j] ?? v;
  const silenced = (j: number): boolean => iv.ablate?.has(j) === true;
  let h = new Array<number>(H).fill(0);
  let c = new Array<number>(H).fill(0);
  // The LSTM's gate values i, f, o at the step before (zero before step 1), for FGR.
  let before: Record<string, number[]> = { i: new Array<number>(H).fill(0), f: new Array<number>(H).fill(0), o: new Array<number>(H).fill(0) };
  const steps: RefStep[] = [];
  const bump = (what: string, t: number, j: number, value: number, gate?: string): number => {
    if (!nudge || nudge.seq !== seqIndex || nudge.t !== t || nudge.j !== j || nudge.what !== what) return value;
    if (nudge.what === 'pre' && nudge.gate !== gate) return value;
    return value + nudge.eps;
  };
  seq.inputs.forEach((x, index) => {
    const t = index + 1;
    const hNew: number[] = [];
    const cNew: number[] = [];
    const gates: Record<string, number[]> = {};
    if (model.cell === 'fnn') {
      // The window: x_t, x_{t−1}, …, x_{t−k+1}, zeros before step 1.
      const k = model.window ?? 1;
      const u: number[] = [];
      for (let lag = 0; lag < k; lag++) u.push(...(index - lag >= 0 ? seq.inputs[index - lag]! : x.map(() => 0)));
      for (let j = 0; j < H; j++) {
        const pre = bump('pre', t, j, dot(mat(model, 'W')[j]!, u) + vec(model, 'b')[j]!, 'h');
        hNew.push(bump('h', t, j, Math.tanh(pre)));
      }
    } else if (model.cell === 'rnn') {
      for (let j = 0; j < H; j++) {
        const pre = bump('pre', t, j, dot(mat(model, 'W')[j]!, x) + dot(mat(model, 'U')[j]!, h) + vec(model, 'b')[j]!, 'h');
        hNew.push(bump('h', t, j, silenced(j) ? 0 : Math.tanh(pre)));
      }
    } else if (model.cell === 'lstm') {
      const peep = model.peephole === true;
      const change = model.change;
      const p = (name: string, j: number): number => (peep ? vec(model, name)[j]! : 0);
      // FGR: what gate x gets from the gate values of step t − 1, Σ_y R_xy[j]·y_{t−1}.
      const rec = (x: string, j: number): number =>
        change === 'FGR' ? ['i', 'f', 'o'].reduce((sum, y) => sum + dot(mat(model, `R_${x}${y}`)[j]!, before[y]!), 0) : 0;
      gates.i = []; gates.f = []; gates.g = []; gates.o = [];
      for (let j = 0; j < H; j++) {
        const lin = (gate: string): number =>
          dot(mat(model, `W_${gate}`)[j]!, x) + dot(mat(model, `U_${gate}`)[j]!, h) + vec(model, `b_${gate}`)[j]!;
        const iPre = bump('pre', t, j, lin('i') + p('p_i', j) * c[j]! + rec('i', j), 'i');
        const i = held('i', j, change === 'NIG' ? 1 : sigma(iPre));
        const fPre = bump('pre', t, j, lin('f') + p('p_f', j) * c[j]! + rec('f', j), 'f');
        // The 1997 LSTM has no forget gate; CIFG couples it to the input gate.
        const f = held('f', j, model.forgetFixed === true ? 1 : change === 'CIFG' ? 1 - i : sigma(fPre));
        const gPre = bump('pre', t, j, lin('g'), 'g');
        const g = held('g', j, change === 'NIAF' ? gPre : Math.tanh(gPre));
        const cj = bump('c', t, j, silenced(j) ? 0 : f * c[j]! + i * g);
        const oPre = bump('pre', t, j, lin('o') + p('p_o', j) * cj + rec('o', j), 'o');
        const o = held('o', j, change === 'NOG' ? 1 : sigma(oPre));
        gates.i.push(i); gates.f.push(f); gates.g.push(g); gates.o.push(o);
        cNew.push(cj);
        hNew.push(bump('h', t, j, o * (change === 'NOAF' ? cj : Math.tanh(cj))));
      }
      before = { i: gates.i, f: gates.f, o: gates.o };
    } else {
      const after = model.resetAfter === true;
      gates.z = []; gates.r = []; gates.g = [];
      const z: number[] = [];
      const r: number[] = [];
      for (let j = 0; j < H; j++) {
        z.push(held('z', j, sigma(bump('pre', t, j, dot(mat(model, 'W_z')[j]!, x) + dot(mat(model, 'U_z')[j]!, h) + vec(model, 'b_z')[j]!, 'z'))));
        r.push(held('r', j, sigma(bump('pre', t, j, dot(mat(model, 'W_r')[j]!, x) + dot(mat(model, 'U_r')[j]!, h) + vec(model, 'b_r')[j]!, 'r'))));
      }
      const rh = h.map((v, k) => r[k]! * v);
      for (let j = 0; j < H; j++) {
        const gPre = after
          ? dot(mat(model, 'W_g')[j]!, x) + vec(model, 'b_g')[j]! + r[j]! * (dot(mat(model, 'U_g')[j]!, h) + vec(model, 'bh_g')[j]!)
          : dot(mat(model, 'W_g')[j]!, x) + dot(mat(model, 'U_g')[j]!, rh) + vec(model, 'b_g')[j]!;
        const g = held('g', j, Math.tanh(bump('pre', t, j, gPre, 'g')));
        gates.z.push(z[j]!); gates.r.push(r[j]!); gates.g.push(g);
        hNew.push(bump('h', t, j, silenced(j) ? 0 : z[j]! * h[j]! + (1 - z[j]!) * g));
      }
    }
    h = hNew;
    c = cNew;
    const y = mat(model, 'W_y').map((row, k) => dot(row, h) + vec(model, 'b_y')[k]!);
    steps.push({ h, c, y, gates });
  });
  return steps;
}

/** The loss over a batch of sequences, as defined in the spec (mean over target pairs / steps). */
export function refLoss(model: ModelFile, seqs: readonly Sequence[], kind: 'mse' | 'ce', nudge?: Nudge, iv?: RefInterventions): number {
  let sum = 0;
  let n = 0;
  seqs.forEach((seq, s) => {
    const steps = refForward(model, seq, s, nudge, iv);
    steps.forEach((step, index) => {
      const target = seq.targets[index];
      if (!target) return;
      if (kind === 'mse') {
        target.forEach((v, k) => { sum += (step.y[k]! - v) ** 2; n++; });
      } else {
        const max = Math.max(...step.y);
        const logZ = max + Math.log(step.y.reduce((a, v) => a + Math.exp(v - max), 0));
        target.forEach((v, k) => { sum -= v * (step.y[k]! - logZ); });
        n++;
      }
    });
  });
  return n > 0 ? sum / n : 0;
}

/** A deep copy of a model with one weight element moved by eps. */
export function nudgeWeight(model: ModelFile, name: string, index: number, eps: number): ModelFile {
  const weights = structuredClone(model.weights);
  const w = weights[name]!;
  if (Array.isArray(w[0])) {
    const rows = w as number[][];
    const cols = rows[0]!.length;
    rows[Math.floor(index / cols)]![index % cols]! += eps;
  } else {
    (w as number[])[index]! += eps;
  }
  return { ...model, weights };
}
