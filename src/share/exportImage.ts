/**
 * A panel as an image: its diagrams and charts (SVG, kept as vectors with their computed
 * styles written in), its canvases (heatmaps, strips) as embedded bitmaps, and its headings
 * and captions as text, each where it sits on the page. PNG renders that SVG at twice the size.
 * The copy carries no class and no style attribute, so it draws the same under a strict CSP.
 */

/** The presentation properties the page sets through CSS, written into the copy as attributes. */
const PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility', 'paint-order',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

function inlineStyles(source: Element, copy: Element): void {
  const style = getComputedStyle(source);
  if (style.display === 'none') {
    copy.setAttribute('display', 'none');
    return;
  }
  for (const prop of PROPS) {
    const value = style.getPropertyValue(prop);
    if (value) copy.setAttribute(prop, value);
  }
  copy.removeAttribute('class');
  // What a style attribute set is in the computed values above; an SVG drawn from a blob: URL
  // inherits the page's policy (style-src 'self'), which would refuse the attribute anyway.
  copy.removeAttribute('style');
  for (let k = 0; k < source.children.length; k++) {
    const child = copy.children[k];
    if (child) inlineStyles(source.children[k]!, child);
  }
}

/** Top-level elements of `kind` inside root (an svg inside an svg goes with its parent). */
function outermost<K extends keyof HTMLElementTagNameMap | 'svg'>(root: Element, selector: K): Element[] {
  return Array.from(root.querySelectorAll(selector)).filter((el) => !el.parentElement?.closest('svg'));
}

export interface PanelImage {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

export function panelSvg(root: HTMLElement): PanelImage {
  const box = root.getBoundingClientRect();
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height);
  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', String(width));
  background.setAttribute('height', String(height));
  background.setAttribute('fill', getComputedStyle(root).backgroundColor || '#ffffff');
  out.append(background);
  const place = (el: Element, node: Element) => {
    const r = el.getBoundingClientRect();
    node.setAttribute('x', String(r.left - box.left));
    node.setAttribute('y', String(r.top - box.top));
    node.setAttribute('width', String(r.width));
    node.setAttribute('height', String(r.height));
  };
  for (const svg of outermost(root, 'svg')) {
    if (svg.getAttribute('aria-hidden') === 'true' && !svg.closest('.legend')) continue; // swatches in tables
    const copy = svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(svg, copy);
    place(svg, copy);
    out.append(copy);
  }
  for (const canvas of Array.from(root.querySelectorAll('canvas'))) {
    const image = document.createElementNS(SVG_NS, 'image');
    image.setAttribute('href', canvas.toDataURL('image/png'));
    image.setAttribute('preserveAspectRatio', 'none');
    place(canvas, image);
    out.append(image);
  }
  for (const el of Array.from(root.querySelectorAll('h2, figcaption'))) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const text = document.createElementNS(SVG_NS, 'text');
    text.textContent = el.textContent ?? '';
    text.setAttribute('x', String(r.left - box.left));
    text.setAttribute('y', String(r.top - box.top + parseFloat(style.fontSize)));
    for (const prop of ['fill', 'font-family', 'font-size', 'font-weight'] as const) {
      text.setAttribute(prop, prop === 'fill' ? style.color : style.getPropertyValue(prop));
    }
    out.append(text);
  }
  return { svg: new XMLSerializer().serializeToString(out), width, height };
}

/** The SVG drawn onto a canvas at `scale`, as a PNG. */
export async function svgToPng(image: PanelImage, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([image.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.width * scale);
    canvas.height = Math.round(image.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
