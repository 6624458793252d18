/** Sharing comparison runs between workers (no engine code: the page imports it). */
/**
 * Share runs between `workers` workers so that each has about the same work: heaviest first,
 * each to the least loaded worker. `cost` is the work of one run.
 */
export function shareRuns<R>(runs: readonly R[], workers: number, cost: (run: R) => number): R[][] {
  const shares: R[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  const order = runs.map((run, k) => ({ run, k, c: cost(run) })).sort((a, b) => b.c - a.c || a.k - b.k);
  for (const { run, c } of order) {
    const w = load.indexOf(Math.min(...load));
    shares[w]!.push(run);
    load[w]! += c;
  }
  return shares;
}
