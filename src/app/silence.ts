/**
 * How long a worker has been silent, counted over the time the page could have heard it. A gap
 * between two of the page's own checks counts up to COUNTED_GAP_MS only: a page that was itself
 * busy (a long task such as an accessibility scan, or a starved core) could not take the worker's
 * messages meanwhile, and they wait in its queue. A background tab's checks, throttled to one a
 * second, count in full.
 */
export const COUNTED_GAP_MS = 1100;

export class Silence {
  private quiet = 0;
  private lastCheck: number;

  constructor(now: number) {
    this.lastCheck = now;
  }

  /** The worker spoke. */
  heard(): void {
    this.quiet = 0;
  }

  /** A check at `now` (the page calls this every 250 ms or so): the silence counted so far, in ms. */
  check(now: number): number {
    this.quiet += Math.min(Math.max(now - this.lastCheck, 0), COUNTED_GAP_MS);
    this.lastCheck = now;
    return this.quiet;
  }
}
