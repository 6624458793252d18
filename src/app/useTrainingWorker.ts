/** Start the training worker, connect it to the store, and send it the first configuration. */
import { useEffect } from 'react';
import { useStore } from '../store';
import type { WorkerEvent } from '../worker/protocol';

export function useTrainingWorker(): void {
  useEffect(() => {
    const worker = new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module' });
    const { receive, connect } = useStore.getState();
    worker.onmessage = (event: MessageEvent<WorkerEvent>) => receive(event.data);
    worker.onerror = (event) => {
      receive({ type: 'error', reason: { kind: 'crashed', detail: event.message }, step: useStore.getState().step, canRestore: false });
    };
    connect((command) => worker.postMessage(command));
    const { config, run } = useStore.getState();
    worker.postMessage({ type: 'configure', config, run });
    return () => {
      connect(() => {});
      worker.terminate();
    };
  }, []);
}
