/**
 * The user's own sequences: the file last read (a sequence or a set), the sequence on display in
 * place of the task's example, and an imported model that waits for sequences of its shape. The
 * panel checks the sequences before it calls these actions (sizes, targets, memory); the actions
 * send the worker what to run.
 */
import type { StateCreator } from 'zustand';
import type { Store } from './index';
import type { LossKind } from '../engine/loss';
import type { Place } from '../engine/sequenceProblems';
import { copySequence, defaultLoss, fitOutputs, type SequenceSet } from '../engine/sequences';
import type { RunConfig, RunData } from '../worker/protocol';

/** A file of sequences as read: the set, the file's name, and where each step sits in the file. */
export interface HeldSequences {
  readonly set: SequenceSet;
  readonly name: string;
  readonly placeOf: (q: number, t: number) => Place;
}

/** An imported model no task fits: it runs once sequences of its shape come. */
export interface PendingModel {
  readonly config: RunConfig;
  readonly model: unknown;
  readonly name: string;
  readonly inputs: number;
  readonly outputs: number;
}

export interface SequencesSlice {
  /** The user's sequences last read, or null. */
  sequences: HeldSequences | null;
  setSequences: (sequences: HeldSequences | null) => void;
  /** The user's sequence on display in place of the task's example: its file, id and length; or null. */
  ownProbe: { readonly name: string; readonly id: string; readonly T: number } | null;
  /** Show sequence k of the sequences held (a waiting model is loaded first, on them). */
  showSequence: (k: number) => void;
  /** Back to the task's own examples. */
  showTaskExamples: () => void;
  /** Train on the sequences held with this loss: a fresh network, or the imported (or waiting) model's weights. */
  trainOnSequences: (loss: LossKind) => void;
  pendingModel: PendingModel | null;
  setPendingModel: (pending: PendingModel | null) => void;
  /** The imported model's file as loaded, so that training it on the user's data starts from its weights. */
  importedModel: unknown;
  /** A run on the user's data the page refused for its memory: the longest sequence, the floats, the batch and H asked for. */
  dataRefused: { readonly steps: number; readonly floats: number; readonly batch: number; readonly hidden: number } | null;
}

export const createSequencesSlice: StateCreator<Store, [], [], SequencesSlice> = (set, get) => {
  /** The run data for the sequences held, sized for O outputs. */
  const runData = (held: HeldSequences, loss: LossKind, O: number): RunData => ({ set: fitOutputs(held.set, O), loss, name: held.name });
  return {
    sequences: null,
    setSequences: (sequences) => set({ sequences }),
    ownProbe: null,
    showSequence: (k) => {
      const { sequences: held, pendingModel } = get();
      const seq = held?.set.sequences[k];
      if (!held || !seq) return;
      if (pendingModel) {
        get().loadModel({ ...pendingModel.config, task: 'data', data: runData(held, defaultLoss(held.set), pendingModel.outputs) }, pendingModel.model);
        set({ pendingModel: null });
      }
      get().send({ type: 'set-probe-sequence', sequence: copySequence(seq) });
      set({ ownProbe: { name: held.name, id: seq.id, T: seq.T } });
    },
    showTaskExamples: () => {
      set({ ownProbe: null });
      get().send({ type: 'set-probe-sequence', sequence: null });
    },
    trainOnSequences: (loss) => {
      const { sequences: held, pendingModel, origin, importedModel, config } = get();
      if (!held) return;
      if (pendingModel) {
        get().loadModel({ ...pendingModel.config, task: 'data', data: runData(held, loss, pendingModel.outputs) }, pendingModel.model);
        set({ pendingModel: null });
        return;
      }
      if (origin === 'import' && importedModel !== null) {
        const O = get().snapshot?.O ?? held.set.O;
        get().loadModel({ ...config, task: 'data', data: runData(held, loss, O) }, importedModel);
        return;
      }
      get().configure({ task: 'data', data: runData(held, loss, held.set.O) });
    },
    pendingModel: null,
    setPendingModel: (pendingModel) => set({ pendingModel }),
    importedModel: null,
    dataRefused: null,
  };
};
