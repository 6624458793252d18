/**
 * Gradient history: how the backward flow changes as the network learns. Each row is one
 * snapshot (a training step), each column a time step of the probe, coloured by
 * log ‖∂L/∂h_t‖. Rows build up from the snapshots as they arrive (through a store
 * subscription, not React renders); when the buffer is full, every other row is dropped, so
 * it always spans the run. A new network or a reset starts it again.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import type { Snapshot } from '../../worker/protocol';
import { MAGNITUDE_LUT } from '../primitives/colorLut';
import { paintLut } from '../primitives/pixels';
import { stepNorms } from '../../engine/gradientStats';
import { useMessages, useNumberFormat } from '../../i18n';
import { ScaleLegend } from '../primitives/ScaleLegend';
import { formatValue } from '../primitives/color';

const ROWS = 160;

class History {
  /** log10 ‖∂L/∂h_t‖ per row and step: [ROWS][T]. */
  values: Float32Array;
  /** The training step of each row. */
  steps: Float64Array;
  n = 0;
  /** Keep one snapshot in `stride`. */
  stride = 1;
  seen = 0;
  constructor(readonly T: number) {
    this.values = new Float32Array(ROWS * T);
    this.steps = new Float64Array(ROWS);
  }
  add(s: Snapshot): void {
    if (this.seen++ % this.stride !== 0) return;
    if (this.n === ROWS) {
      for (let r = 0; r < ROWS / 2; r++) {
        this.values.copyWithin(r * this.T, 2 * r * this.T, (2 * r + 1) * this.T);
        this.steps[r] = this.steps[2 * r]!;
      }
      this.n = ROWS / 2;
      this.stride *= 2;
    }
    const norms = stepNorms(s.dh, s.T, s.H);
    for (let t = 0; t < this.T; t++) this.values[this.n * this.T + t] = Math.log10(Math.max(norms[t]!, 1e-45));
    this.steps[this.n] = s.step;
    this.n++;
  }
}

export function GradientHistory() {
  const m = useMessages().gradient;
  const fmt = useNumberFormat();
  const ref = useRef<HTMLCanvasElement>(null);
  const [span, setSpan] = useState<{ from: number; to: number; lo: number; hi: number } | null>(null);
  const legends = useMessages().legends;
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    let history: History | null = null;
    let lastStep = -1;
    let lastSnapshot: Snapshot | null = null;
    const pixels = document.createElement('canvas');
    const unsubscribe = useStore.subscribe((state) => {
      const s = state.snapshot;
      if (!s || s === lastSnapshot) return;
      lastSnapshot = s;
      // A new network (another length) or a step count going back (reset, restore) starts over.
      if (!history || history.T !== s.T || s.step < lastStep) history = new History(s.T);
      if (s.step === lastStep) return;
      lastStep = s.step;
      history.add(s);
      const { n, T, values } = history;
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < n * T; k++) {
        const v = values[k]!;
        if (v > -44) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      const range = Math.max(hi - lo, 1e-6);
      paintLut(pixels, T, n, MAGNITUDE_LUT, (t, r) => {
        const v = values[r * T + t]!;
        return v > -44 ? Math.round(((v - lo) / range) * 255) * 3 : 0;
      });
      canvas.width = T * 4;
      canvas.height = ROWS;
      const ctx = canvas.getContext('2d')!;
      ctx.imageSmoothingEnabled = false;
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(pixels, 0, 0, canvas.width, (n / ROWS) * canvas.height);
      setSpan({ from: history.steps[0]!, to: history.steps[n - 1]!, lo, hi: lo + range });
    });
    return unsubscribe;
  }, []);
  // Until the first row arrives the range is unknown.
  const known = span !== null && Number.isFinite(span.lo);
  const low = known ? formatValue(10 ** span.lo) : '–';
  const high = known ? formatValue(10 ** span.hi) : '–';
  return (
    <figure className="gradient-history" data-rows={span ? 'yes' : 'no'} data-scale="step-norm">
      <figcaption>
        {m.history}
        {span && (
          <span className="muted">
            {' '}
            {m.historySpan(fmt.int(span.from), fmt.int(span.to))}
          </span>
        )}
      </figcaption>
      <canvas ref={ref} role="img" aria-label={m.historyLabel} />
      <ScaleLegend scale="step-norm" ramp="magnitude" caption={legends.stepNorm} low={low} high={high} name={legends.stepNormName(low, high)} />
    </figure>
  );
}
