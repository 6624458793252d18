/**
 * The comparison slice: the runs trained side by side in the comparison workers (by the
 * Compare panel, a preset or a lesson chapter) and their latest reports. The workers
 * themselves are started and ended by the app (src/app/useComparisonWorkers.ts) as this
 * slice changes; the views only read it.
 */
import type { StateCreator } from 'zustand';
import { runEnded, type CompareRun, type RunReport } from '../worker/compareProtocol';
import type { PresetId } from '../presets';
import type { ChapterId } from '../lesson/chapterIds';
import type { Store } from './index';

export interface Comparison {
  readonly runs: readonly CompareRun[];
  /** The preset that set it up, if any (its claims are checked in the table). */
  readonly preset: PresetId | null;
  /** Who started it: the Compare panel, or a chapter of the lesson. */
  readonly owner: 'panel' | ChapterId;
}

export interface ComparisonSlice {
  /** The comparison being run or last run, or null. */
  comparison: Comparison | null;
  /** The latest report of each of its runs, by run id. */
  reports: Readonly<Record<string, RunReport>>;
  startComparison: (comparison: Comparison) => void;
  stopComparison: () => void;
  /** Reports from a worker of `from`; ignored when another comparison has started since. */
  receiveReports: (from: Comparison, reports: readonly RunReport[]) => void;
}

export const createComparisonSlice: StateCreator<Store, [], [], ComparisonSlice> = (set, get) => ({
  comparison: null,
  reports: {},
  startComparison: (comparison) => set({ comparison, reports: {} }),
  stopComparison: () => set({ comparison: null, reports: {} }),
  receiveReports: (from, reports) => {
    if (get().comparison !== from) return;
    set({ reports: { ...get().reports, ...Object.fromEntries(reports.map((r) => [r.id, r])) } });
  },
});

/** Whether every run of the comparison has ended (trained to its budget and evaluated, diverged, or lost with its worker). */
export function comparisonFinished(c: Comparison | null, reports: Readonly<Record<string, RunReport>>): boolean {
  return c !== null && c.runs.every((r) => runEnded(reports[r.id]));
}
