/** The training status: step, loss, rate; and the banner when training stopped on an error. */
import { useShallow } from 'zustand/react/shallow';
import { selectError, selectRun, useStore } from '../store';
import { formatLoss } from '../views/primitives/color';
import { useMessages, useNumberFormat, type Messages } from '../i18n';
import type { ErrorReason } from '../worker/protocol';

function describeReason(m: Messages, reason: ErrorReason, step: string): string {
  if (reason.kind === 'crashed') return m.errors.crashed(reason.detail);
  const what = reason.loss === null ? m.errors.weightsNotFinite : m.errors.lossBecame(String(reason.loss));
  return m.errors.diverged(what, step);
}

export function StatusLine() {
  const { status, step, loss, stepsPerSec } = useStore(useShallow(selectRun));
  const down = useStore((s) => s.workerFault !== null);
  const m = useMessages();
  const fmt = useNumberFormat();
  return (
    <div className="status" role="status" aria-label={m.status.region} data-worker={down ? 'down' : 'up'}>
      <span className={`status-dot status-${status}`} aria-hidden="true" />
      <span>{down ? m.status.workerDown : m.status.words[status]}</span>
      {/* The numbers change several times a second: shown, not announced. */}
      <span aria-live="off">
        {m.status.step} <b data-testid="step-count">{fmt.int(step)}</b>
      </span>
      <span aria-live="off">
        {m.status.loss} <b data-testid="loss">{Number.isFinite(loss) ? formatLoss(loss) : '–'}</b>
      </span>
      <span aria-live="off">
        <b>{stepsPerSec > 0 ? fmt.int(stepsPerSec) : '–'}</b> {m.status.stepsPerSec}
      </span>
    </div>
  );
}

export function ErrorBanner() {
  const error = useStore(selectError);
  const reset = useStore((s) => s.reset);
  const restore = useStore((s) => s.restoreLastGood);
  const m = useMessages();
  const fmt = useNumberFormat();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <p>
        {m.errors.banner(describeReason(m, error.reason, fmt.int(error.step)))}
      </p>
      <div>
        <button type="button" onClick={reset}>
          {m.errors.reset}
        </button>
        {error.canRestore && (
          <button type="button" onClick={restore}>
            {m.errors.restore}
          </button>
        )}
      </div>
    </div>
  );
}
