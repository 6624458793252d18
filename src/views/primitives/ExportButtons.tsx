/** SVG and PNG buttons for the panel they sit in: the panel is drawn as an image and downloaded. */
import { useMessages } from '../../i18n';
import { download } from '../../share/download';
import { panelSvg, svgToPng } from '../../share/exportImage';

export function ExportButtons({ name, file }: { name: string; file: string }) {
  const m = useMessages().exporting;
  const panel = (button: HTMLElement): HTMLElement | null => button.closest('section');
  return (
    <span className="export-buttons">
      <button
        type="button"
        className="small-button"
        aria-label={m.asSvg(name)}
        onClick={(e) => {
          const root = panel(e.currentTarget);
          if (root) download(`gatescope-${file}.svg`, panelSvg(root).svg, 'image/svg+xml');
        }}
      >
        {m.svg}
      </button>
      <button
        type="button"
        className="small-button"
        aria-label={m.asPng(name)}
        onClick={async (e) => {
          const root = panel(e.currentTarget);
          if (root) download(`gatescope-${file}.png`, await svgToPng(panelSvg(root)));
        }}
      >
        {m.png}
      </button>
    </span>
  );
}
