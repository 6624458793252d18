/** Painting a dense matrix one pixel per cell, from a colour lookup table (see colorLut.ts). */

/**
 * Paint `pixels` (an offscreen canvas, resized to width × height) with the colour at LUT index
 * `index(col, row)` for each cell; the caller then draws it scaled, without smoothing.
 */
export function paintLut(
  pixels: HTMLCanvasElement,
  width: number,
  height: number,
  lut: Uint8ClampedArray,
  index: (col: number, row: number) => number,
): void {
  pixels.width = width;
  pixels.height = height;
  const ctx = pixels.getContext('2d')!;
  const image = ctx.createImageData(width, height);
  const data = image.data;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const c = index(col, row);
      const p = (row * width + col) * 4;
      data[p] = lut[c]!;
      data[p + 1] = lut[c + 1]!;
      data[p + 2] = lut[c + 2]!;
      data[p + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
}
