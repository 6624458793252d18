/**
 * Reading one value of a snapshot: node `node` at step t (1-based), unit j (or its gradient).
 * Shared by the views and the lesson's evidence (neither depends on the other through it).
 */
import { GATE_NAMES } from '../engine/spec';
import type { Snapshot } from '../worker/protocol';

/** The nodes of the cell diagrams, named as in the equations. */
export type NodeId = 'x' | 'h' | 'c' | 'i' | 'f' | 'g' | 'o' | 'z' | 'r' | 'y';

export function valueAt(s: Snapshot, node: NodeId, t: number, unit: number): number {
  const k = Math.min(Math.max(t, 1), s.T) - 1;
  const j = Math.min(Math.max(unit, 0), s.H - 1);
  switch (node) {
    case 'x':
      return s.x[k * s.I] ?? Number.NaN;
    case 'y':
      return s.y[k * s.O] ?? Number.NaN;
    case 'h':
      return s.h[k * s.H + j] ?? Number.NaN;
    case 'c':
      return s.c[k * s.H + j] ?? Number.NaN;
    default: {
      const gate = (GATE_NAMES[s.cell] as readonly string[]).indexOf(node);
      return gate < 0 ? Number.NaN : (s.gates[k * s.G * s.H + gate * s.H + j] ?? Number.NaN);
    }
  }
}

/**
 * The total gradient at step t (1-based), unit j: ∂L/∂h_t, ∂L/∂c_t, or for a gate name ∂L/∂ of
 * its pre-activation, or ∂L/∂y_t of the first output for 'y'. Before the first step (h_0, c_0), after the last (nothing flows back from
 * beyond T), and for anything else, 0.
 */
export function gradientAt(s: Snapshot, what: string, t: number, unit: number): number {
  if (t < 1 || t > s.T) return 0;
  const k = t - 1;
  if (what === 'h') return s.dh[k * s.H + unit] ?? 0;
  if (what === 'y') return s.dy[k * s.O] ?? 0;
  if (what === 'c') return s.c.length ? (s.dc[k * s.H + unit] ?? 0) : 0;
  const gate = (GATE_NAMES[s.cell] as readonly string[]).indexOf(what);
  return gate < 0 ? 0 : (s.dpre[k * s.G * s.H + gate * s.H + unit] ?? 0);
}
