/** What a shared link asked for that could not be used, by name, until dismissed; and the replay in progress. */
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { sentences, useMessages, useNumberFormat, type Messages } from '../i18n';
import type { Problem } from '../share/urlState';

/** A quoted part of a link, at most about 100 characters (a link can hold 100,000 in one value). */
const QUOTE_MAX = 100;
/** The problems named one by one; the rest are counted. */
const LIST_MAX = 10;
const clip = (text: string): string => (text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text);

function describe(m: Messages['share']['reason'], cells: Messages['cells'], raw: Problem): string {
  const p = { ...raw, field: clip(raw.field), value: clip(raw.value) } as Problem;
  switch (p.kind) {
    case 'notANumber':
      return m.notANumber(p.field, p.value);
    case 'notDecimal':
      return m.notDecimal(p.field, p.value);
    case 'notWhole':
      return m.notWhole(p.field, p.value);
    case 'unknownValue':
      return m.unknownValue(p.field, p.value);
    case 'unknownField':
      return m.unknownField(p.field);
    case 'outOfRange':
      return m.outOfRange(p.field, p.value, String(p.min), String(p.max));
    case 'notForCell':
      return m.notForCell(p.field, cells[p.cell as keyof typeof cells] ?? p.cell);
    case 'conflicts':
      return m.conflicts(p.field, clip(p.with));
    case 'ignoredInLesson':
      return m.ignoredInLesson(p.field);
  }
}

/** About how long, in minutes or seconds. */
function duration(m: Messages['share'], fmt: ReturnType<typeof useNumberFormat>, seconds: number): string {
  if (seconds >= 5400) return m.hours(fmt.int(seconds / 3600));
  return seconds >= 90 ? m.minutes(fmt.int(seconds / 60)) : m.seconds(fmt.int(Math.max(1, seconds)));
}

/** A rate of steps per second: one decimal below 10. */
const rateText = (fmt: ReturnType<typeof useNumberFormat>, rate: number): string => (rate < 10 ? fmt.fixed(rate, 1) : fmt.int(rate));

export function LinkNotice() {
  const problems = useStore((s) => s.linkProblems);
  const target = useStore((s) => s.linkTarget);
  const dismiss = useStore((s) => s.setLinkProblems);
  const { step, stepsPerSec } = useStore(useShallow((s) => ({ step: s.step, stepsPerSec: s.stepsPerSec })));
  const refused = useStore((s) => s.replayRefused);
  const msg = useMessages();
  const m = msg.share;
  const fmt = useNumberFormat();
  /** Train on to `to` (the replay continues where it stopped). */
  const trainTo = (to: number, unbounded: boolean) => {
    const st = useStore.getState();
    if (!refused) return;
    st.setReplayRefused(null);
    st.setLinkTarget({ step: to, t: refused.t, unit: refused.unit, unbounded });
    st.send({ type: 'play', until: to });
  };
  return (
    <>
      {problems.length > 0 && (
        <div className="notice" role="alert">
          <p>
            {m.ignored(
              problems.slice(0, LIST_MAX).map((p) => describe(m.reason, msg.cells, p)).join(msg.punct.list) +
                (problems.length > LIST_MAX ? m.andMore(fmt.int(problems.length - LIST_MAX)) : ''),
            )}
          </p>
          <button type="button" className="small-button" onClick={() => dismiss([])}>
            {m.dismiss}
          </button>
        </div>
      )}
      {target && target.step > 0 && (
        <div className="notice notice-quiet" role="status" data-notice="replay">
          <p>
            {sentences(msg, [
              m.reaching(fmt.int(target.step)),
              m.progress(fmt.int(step), fmt.int((100 * step) / target.step)),
              stepsPerSec > 0 ? m.rate(rateText(fmt, stepsPerSec), duration(m, fmt, (target.step - step) / stepsPerSec)) : '',
            ])}
          </p>
          <button type="button" className="small-button" onClick={() => useStore.getState().pause()}>
            {m.cancel}
          </button>
        </div>
      )}
      {refused && (
        <div className="notice" role="alert" data-notice="replay-refused">
          <p>{m.tooLong(fmt.int(refused.step), rateText(fmt, refused.rate), duration(m, fmt, refused.seconds), fmt.int(step))}</p>
          <div>
            <button type="button" className="small-button" onClick={() => trainTo(refused.reachable, true)}>
              {m.trainTo(fmt.int(refused.reachable))}
            </button>
            <button type="button" className="small-button" onClick={() => trainTo(refused.step, true)}>
              {m.trainAnyway(fmt.int(refused.step))}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
