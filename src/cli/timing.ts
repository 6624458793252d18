/** Timing for the benchmarks: calls per second of a function, medians, and the machine they ran on. */
import { cpus } from 'node:os';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Calls per second of `run`, over at least `seconds` and at least `least` calls. */
export function rate(run: () => void, seconds: number, least: number): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    run();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < seconds * 1000 || calls < least);
  return (calls * 1000) / elapsed;
}

/** The machine, as the benchmarks print it. */
export function machine(): string {
  return `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`;
}
