/** The training status: step, loss, rate; and the banner when training stopped on an error. */
import { useShallow } from 'zustand/react/shallow';
import { selectError, selectRun, useStore } from '../store';
import { formatLoss } from '../views/primitives/color';

const STATUS_WORDS = { idle: 'starting', running: 'training', paused: 'paused', error: 'stopped' } as const;

export function StatusLine() {
  const { status, step, loss, stepsPerSec } = useStore(useShallow(selectRun));
  return (
    <div className="status" role="status" aria-label="Training status">
      <span className={`status-dot status-${status}`} aria-hidden="true" />
      <span>{STATUS_WORDS[status]}</span>
      {/* The numbers change several times a second: shown, not announced. */}
      <span aria-live="off">
        step <b data-testid="step-count">{step}</b>
      </span>
      <span aria-live="off">
        loss <b data-testid="loss">{Number.isFinite(loss) ? formatLoss(loss) : '–'}</b>
      </span>
      <span aria-live="off">
        <b>{stepsPerSec > 0 ? stepsPerSec.toFixed(0) : '–'}</b> steps/s
      </span>
    </div>
  );
}

export function ErrorBanner() {
  const error = useStore(selectError);
  const reset = useStore((s) => s.reset);
  const restore = useStore((s) => s.restoreLastGood);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <p>
        Training stopped: {error.message}.
      </p>
      <div>
        <button type="button" onClick={reset}>
          Reset
        </button>
        {error.canRestore && (
          <button type="button" onClick={restore}>
            Restore last good state
          </button>
        )}
      </div>
    </div>
  );
}
