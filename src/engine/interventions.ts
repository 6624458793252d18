/**
 * Interventions on a network, exact in both passes (the gate lab):
 * - a clamp holds a gate's value at a constant, for one unit or for all: the LSTM's i f g o, the
 *   GRU's z r g. The forward pass uses the constant; the backward pass treats it as one, so nothing
 *   flows into that gate's pre-activation, and every other gradient is the clamped network's own.
 * - an ablation silences unit j at every step: c_j = 0 in the LSTM (so h_j = o_j·tanh 0 = 0), h_j = 0
 *   in the GRU and the RNN. Nothing flows back into the unit's own gates; ∂L/∂h_j (and ∂L/∂c_j) are
 *   still reported, as the gradients with respect to the silenced values.
 * The masks are allocated once per network, so training with interventions on allocates nothing.
 * While any is on, the cells run their JS gate code (on the same buffers, WASM memory included).
 */
import { GATE_NAMES, type CellKind, type GateName, type NetSpec } from './spec';
import type { FloatArray } from './tensor';

/** Gate block k over one row of H units (at `at` in gates): the clamped ones take their constant. */
export function clampRow(gates: FloatArray, at: number, k: number, H: number, clamped: Uint8Array, value: Float64Array): void {
  for (let j = 0; j < H; j++) if (clamped[k * H + j] === 1) gates[at + j] = value[k * H + j];
}

/** An intervention as data: a gate held at a constant, for one unit (0-based) or all; or a unit silenced. */
export type Intervention =
  | { readonly kind: 'clamp'; readonly gate: GateName; readonly unit: number | 'all'; readonly value: number }
  | { readonly kind: 'ablate'; readonly unit: number };

/** The range a clamped gate's value must lie in: a controller's σ is 0…1, the content g −1…1. */
export function clampRange(gate: GateName): { readonly min: number; readonly max: number } {
  return gate === 'g' ? { min: -1, max: 1 } : { min: 0, max: 1 };
}

/** Why an intervention cannot act on a network of this spec, in one line, or null. */
export function interventionProblem(spec: Pick<NetSpec, 'cell' | 'hiddenSize'>, iv: Intervention): string | null {
  const { cell, hiddenSize: H } = spec;
  const unitOk = (u: number | 'all') => u === 'all' || (Number.isInteger(u) && u >= 0 && u < H);
  if (iv.kind === 'ablate') {
    if (cell === 'fnn') return 'the FNN has no recurrent unit to silence';
    return unitOk(iv.unit) ? null : `unit ${String(iv.unit)} is not one of the ${H} hidden units`;
  }
  if (cell !== 'lstm' && cell !== 'gru') return `only the LSTM's and the GRU's gates can be clamped, not the ${cell}'s`;
  const names: readonly string[] = GATE_NAMES[cell];
  if (!names.includes(iv.gate)) return `the ${cell.toUpperCase()} has no gate ${String(iv.gate)} (its gates are ${names.join(', ')})`;
  if (!unitOk(iv.unit)) return `unit ${String(iv.unit)} is not one of the ${H} hidden units`;
  const { min, max } = clampRange(iv.gate);
  if (!(Number.isFinite(iv.value) && iv.value >= min && iv.value <= max)) return `${iv.gate} can only be held at a value from ${min} to ${max}, not ${iv.value}`;
  return null;
}

export class Interventions {
  /** 1 where gate block k of unit j is clamped: [G][H]. */
  readonly clamped: Uint8Array;
  /** The value a clamped gate holds: [G][H]. */
  readonly value: Float64Array;
  /** 1 where unit j is ablated: [H]. */
  readonly ablated: Uint8Array;
  private count = 0;

  constructor(readonly cell: CellKind, readonly G: number, readonly H: number) {
    this.clamped = new Uint8Array(G * H);
    this.value = new Float64Array(G * H);
    this.ablated = new Uint8Array(H);
  }

  /** Whether any intervention is on. */
  get active(): boolean {
    return this.count > 0;
  }

  /** Hold gate block `block` of `unit` (or of every unit) at `value`; the caller has checked the range. */
  clamp(block: number, unit: number | 'all', value: number): void {
    this.checkGated();
    for (const j of this.units(unit)) {
      this.clamped[block * this.H + j] = 1;
      this.value[block * this.H + j] = value;
    }
    this.recount();
  }

  /** Let gate block `block` of `unit` (or of every unit) follow its equation again. */
  unclamp(block: number, unit: number | 'all'): void {
    for (const j of this.units(unit)) this.clamped[block * this.H + j] = 0;
    this.recount();
  }

  /** Silence unit j (on) or let it work again (off). */
  ablate(unit: number, on: boolean): void {
    if (this.cell === 'fnn') throw new Error('the FNN has no recurrent unit to silence');
    this.ablated[this.unitIndex(unit)] = on ? 1 : 0;
    this.recount();
  }

  clear(): void {
    this.clamped.fill(0);
    this.ablated.fill(0);
    this.count = 0;
  }

  /** The same interventions as `other` (a network of the same shape). */
  copyFrom(other: Interventions): void {
    this.clamped.set(other.clamped);
    this.value.set(other.value);
    this.ablated.set(other.ablated);
    this.recount();
  }

  /** Exactly these interventions, in order (a later clamp of the same gate and unit wins); each checked first. */
  set(spec: NetSpec, list: readonly Intervention[]): void {
    for (const iv of list) {
      const problem = interventionProblem(spec, iv);
      if (problem) throw new Error(problem);
    }
    this.clear();
    const names: readonly string[] = GATE_NAMES[spec.cell];
    for (const iv of list) {
      if (iv.kind === 'ablate') this.ablate(iv.unit, true);
      else this.clamp(names.indexOf(iv.gate), iv.unit, iv.value);
    }
  }

  private checkGated(): void {
    if (this.cell !== 'lstm' && this.cell !== 'gru') throw new Error(`only the LSTM's and the GRU's gates can be clamped, not the ${this.cell}'s`);
  }

  private unitIndex(unit: number): number {
    if (!Number.isInteger(unit) || unit < 0 || unit >= this.H) throw new Error(`unit ${unit} is not one of the ${this.H} hidden units`);
    return unit;
  }

  private units(unit: number | 'all'): number[] {
    return unit === 'all' ? Array.from({ length: this.H }, (_, j) => j) : [this.unitIndex(unit)];
  }

  private recount(): void {
    let n = 0;
    for (const v of this.clamped) n += v;
    for (const v of this.ablated) n += v;
    this.count = n;
  }
}
