/**
 * Axes for the charts: ticks along the bottom, ticks and grid lines up the left. D3 picks the
 * ticks; React draws them. Tick labels are in the page's number format unless told otherwise.
 */
import { useNumberFormat } from '../../i18n';

export interface Margins {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** How many x ticks a chart drawn `width` units wide asks for: one per `spacing` units, at least `least`. */
export const tickCount = (width: number, spacing: number, least = 3): number => Math.max(least, Math.round(width / spacing));

export interface AxesProps {
  /** Drawing size. */
  width: number;
  height: number;
  margins: Margins;
  /** Tick values and where they go. */
  xTicks: readonly number[];
  x: (v: number) => number;
  yTicks: readonly number[];
  y: (v: number) => number;
  formatY?: (v: number) => string;
}

export function Axes({ width, height, margins: M, xTicks, x, yTicks, y, formatY }: AxesProps) {
  const fmt = useNumberFormat();
  const formatTickY = formatY ?? fmt.num;
  return (
    <g className="axis">
      {xTicks.map((v) => (
        <g key={v} transform={`translate(${x(v)},${height - M.bottom})`}>
          <line y2={5} />
          <text y={18}>{fmt.num(v)}</text>
        </g>
      ))}
      {yTicks.map((v) => (
        <g key={v} className="tick-y" transform={`translate(${M.left},${y(v)})`}>
          <line x2={-5} />
          <line className="grid" x2={width - M.left - M.right} />
          <text x={-8} dy="0.32em" textAnchor="end">
            {formatTickY(v)}
          </text>
        </g>
      ))}
      <line x1={M.left} x2={width - M.right} y1={height - M.bottom} y2={height - M.bottom} />
      <line x1={M.left} x2={M.left} y1={M.top} y2={height - M.bottom} />
    </g>
  );
}

/** At most `most` of the ticks, evenly thinned (the first one kept). */
export function thinTicks(ticks: readonly number[], most = 8): number[] {
  const every = Math.ceil(ticks.length / most);
  return ticks.filter((_, k) => k % every === 0);
}

/** The powers of ten among a log scale's ticks, at most `most` of them. */
export function decadeTicks(ticks: readonly number[], most = 8): number[] {
  return thinTicks(ticks.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9), most);
}
