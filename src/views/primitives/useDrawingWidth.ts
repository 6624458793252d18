/**
 * The width to draw a chart at, in its own units: its ideal width, or the width it has on
 * screen when that is less. A chart drawn at its ideal width and scaled down to a phone would
 * shrink its text with it; drawn at the screen's width, its text keeps its size.
 * Returns a ref for the chart's <svg> (it may mount later than the component) and the width.
 */
import { useLayoutEffect, useState } from 'react';

export function useDrawingWidth(ideal: number, least = 260): [(svg: SVGSVGElement | null) => void, number] {
  const [svg, setSvg] = useState<SVGSVGElement | null>(null);
  const [width, setWidth] = useState(ideal);
  useLayoutEffect(() => {
    if (!svg) return;
    const measure = () => {
      const shown = svg.getBoundingClientRect().width;
      if (shown > 0) setWidth(Math.max(least, Math.min(ideal, Math.round(shown))));
    };
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(svg);
    return () => resize.disconnect();
  }, [svg, ideal, least]);
  return [setSvg, width];
}
