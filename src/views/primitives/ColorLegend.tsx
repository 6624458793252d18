/** The legend of valueColor: a gradient from −1 to 1, with the line styles of the diagrams. */
import { valueColor } from './color';

const STOPS = [-1, -0.5, 0, 0.5, 1];

export function ColorLegend() {
  return (
    <div className="legend" role="group" aria-label="Colour legend: purple −1, white 0, orange +1; solid lines this step, dashed lines from step t−1">
      <svg width={180} height={30} aria-hidden="true">
        <defs>
          <linearGradient id="legend-gradient">
            {STOPS.map((v) => (
              <stop key={v} offset={`${((v + 1) / 2) * 100}%`} stopColor={valueColor(v)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={10} y={2} width={160} height={12} fill="url(#legend-gradient)" stroke="#999" strokeWidth={0.5} />
        {[-1, 0, 1].map((v) => (
          <text key={v} x={10 + ((v + 1) / 2) * 160} y={27} textAnchor="middle" fontSize={11}>
            {v}
          </text>
        ))}
      </svg>
      <span className="legend-line legend-solid">this step</span>
      <span className="legend-line legend-dashed">from step t−1</span>
    </div>
  );
}
