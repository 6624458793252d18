/** What a shared link asked for that could not be used, by name, until dismissed; and the replay in progress. */
import { useStore } from '../store';
import { useMessages, useNumberFormat, type Messages } from '../i18n';
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
    case 'ignoredInLesson':
      return m.ignoredInLesson(p.field);
  }
}

export function LinkNotice() {
  const problems = useStore((s) => s.linkProblems);
  const target = useStore((s) => s.linkTarget);
  const dismiss = useStore((s) => s.setLinkProblems);
  const msg = useMessages();
  const m = msg.share;
  const fmt = useNumberFormat();
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
        <p className="notice notice-quiet" role="status">
          {m.reaching(fmt.int(target.step))}
        </p>
      )}
    </>
  );
}
