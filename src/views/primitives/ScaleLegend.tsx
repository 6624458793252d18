/**
 * The key of one colour scale: a bar with its range and what it measures, next to the view that
 * uses the scale. `scale` names it (data-legend), matching the data-scale of what it colours.
 */
import { useId } from 'react';
import { interpolateViridis } from 'd3-scale-chromatic';
import { formatValue, valueColor } from './color';
import { DECADES } from './colorLut';
import { useMessages } from '../../i18n';

export type Ramp = 'value' | 'magnitude';

/** Colour at position p ∈ [0, 1] along the bar. */
const RAMPS: Record<Ramp, (p: number) => string> = {
  value: (p) => valueColor(2 * p - 1),
  magnitude: (p) => interpolateViridis(p),
};

const STOPS = [0, 0.25, 0.5, 0.75, 1];
const BAR_W = 150;

export interface ScaleLegendProps {
  scale: string;
  ramp: Ramp;
  /** What the colour measures, shown beside the bar. */
  caption: string;
  /** The labels under the bar: at 0 (left), optionally the middle, and 1 (right). */
  low: string;
  mid?: string;
  high: string;
  /** The legend read as one sentence (its accessible name). */
  name: string;
  children?: React.ReactNode;
}

export function ScaleLegend({ scale, ramp, caption, low, mid, high, name, children }: ScaleLegendProps) {
  const id = useId();
  const colour = RAMPS[ramp];
  const ticks: [number, string][] = [[0, low], ...(mid !== undefined ? ([[0.5, mid]] as [number, string][]) : []), [1, high]];
  return (
    <div className="legend" data-legend={scale} role="group" aria-label={name}>
      <span className="legend-scale" aria-hidden="true">
        <svg width={BAR_W + 40} height={30} viewBox={`0 0 ${BAR_W + 40} 30`}>
          <defs>
            <linearGradient id={id}>
              {STOPS.map((p) => (
                <stop key={p} offset={`${p * 100}%`} stopColor={colour(p)} />
              ))}
            </linearGradient>
          </defs>
          <rect x={20} y={2} width={BAR_W} height={12} fill={`url(#${id})`} stroke="#999" strokeWidth={0.5} />
          {ticks.map(([p, label]) => (
            <text key={p} x={20 + p * BAR_W} y={27} textAnchor="middle" fontSize={11} fill="currentColor">
              {label}
            </text>
          ))}
        </svg>
        <span className="legend-caption">{caption}</span>
      </span>
      {children}
    </div>
  );
}

/** The key of a gradient magnitude |∂L/∂what| on the log scale topped at 10^logMax, DECADES decades deep. */
export function GradientLegend({ scale, what, logMax }: { scale: string; what: string; logMax: number }) {
  const m = useMessages().legends;
  const known = Number.isFinite(logMax);
  const low = known ? formatValue(10 ** (logMax - DECADES)) : '–';
  const high = known ? formatValue(10 ** logMax) : '–';
  return <ScaleLegend scale={scale} ramp="magnitude" caption={m.gradient(what)} low={low} high={high} name={m.gradientName(what, low, high)} />;
}
