/**
 * Start the training worker under its supervisor, connect both to the store, and send it the first
 * configuration. Test hooks (present in the built app, for tests only) sit on
 * window.__gatescope.faults.
 */
import { useEffect } from 'react';
import { useStore } from '../store';
import { TrainingSupervisor } from './trainingSupervisor';

export interface FaultHooks {
  /** End the worker as a crash would, without telling the page. */
  terminateWorker(): void;
  /** Make the worker end itself with self.close(), telling no one. */
  closeWorker(): void;
  /** Make the worker busy-loop for `ms`: no messages, no heartbeat, no training. */
  hangWorker(ms: number): void;
  /** Keep the worker's events from the store (true) until let go (false), as if it were slow. */
  holdEvents(on: boolean): void;
  /** An error thrown from a timer in the worker, which nothing catches. */
  throwInWorker(): void;
  /** Every snapshot throws, in this worker and every one started after it. */
  breakSnapshots(): void;
  /** Undo breakSnapshots for workers started from now on. */
  clear(): void;
  /** The step of the checkpoint the page holds, or null. */
  checkpointStep(): number | null;
  /** End comparison worker k as a crash would (set by useComparisonWorkers). */
  terminateComparisonWorker?: (k: number) => void;
}

export function useTrainingWorker(): void {
  useEffect(() => {
    const { receive, connect, workerFaulted, workerResumed } = useStore.getState();
    const supervisor = new TrainingSupervisor(
      () => new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module' }),
      { receive, fault: workerFaulted, resumed: workerResumed, step: () => useStore.getState().step },
    );
    connect((command) => supervisor.send(command), {
      restart: (fresh) => {
        const { config, run } = useStore.getState();
        if (fresh) {
          supervisor.forget();
          const next = run + 1;
          useStore.setState({ run: next });
          supervisor.start({ type: 'configure', config, run: next });
        } else supervisor.restart(config, run);
      },
    });
    const { config, run } = useStore.getState();
    supervisor.start({ type: 'configure', config, run });
    const faults: FaultHooks = {
      terminateWorker: () => supervisor.terminateWorker(),
      closeWorker: () => supervisor.send({ type: 'fault', fault: 'close' }),
      hangWorker: (ms) => supervisor.send({ type: 'fault', fault: 'hang', ms }),
      holdEvents: (on) => supervisor.hold(on),
      throwInWorker: () => supervisor.send({ type: 'fault', fault: 'throw-async' }),
      breakSnapshots: () => {
        supervisor.sticky.push({ type: 'fault', fault: 'break-snapshots' });
        supervisor.send({ type: 'fault', fault: 'break-snapshots' });
      },
      clear: () => void (supervisor.sticky.length = 0),
      checkpointStep: () => supervisor.checkpointStep,
    };
    const hook = (window as unknown as { __gatescope?: { faults?: FaultHooks } }).__gatescope;
    if (hook) hook.faults = faults;
    return () => {
      connect(() => {});
      supervisor.dispose();
    };
  }, []);
}
