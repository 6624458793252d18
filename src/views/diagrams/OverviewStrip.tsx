/**
 * Under the unrolled diagram: every step of the probe at a glance, c (LSTM) and h of the
 * selected unit, the drawn window and the cursor outlined; a click moves the cursor. In
 * backward mode the rows show |∂L/∂c| and |∂L/∂h| on the diagram's log scale instead.
 */
import { useMemo } from 'react';
import { interpolateViridis } from 'd3-scale-chromatic';
import { useStore } from '../../store';
import type { Snapshot } from '../../worker/protocol';
import { gradientAt, valueAt } from '../../snapshot/values';
import { valueColor } from '../primitives/color';
import { strength } from './gradientScale';

export const STRIP_H = 18;

export interface OverviewProps {
  s: Snapshot;
  t: number;
  unit: number;
  first: number;
  last: number;
  width: number;
  hint: string;
  /** Backward mode: the top of the log scale (log10 of the largest gradient), else null. */
  logMax: number | null;
}

export function OverviewStrip({ s, t, unit, first, last, width, hint, logMax }: OverviewProps) {
  const seen = s.cell === 'fnn' ? Math.max(1, t - s.window + 1) : t; // the FNN's window at the cursor
  const rows = s.cell === 'lstm' ? (['c', 'h'] as const) : (['h'] as const);
  const w = width / s.T;
  const setT = useStore((st) => st.setT);
  // The cells change with the snapshot, the unit and the mode, not with t: kept across cursor moves.
  const cells = useMemo(
    () =>
      rows.map((row, r) => (
        <g key={row} transform={`translate(0, ${r * (STRIP_H + 2)})`}>
          {Array.from({ length: s.T }, (_, k) => {
            let fill: string;
            if (logMax !== null) fill = interpolateViridis(strength(Math.abs(gradientAt(s, row, k + 1, unit)), logMax));
            else {
              const v = valueAt(s, row, k + 1, unit);
              fill = Number.isFinite(v) ? valueColor(v) : '#eee';
            }
            return <rect key={k} x={k * w} width={Math.max(w - 0.5, 0.5)} height={STRIP_H} fill={fill} />;
          })}
          <text className="strip-label" x={-6} y={STRIP_H / 2 + 1}>
            {logMax !== null ? `∂${row}` : row}
          </text>
        </g>
      )),
    [s, unit, w, logMax],
  );
  const tall = rows.length * (STRIP_H + 2);
  return (
    <g className="overview">
      {cells}
      <rect className="overview-window" x={(first - 1) * w} y={-2} width={(last - first + 1) * w} height={tall + 2} />
      {seen < t && <rect className="overview-seen" x={(seen - 1) * w} y={-3} width={(t - seen) * w} height={tall + 4} />}
      <rect className="overview-cursor" x={(t - 1) * w} y={-3} width={Math.max(w, 2)} height={tall + 4} />
      <rect
        className="overview-hit"
        width={width}
        height={tall}
        onClick={(e) => {
          const box = (e.currentTarget as SVGRectElement).getBoundingClientRect();
          setT(Math.floor(((e.clientX - box.left) / box.width) * s.T) + 1);
        }}
      >
        <title>{hint}</title>
      </rect>
    </g>
  );
}
