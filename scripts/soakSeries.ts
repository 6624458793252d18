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
  readonly first: number;
  readonly last: number;
  readonly ratio: number;
  /** Null for a measure that is reported, not judged. */
  readonly flat: boolean | null;
}

/** The first sample at or after the warm-up (the first of all when the run is shorter). */
export function afterWarmup(samples: readonly SoakSample[], warmupS: number): SoakSample | undefined {
  return samples.find((s) => s.at >= warmupS) ?? samples[0];
}

/** Each measure's last sample against its first after the warm-up: flat when last ≤ bound × first. */
export function verdicts(samples: readonly SoakSample[], warmupS: number, bound = 1.2): Verdict[] {
  const first = afterWarmup(samples, warmupS);
  const last = samples[samples.length - 1];
  if (!first || !last) return [];
  return MEASURES.map(([key, name, judged]) => {
    const a = first[key] as number;
    const b = last[key] as number;
    const ratio = a > 0 ? b / a : b > 0 ? Infinity : 1;
    return { name, first: a, last: b, ratio, flat: judged ? ratio <= bound : null };
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

/** The verdict lines: each measure's first-after-warm-up and last value, and their ratio. */
export function verdictLines(vs: readonly Verdict[]): string[] {
  return vs.map((v) => {
    const bytes = !/DOM|listeners/.test(v.name);
    const show = (x: number) => (bytes ? mb(x) : x.toLocaleString('en-US'));
    return `${v.name.padEnd(15)} ${show(v.first).padStart(10)} → ${show(v.last).padStart(10)}  ×${v.ratio.toFixed(3)}  ${v.flat === null ? '(reported, not judged)' : v.flat ? 'flat' : 'GREW'}`;
  });
}
