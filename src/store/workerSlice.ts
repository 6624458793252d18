/**
 * The training worker's health, as its supervisor (src/app/trainingSupervisor.ts, which owns the
 * worker) reports it: the fault found, and after a restart how far the run went back. The store
 * asks the app layer for a new worker through `control`, set by connect().
 */
import type { StateCreator } from 'zustand';
import type { WorkerFault } from '../worker/protocol';
import type { Store } from './index';

/** What the app layer, which owns the worker, lets the store ask of it beyond commands. */
export interface WorkerControl {
  /** A new worker: from the last checkpoint, or (fresh) from the run's seed. */
  restart(fresh: boolean): void;
}

export const NO_CONTROL: WorkerControl = { restart: () => {} };

export interface WorkerSlice {
  control: WorkerControl;
  /** What went wrong with the training worker, or null while it is well. */
  workerFault: WorkerFault | null;
  /** After a restart: the step the run went back to and the steps lost, until the next fault or run. */
  recovered: { step: number; lost: number } | null;
  workerFaulted: (fault: WorkerFault) => void;
  /** The worker reported as not started has started after all. */
  workerResumed: () => void;
  /** A new worker, carrying the run on from the last checkpoint. */
  restartWorker: () => void;
  dismissRecovered: () => void;
}

export const createWorkerSlice: StateCreator<Store, [], [], WorkerSlice> = (set, get) => ({
  control: NO_CONTROL,
  workerFault: null,
  recovered: null,
  // The status says the worker is down (not "training"), and a link being replayed stops where it is.
  // (A worker that never started has not moved the run: a link waits for it, or for Restart.)
  workerFaulted: (fault) =>
    set({ workerFault: fault, recovered: null, status: 'error', stepsPerSec: 0, ...(fault.kind === 'not-started' ? {} : { linkTarget: null }) }),
  workerResumed: () => {
    if (get().workerFault?.kind === 'not-started') set({ workerFault: null, status: 'idle' });
  },
  restartWorker: () => {
    const fault = get().workerFault;
    if (!fault) return;
    const back = fault.checkpointStep ?? 0;
    set({ workerFault: null, error: null, status: 'idle', recovered: { step: back, lost: Math.max(0, fault.step - back) } });
    get().control.restart(false);
  },
  dismissRecovered: () => set({ recovered: null }),
});
