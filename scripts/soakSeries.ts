/**
 * The soak's series and its verdict, apart from the browser that produces them: one sample every
 * interval, and whether each measure stayed flat (its last sample within a bound of its first
 * after the warm-up).
 */

/** One reading, taken after a garbage collection in the page and in the training worker. */
export interface SoakSample {
  /** Seconds since training started. */
  readonly at: number;
  readonly step: number;
  readonly status: string;
  /** Used JS heap of the page, bytes. */
  readonly pageHeap: number;
  /** Array buffers and other backing stores of the page, bytes. */
  readonly pageBuffers: number;
  /** Used JS heap of the training worker, bytes. */
  readonly workerHeap: number;
  /** Its backing stores (the engine's typed arrays and wasm memory), bytes. */
  readonly workerBuffers: number;
  readonly domNodes: number;
  readonly listeners: number;
}

/**
 * The measures, with their names in the report, and whether flatness is judged on them: the JS
 * heaps, DOM nodes and listeners are; the backing stores are reported only, since one reading can
 * catch a snapshot's buffers in flight between the worker and the page.
 */
export const MEASURES = [
  ['pageHeap', 'page heap', true],
  ['pageBuffers', 'page buffers', false],
  ['workerHeap', 'worker heap', true],
  ['workerBuffers', 'worker buffers', false],
  ['domNodes', 'DOM nodes', true],
  ['listeners', 'listeners', true],
] as const satisfies readonly (readonly [keyof SoakSample, string, boolean])[];

export interface Verdict {
  readonly name: string;
  /** The median of the first three samples after the warm-up, and of the last three. */
  readonly first: number;
  readonly last: number;
  readonly ratio: number;
  /** The last single sample over the first single one after the warm-up. */
  readonly lastOverFirst: number;
  /** The smallest and largest sample after the warm-up. */
  readonly range: readonly [number, number];
  /** Null for a measure that is reported, not judged. */
  readonly flat: boolean | null;
}

/** The first sample at or after the warm-up (the first of all when the run is shorter). */
export function afterWarmup(samples: readonly SoakSample[], warmupS: number): SoakSample | undefined {
  return samples.find((s) => s.at >= warmupS) ?? samples[0];
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
};
const ratioOf = (a: number, b: number) => (a > 0 ? b / a : b > 0 ? Infinity : 1);

/**
 * Each measure's end against its start after the warm-up: flat when the median of the last three
 * samples is at most `bound` × the median of the first three. (Medians, because the DOM and
 * listener counts step between a few levels from one sample to the next, with no trend; the page's
 * own addEventListener calls stay level meanwhile, so the listener steps come from outside its
 * scripts. The single last/first ratio is reported too.)
 */
export function verdicts(samples: readonly SoakSample[], warmupS: number, bound = 1.2): Verdict[] {
  const start = afterWarmup(samples, warmupS);
  if (!start) return [];
  const settled = samples.slice(samples.indexOf(start));
  const head = settled.slice(0, 3);
  const tail = settled.slice(-3);
  return MEASURES.map(([key, name, judged]) => {
    const of = (xs: readonly SoakSample[]) => xs.map((x) => x[key] as number);
    const first = median(of(head));
    const last = median(of(tail));
    const ratio = ratioOf(first, last);
    const all = of(settled);
    return {
      name, first, last, ratio,
      lastOverFirst: ratioOf(all[0]!, all[all.length - 1]!),
      range: [Math.min(...all), Math.max(...all)] as const,
      flat: judged ? ratio <= bound : null,
    };
  });
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** One line of the running report. */
export function sampleLine(s: SoakSample): string {
  return [
    `${(s.at / 60).toFixed(1).padStart(5)} min`,
    `step ${s.step.toLocaleString('en-US').padStart(9)}`,
    s.status.padEnd(8),
    `page heap ${mb(s.pageHeap).padStart(8)} (+${mb(s.pageBuffers)} buffers)`,
    `worker heap ${mb(s.workerHeap).padStart(8)} (+${mb(s.workerBuffers)} buffers)`,
    `${s.domNodes.toLocaleString('en-US')} DOM nodes`,
    `${s.listeners.toLocaleString('en-US')} listeners`,
  ].join('  ');
}

/** The verdict lines: each measure's start and end after the warm-up, their ratio, and its range. */
export function verdictLines(vs: readonly Verdict[]): string[] {
  return vs.map((v) => {
    const bytes = !/DOM|listeners/.test(v.name);
    const show = (x: number) => (bytes ? mb(x) : Math.round(x).toLocaleString('en-US'));
    return [
      `${v.name.padEnd(15)} ${show(v.first).padStart(10)} → ${show(v.last).padStart(10)}  ×${v.ratio.toFixed(3)}`,
      `(last/first sample ×${v.lastOverFirst.toFixed(3)}, range ${show(v.range[0])}–${show(v.range[1])})`,
      v.flat === null ? 'reported, not judged' : v.flat ? 'flat' : 'GREW',
    ].join('  ');
  });
}
