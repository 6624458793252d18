/** SVG and PNG buttons for the panel they sit in: the panel is drawn as an image and downloaded (not in embed mode). */
import { useState } from 'react';
import { useMessages } from '../../i18n';
import { useStore } from '../../store';
import { download } from '../../share/download';
import { panelSvg, svgToPng } from '../../share/exportImage';

export function ExportButtons({ name, file }: { name: string; file: string }) {
  const m = useMessages().exporting;
  const embed = useStore((s) => s.embed);
  const [failed, setFailed] = useState<string | null>(null);
  if (embed) return null;
  const panel = (button: HTMLElement): HTMLElement | null => button.closest('section');
  const save = async (button: HTMLElement, kind: 'svg' | 'png') => {
    const root = panel(button);
    if (!root) return;
    try {
      const image = panelSvg(root);
      if (kind === 'svg') download(`gatescope-${file}.svg`, image.svg, 'image/svg+xml');
      else download(`gatescope-${file}.png`, await svgToPng(image));
      setFailed(null);
    } catch (e) {
      setFailed((e as Error).message);
    }
  };
  return (
    <span className="export-buttons">
      <button type="button" className="small-button" aria-label={m.asSvg(name)} onClick={(e) => void save(e.currentTarget, 'svg')}>
        {m.svg}
      </button>
      <button type="button" className="small-button" aria-label={m.asPng(name)} onClick={(e) => void save(e.currentTarget, 'png')}>
        {m.png}
      </button>
      {failed !== null && (
        <span className="check-fail small" role="alert">
          {m.failed(failed)}
        </span>
      )}
    </span>
  );
}
