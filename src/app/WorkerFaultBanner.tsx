/**
 * When the training worker stopped (its supervisor found it): what happened, in the page's words,
 * Restart (a new worker from the last checkpoint, saying how many steps that loses) and Reset;
 * after a restart, how far the run went back.
 */
import { useStore } from '../store';
import { sentences, useMessages, useNumberFormat } from '../i18n';

export function WorkerFaultBanner() {
  const fault = useStore((s) => s.workerFault);
  const recovered = useStore((s) => s.recovered);
  const restart = useStore((s) => s.restartWorker);
  const reset = useStore((s) => s.reset);
  const dismiss = useStore((s) => s.dismissRecovered);
  const msg = useMessages();
  const m = msg.faults;
  const { int } = useNumberFormat();
  if (recovered && !fault) {
    return (
      <div className="notice" role="status" data-notice="recovered">
        <p>{recovered.lost > 0 ? m.recovered(int(recovered.step), int(recovered.lost)) : m.recoveredNone(int(recovered.step))}</p>
        <button type="button" className="small-button" onClick={dismiss}>
          {m.dismiss}
        </button>
      </div>
    );
  }
  if (!fault) return null;
  const what = fault.kind === 'unresponsive' ? m.unresponsive(int(fault.step)) : fault.kind === 'crashed' ? m.crashed(int(fault.step)) : m[fault.kind];
  const back = fault.checkpointStep;
  return (
    <div className="error-banner" role="alert" data-fault={fault.kind} data-repeated={fault.repeated}>
      <p>
        {sentences(msg, [
          what,
          fault.detail !== '' ? m.said(fault.detail) : '',
          fault.repeated ? m.repeated : back !== null ? m.keeps(int(back), int(Math.max(0, fault.step - back))) : '',
        ])}
      </p>
      <div>
        {!fault.repeated && (
          <button type="button" onClick={restart}>
            {back !== null ? m.restartFrom(int(back)) : m.restartFresh}
          </button>
        )}
        <button type="button" onClick={reset}>
          {msg.errors.reset}
        </button>
      </div>
    </div>
  );
}
