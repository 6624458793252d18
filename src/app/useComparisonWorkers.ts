/**
 * The comparison workers, owned by the app: whenever the store's comparison changes, the
 * workers of the old one end and two new ones share the new runs (the machine may have two
 * cores, and the page keeps the main thread). Their reports go back into the store.
 */
import { useEffect } from 'react';
import { useStore } from '../store';
import type { Comparison } from '../store/comparisonSlice';
import { failedReport, runEnded, type CompareCommand, type CompareEvent, type CompareRun, type RunReport } from '../worker/compareProtocol';
import { shareRuns } from '../worker/shareRuns';
import { cellCost } from '../engine/cost';
import { Silence } from './silence';

const WORKERS = 2;
/**
 * A comparison worker reports about 5 times a second while it trains; this long without a report
 * means it died or hangs (it may be evaluating a large network at the end of a run: hence more
 * than the training worker's wait).
 */
const COMPARE_STALL_MS = 4000;

/** One comparison worker and what the page knows of it. */
interface Watched {
  readonly worker: Worker;
  readonly share: readonly CompareRun[];
  /** Its silence, counted over the time the page could listen. */
  readonly silence: Silence;
  last: Map<string, RunReport>;
  ended: boolean;
}

/** Work of one run, to share the runs fairly between the workers. */
const runCost = (run: CompareRun): number => {
  const { cell, hidden, peephole, length, window } = run.config;
  const c = cellCost(cell, 1, hidden, 1, { peephole, window });
  return (c.forwardFlops + c.backwardFlops) * length * run.steps;
};

/** A worker's runs that had not ended are marked failed; the other workers' runs go on. */
function lose(comparison: Comparison, w: Watched): void {
  if (w.ended) return;
  w.ended = true;
  w.worker.terminate();
  const lost = w.share.filter((run) => !runEnded(w.last.get(run.id))).map((run) => failedReport(run, w.last.get(run.id)));
  useStore.getState().receiveReports(comparison, lost);
}

function startWorkers(comparison: Comparison): Watched[] {
  const shares = shareRuns(comparison.runs, WORKERS, runCost).filter((share) => share.length > 0);
  return shares.map((share) => {
    const worker = new Worker(new URL('../worker/compare.worker.ts', import.meta.url), { type: 'module' });
    const w: Watched = { worker, share, silence: new Silence(performance.now()), last: new Map(), ended: false };
    worker.onmessage = (e: MessageEvent<CompareEvent>) => {
      if (w.ended) return;
      w.silence.heard();
      for (const r of e.data.reports) w.last.set(r.id, r);
      useStore.getState().receiveReports(comparison, e.data.reports);
      // Every run of this worker has ended: its last report is in, and the worker can go.
      if (e.data.reports.every((r) => r.done || r.diverged)) {
        w.ended = true;
        worker.terminate();
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      lose(comparison, w);
    };
    const command: CompareCommand = { type: 'start', runs: share };
    worker.postMessage(command);
    return w;
  });
}

export function useComparisonWorkers(): void {
  useEffect(() => {
    let workers: Watched[] = [];
    let current: Comparison | null = null;
    const follow = (comparison: Comparison | null) => {
      workers.forEach((w) => w.worker.terminate());
      current = comparison;
      workers = comparison ? startWorkers(comparison) : [];
    };
    follow(useStore.getState().comparison);
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.comparison !== prev.comparison) follow(s.comparison);
    });
    // The watchdog: a worker that stopped reporting loses its runs that had not ended.
    const watch = setInterval(() => {
      const now = performance.now();
      for (const w of workers) if (w.silence.check(now) > COMPARE_STALL_MS && current && !w.ended) lose(current, w);
    }, 250);
    // Test hook: end comparison worker k as a crash would.
    const hook = (window as unknown as { __gatescope?: { faults?: Record<string, unknown> } }).__gatescope;
    if (hook?.faults) hook.faults.terminateComparisonWorker = (k: number) => workers[k]?.worker.terminate();
    return () => {
      unsubscribe();
      clearInterval(watch);
      workers.forEach((w) => w.worker.terminate());
    };
  }, []);
}
