/** The legend of valueColor: a gradient from −1 to 1, with the line styles of the diagrams. */
import { valueColor } from './color';
import { useMessages } from '../../i18n';

const STOPS = [-1, -0.5, 0, 0.5, 1];

export function ColorLegend() {
  const m = useMessages().rolled;
  return (
    <div className="legend" role="group" aria-label={m.legend}>
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
          <text key={v} x={10 + ((v + 1) / 2) * 160} y={27} textAnchor="middle" fontSize={11} fill="currentColor">
            {v}
          </text>
        ))}
      </svg>
      <span className="legend-line legend-solid">{m.legendThisStep}</span>
      <span className="legend-line legend-dashed">{m.legendPrevious}</span>
    </div>
  );
}
