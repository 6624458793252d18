/**
 * The peephole weights of the selected unit, p_i, p_f, p_o, and how much they have changed
 * since the switch came on. They start at 0, so the switch alone changes nothing: the page says so.
 */
import { useStore } from '../../store';
import type { Snapshot } from '../../worker/protocol';
import { formatValue } from '../primitives/color';
import { useMessages, useNumberFormat } from '../../i18n';

const signed = (v: number): string => (v >= 0 ? `+${formatValue(v)}` : formatValue(v));

export function PeepholeValues({ snapshot: s, unit }: { snapshot: Snapshot; unit: number }) {
  const m = useMessages().lesson.peepholes;
  const fmt = useNumberFormat();
  const mark = useStore((st) => st.peepholeMark);
  if (s.peep.length !== 3 * s.H) return null;
  const p = [0, 1, 2].map((k) => s.peep[k * s.H + unit]!);
  const since = mark?.p ? [0, 1, 2].map((k) => p[k]! - mark.p![k * s.H + unit]!) : null;
  const allZero = s.peep.every((v) => v === 0);
  return (
    <p className="peephole-values small" data-peepholes={p.join(' ')}>
      {m.values(fmt.int(unit + 1), formatValue(p[0]!), formatValue(p[1]!), formatValue(p[2]!))}
      {since && mark && s.step > mark.step && <> ({m.since(fmt.int(mark.step), signed(since[0]!), signed(since[1]!), signed(since[2]!))})</>}
      {allZero && <span className="muted"> {m.atZero}</span>}
    </p>
  );
}
