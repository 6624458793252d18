/**
 * The interventions on the live network (the gate lab): gates held at constants and units
 * silenced, as a list the page shows, undoes one by one and carries in the link. Every change
 * sends the whole list to the worker, which recomputes the probe at once; the probe as it was
 * before the first intervention is kept, so the views can show the difference. A new network
 * (another cell, size or seed, a model, a chapter) starts without any.
 */
import type { StateCreator } from 'zustand';
import type { Store } from './index';
import { interventionProblem, type Intervention } from '../engine/interventions';
import type { GateName } from '../engine/spec';

/** The probe before the interventions: its step, loss and outputs (for before/after). */
export interface InterventionBase {
  readonly step: number;
  readonly probeLoss: number;
  readonly y: Float32Array;
}

export interface InterventionsSlice {
  interventions: readonly Intervention[];
  interventionBase: InterventionBase | null;
  /** Add one (a clamp of the same gate and unit, or an ablation of the same unit, is replaced): the reason it cannot act here, or null. */
  addIntervention: (iv: Intervention) => string | null;
  /** Undo intervention k of the list. */
  removeIntervention: (k: number) => void;
  clearInterventions: () => void;
  /** The gate the gate lab acts on (a gate node clicked in the rolled diagram), or null for the cell's first. */
  labGate: GateName | null;
  setLabGate: (gate: GateName | null) => void;
}

/** Whether b acts on what a acts on (so that b replaces a). */
const sameTarget = (a: Intervention, b: Intervention): boolean =>
  a.kind === b.kind && a.unit === b.unit && (a.kind === 'ablate' || (b.kind === 'clamp' && a.gate === b.gate));

export const createInterventionsSlice: StateCreator<Store, [], [], InterventionsSlice> = (set, get) => {
  const send = (list: readonly Intervention[]) => {
    const { snapshot, interventionBase } = get();
    // The probe before the first intervention, for the difference the views show.
    const base = list.length === 0 ? null : (interventionBase ?? (snapshot ? { step: snapshot.step, probeLoss: snapshot.probeLoss, y: snapshot.y.slice() } : null));
    set({ interventions: list, interventionBase: base });
    get().send({ type: 'set-interventions', list });
  };
  return {
    interventions: [],
    interventionBase: null,
    addIntervention: (iv) => {
      const { config } = get();
      const problem = interventionProblem({ cell: config.cell, hiddenSize: config.hidden }, iv);
      if (problem) return problem;
      send([...get().interventions.filter((other) => !sameTarget(other, iv)), iv]);
      return null;
    },
    removeIntervention: (k) => send(get().interventions.filter((_, j) => j !== k)),
    clearInterventions: () => {
      if (get().interventions.length > 0) send([]);
    },
    labGate: null,
    setLabGate: (labGate) => set({ labGate }),
  };
};
