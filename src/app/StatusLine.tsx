/** The training status: step, loss, rate; and the banner when training stopped on an error. */
import { useShallow } from 'zustand/react/shallow';
import { selectError, selectRun, useStore } from '../store';
import { formatLoss } from '../views/primitives/color';
import { sentences, useMessages, useNumberFormat, type Messages } from '../i18n';
import type { ErrorReason } from '../worker/protocol';
import { RANGES } from '../share/urlState';

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

/** How a diverged run got there: the loss at the last good state and the last finite one. */
function story(m: Messages, reason: ErrorReason, fmt: ReturnType<typeof useNumberFormat>): string {
  if (reason.kind !== 'diverged' || !reason.last || !reason.good || !Number.isFinite(reason.last.loss)) return '';
  const { good, last } = reason;
  if (!Number.isFinite(good.loss)) return m.errors.grewFromStart(fmt.int(last.step), formatLoss(last.loss));
  const factor = last.loss / good.loss;
  return m.errors.grew(fmt.int(good.step), formatLoss(good.loss), fmt.int(last.step), formatLoss(last.loss), factor >= 1e4 ? factor.toExponential(1) : fmt.fixed(factor, 1), fmt.int(last.step - good.step));
}

export function ErrorBanner() {
  const error = useStore(selectError);
  const reset = useStore((s) => s.reset);
  const restore = useStore((s) => s.restoreLastGood);
  const lr = useStore((s) => s.config.lr);
  const m = useMessages();
  const fmt = useNumberFormat();
  if (!error) return null;
  const back = error.reason.kind === 'diverged' ? error.reason.good?.step : undefined;
  return (
    <div className="error-banner" role="alert" data-error={error.reason.kind}>
      <p>
        {sentences(m, [
          m.errors.banner(describeReason(m, error.reason, fmt.int(error.step))),
          story(m, error.reason, fmt),
          error.canRestore && error.reason.kind === 'diverged' ? m.errors.again : '',
        ])}
      </p>
      <div>
        <button type="button" onClick={reset}>
          {m.errors.reset}
        </button>
        {error.canRestore && (
          <button type="button" onClick={() => restore()}>
            {back !== undefined ? m.errors.restoreAt(fmt.int(back)) : m.errors.restore}
          </button>
        )}
        {error.canRestore && error.reason.kind === 'diverged' && lr / 2 >= RANGES.lr.min && (
          <button type="button" onClick={() => restore(true)}>
            {m.errors.restoreHalf(fmt.int(back ?? 0), fmt.num(lr / 2))}
          </button>
        )}
      </div>
    </div>
  );
}
