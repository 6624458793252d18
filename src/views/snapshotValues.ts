/** Reading one value of a snapshot at the cursor: node `node` at step t (1-based), unit j. */
import { GATE_NAMES } from '../engine/spec';
import type { Snapshot } from '../worker/protocol';
import type { NodeId } from './rolledLayouts';

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
