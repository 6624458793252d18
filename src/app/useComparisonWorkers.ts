/**
 * The comparison workers, owned by the app: whenever the store's comparison changes, the
 * workers of the old one end and two new ones share the new runs (the machine may have two
 * cores, and the page keeps the main thread). Their reports go back into the store.
 */
import { useEffect } from 'react';
import { useStore } from '../store';
import type { Comparison } from '../store/comparisonSlice';
import type { CompareCommand, CompareEvent, CompareRun } from '../worker/compareProtocol';
import { shareRuns } from '../worker/shareRuns';
import { cellCost } from '../engine/cost';

const WORKERS = 2;

/** Work of one run, to share the runs fairly between the workers. */
const runCost = (run: CompareRun): number => {
  const { cell, hidden, peephole, length, window } = run.config;
  const c = cellCost(cell, 1, hidden, 1, { peephole, window });
  return (c.forwardFlops + c.backwardFlops) * length * run.steps;
};

function startWorkers(comparison: Comparison): Worker[] {
  const shares = shareRuns(comparison.runs, WORKERS, runCost).filter((share) => share.length > 0);
  return shares.map((share) => {
    const worker = new Worker(new URL('../worker/compare.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<CompareEvent>) => {
      useStore.getState().receiveReports(comparison, e.data.reports);
      // Every run of this worker has ended: its last report is in, and the worker can go.
      if (e.data.reports.every((r) => r.done || r.diverged)) worker.terminate();
    };
    worker.onerror = (e) => console.error(`comparison worker failed: ${e.message}`);
    const command: CompareCommand = { type: 'start', runs: share };
    worker.postMessage(command);
    return worker;
  });
}

export function useComparisonWorkers(): void {
  useEffect(() => {
    let workers: Worker[] = [];
    const follow = (comparison: Comparison | null) => {
      workers.forEach((w) => w.terminate());
      workers = comparison ? startWorkers(comparison) : [];
    };
    follow(useStore.getState().comparison);
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.comparison !== prev.comparison) follow(s.comparison);
    });
    return () => {
      unsubscribe();
      workers.forEach((w) => w.terminate());
    };
  }, []);
}
