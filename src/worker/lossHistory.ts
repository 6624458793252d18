/**
 * The training loss over the whole run in bounded memory: batch losses are averaged over
 * `stride` steps per point, and when the buffer fills, neighbouring points merge and the
 * stride doubles. So the curve always spans the run, with at most `capacity` points.
 */
/** A loss history as a checkpoint carries it. */
export interface LossHistoryState {
  readonly steps: Float64Array;
  readonly losses: Float32Array;
  readonly stride: number;
  readonly sum: number;
  readonly count: number;
}

export class LossHistory {
  /** Step number at the end of each point's window. */
  private readonly steps: Float64Array;
  /** Mean batch loss over each point's window. */
  private readonly losses: Float32Array;
  /** Points stored. */
  private n = 0;
  /** Steps per point. */
  private stride = 1;
  /** Sum and count of the window being filled. */
  private sum = 0;
  private count = 0;

  /** `capacity` must be even, so that a full buffer merges into whole pairs. */
  constructor(private readonly capacity = 1000) {
    this.steps = new Float64Array(capacity);
    this.losses = new Float32Array(capacity);
  }

  push(step: number, loss: number): void {
    this.sum += loss;
    this.count++;
    if (this.count < this.stride) return;
    this.steps[this.n] = step;
    this.losses[this.n] = this.sum / this.count;
    this.n++;
    this.sum = 0;
    this.count = 0;
    // Full: merge pairs of equal windows, so every point keeps covering `stride` steps.
    if (this.n === this.capacity) this.compact();
  }

  /** Copies of the points, for a snapshot. */
  copy(): { steps: Float64Array; losses: Float32Array } {
    return { steps: this.steps.slice(0, this.n), losses: this.losses.slice(0, this.n) };
  }

  /** Everything needed to carry on exactly, for a checkpoint (copies). */
  state(): LossHistoryState {
    return { ...this.copy(), stride: this.stride, sum: this.sum, count: this.count };
  }

  /** Carry on from a checkpoint's state. */
  load(state: LossHistoryState): void {
    const n = Math.min(state.steps.length, this.capacity - 1);
    this.steps.set(state.steps.subarray(0, n));
    this.losses.set(state.losses.subarray(0, n));
    this.n = n;
    this.stride = state.stride;
    this.sum = state.sum;
    this.count = state.count;
  }

  /** Drop the points after `step` (going back to an earlier state) and the window being filled. */
  truncate(step: number): void {
    while (this.n > 0 && this.steps[this.n - 1]! > step) this.n--;
    this.sum = 0;
    this.count = 0;
  }

  clear(): void {
    this.n = 0;
    this.stride = 1;
    this.sum = 0;
    this.count = 0;
  }

  private compact(): void {
    const half = this.n >> 1;
    for (let k = 0; k < half; k++) {
      this.steps[k] = this.steps[2 * k + 1]!;
      this.losses[k] = (this.losses[2 * k]! + this.losses[2 * k + 1]!) / 2;
    }
    this.n = half;
    this.stride *= 2;
  }
}
