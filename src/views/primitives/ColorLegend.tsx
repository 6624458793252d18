/** The legend of valueColor (−1 to 1), with the line styles of the diagrams. */
import { ScaleLegend } from './ScaleLegend';
import { useMessages } from '../../i18n';

export function ColorLegend({ lines = true }: { lines?: boolean }) {
  const msg = useMessages();
  const m = msg.rolled;
  return (
    <ScaleLegend scale="value" ramp="value" caption={msg.legends.value} low="−1" mid="0" high="+1" name={lines ? m.legend : msg.legends.valueName}>
      {lines && (
        <>
          <span className="legend-line legend-solid">{m.legendThisStep}</span>
          <span className="legend-line legend-dashed">{m.legendPrevious}</span>
        </>
      )}
    </ScaleLegend>
  );
}
