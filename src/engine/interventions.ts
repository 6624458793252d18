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
import type { CellKind } from './spec';
import type { FloatArray } from './tensor';

/** Gate block k over one row of H units (at `at` in gates): the clamped ones take their constant. */
export function clampRow(gates: FloatArray, at: number, k: number, H: number, clamped: Uint8Array, value: Float64Array): void {
  for (let j = 0; j < H; j++) if (clamped[k * H + j] === 1) gates[at + j] = value[k * H + j];
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
