/**
 * How far back the error signal reaches: for held-out sequences whose loss sits at the last
 * target step T, the ratio ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ (as a mean of log10 over the sequences, so
 * a geometric mean). Near 0 the first step hears the error as loudly as the last; −10 means
 * it hears 10⁻¹⁰ of it. A norm at 0 or below the smallest float32 counts as that float32.
 */
import type { Network } from './network';
import type { Task } from './tasks';
import { Rng } from './rng';
import { lossAndGrad } from './loss';
import { EVAL_CHUNK, HELD_OUT_SEED } from './trainer';
import { F32_TINY, rowNorm } from './gradientStats';

/** Sequences the reach is averaged over. */
export const REACH_COUNT = 64;

/** Mean over `count` held-out sequences of log10(‖∂L/∂h_1‖ / ‖∂L/∂h_T‖); NaN if no sequence has a target. */
export function log10GradientRatio(net: Network, task: Task, count = REACH_COUNT, seed = HELD_OUT_SEED): number {
  const H = net.spec.hiddenSize;
  const T = task.length;
  const B = Math.min(count, EVAL_CHUNK);
  const ws = net.createWorkspace(T, B);
  const rng = new Rng(seed);
  let sum = 0;
  let n = 0;
  for (let done = 0; done < count; done += B) {
    task.fill(rng, ws);
    net.forward(ws);
    lossAndGrad(task.loss, ws, net.spec.outputSize);
    net.zeroGrad();
    net.backward(ws);
    for (let b = 0; b < B && done + b < count; b++) {
      // T: this sequence's last step with a target.
      let last = T - 1;
      while (last > 0 && !ws.mask[last * B + b]) last--;
      if (!ws.mask[last * B + b]) continue;
      const first = rowNorm(ws.dh, b * H, H);
      const end = rowNorm(ws.dh, (last * B + b) * H, H);
      if (!(end > F32_TINY) || !Number.isFinite(first) || !Number.isFinite(end)) continue;
      sum += Math.log10(Math.max(first, F32_TINY) / end);
      n++;
    }
  }
  ws.release();
  return n > 0 ? sum / n : Number.NaN;
}
