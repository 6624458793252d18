/**
 * Losses over the steps that have a target, and their gradient ∂L/∂y_t.
 *   mse: L = (1/N) Σ (y_tk − target_tk)² over the N pairs (t, k) that have a target.
 *   ce:  L = (1/N) Σ −Σ_k target_tk · log softmax(y_t)_k over the N steps that have a target
 *        (target rows are class distributions, usually one-hot).
 * N counts across the whole batch.
 */
import type { Workspace } from './workspace';

export type LossKind = 'mse' | 'ce';

/** Compute L for ws.y against ws.target and write ∂L/∂y into ws.dy. */
export function lossAndGrad(kind: LossKind, ws: Workspace, O: number): number {
  return kind === 'mse' ? mse(ws, O) : crossEntropy(ws, O);
}

/** N: how many terms the loss averages over (target pairs for mse, target steps for ce). */
export function targetCount(kind: LossKind, ws: Workspace, O: number): number {
  let steps = 0;
  for (let r = 0; r < ws.T * ws.B; r++) if (ws.mask[r]) steps++;
  return kind === 'mse' ? steps * O : steps;
}

function mse(ws: Workspace, O: number): number {
  const { y, target, mask, dy } = ws;
  const steps = ws.T * ws.B;
  const n = targetCount('mse', ws, O);
  let sum = 0;
  const scale = n > 0 ? 2 / n : 0;
  for (let r = 0; r < steps; r++) {
    const base = r * O;
    if (!mask[r]) {
      for (let k = 0; k < O; k++) dy[base + k] = 0;
      continue;
    }
    for (let k = 0; k < O; k++) {
      const e = y[base + k] - target[base + k];
      sum += e * e;
      dy[base + k] = scale * e;
    }
  }
  return n > 0 ? sum / n : 0;
}

function crossEntropy(ws: Workspace, O: number): number {
  const { y, target, mask, dy } = ws;
  const steps = ws.T * ws.B;
  const n = targetCount('ce', ws, O);
  let sum = 0;
  for (let r = 0; r < steps; r++) {
    const base = r * O;
    if (!mask[r]) {
      for (let k = 0; k < O; k++) dy[base + k] = 0;
      continue;
    }
    // log-sum-exp, shifted by the largest logit for stability.
    let max = -Infinity;
    for (let k = 0; k < O; k++) if (y[base + k] > max) max = y[base + k];
    let z = 0;
    for (let k = 0; k < O; k++) z += Math.exp(y[base + k] - max);
    const logZ = max + Math.log(z);
    let mass = 0;
    for (let k = 0; k < O; k++) {
      const t = target[base + k];
      sum -= t * (y[base + k] - logZ);
      mass += t;
    }
    // ∂/∂y_k of −Σ t_j log p_j = p_k · Σ t_j − t_k.
    for (let k = 0; k < O; k++) dy[base + k] = (Math.exp(y[base + k] - logZ) * mass - target[base + k]) / n;
  }
  return n > 0 ? sum / n : 0;
}
