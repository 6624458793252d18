/**
 * Proof that the gradients are right: the analytic gradients of a model on one sequence,
 * compared with central finite differences of its loss, computed in float64. For each named
 * weight the largest relative error over the elements checked is reported.
 */
import { lossAndGrad, type LossKind } from './loss';
import { modelToFile, namedWeights, parseModel } from './modelFile';
import type { Network } from './network';
import { writeSequence } from './tasks';

export interface GradientCheck {
  /** Named weight (W_i, U_f, …). */
  readonly name: string;
  /** Elements compared (all of them, or an even sample of a large matrix). */
  readonly checked: number;
  /** max |analytic − numeric| / max(|analytic| + |numeric|, 1e-8) over those elements. */
  readonly maxRelError: number;
}

/** Elements compared per named weight at most; a larger weight is sampled evenly. */
export const CHECK_PER_WEIGHT = 24;

/**
 * Compare `analytic` (per named weight, in file order) with central differences of `lossAt`,
 * which computes the loss after adding `eps` to one element of one weight.
 */
export function compareWithFiniteDifferences(
  weights: readonly { name: string; size: number }[],
  analytic: readonly ArrayLike<number>[],
  lossAt: (weight: number, index: number, eps: number) => number,
  eps = 1e-5,
): GradientCheck[] {
  return weights.map(({ name, size }, w) => {
    const count = Math.min(size, CHECK_PER_WEIGHT);
    let worst = 0;
    for (let k = 0; k < count; k++) {
      const index = Math.floor((k * size) / count);
      const numeric = (lossAt(w, index, eps) - lossAt(w, index, -eps)) / (2 * eps);
      const a = analytic[w]![index]!;
      const err = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-8);
      if (err > worst || !Number.isFinite(err)) worst = Number.isFinite(err) ? err : Infinity;
    }
    return { name, checked: count, maxRelError: worst };
  });
}

/** Check every named weight of `net` (in float64, on a copy) on one sequence with targets. */
export function checkGradients(
  net: Network,
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[] | null)[],
  loss: LossKind = 'mse',
): GradientCheck[] {
  const copy = parseModel(modelToFile(net), 'f64');
  if (net.spec.cell === 'lstm' && net.spec.peephole !== copy.spec.peephole) copy.setPeephole(net.spec.peephole);
  copy.interventions.copyFrom(net.interventions); // the network as intervened on
  const ws = copy.createWorkspace(inputs.length, 1);
  writeSequence(ws, 0, inputs, targets);
  const O = copy.spec.outputSize;
  const evaluate = (): number => {
    copy.forward(ws);
    return lossAndGrad(loss, ws, O);
  };
  evaluate();
  copy.zeroGrad();
  copy.backward(ws);
  const named = namedWeights(copy).filter((w) => w.inFile);
  const analytic = named.map((w) => Float64Array.from(w.dw));
  return compareWithFiniteDifferences(
    named.map((w) => ({ name: w.name, size: w.w.length })),
    analytic,
    (w, index, eps) => {
      const values = named[w]!.w;
      const keep = values[index]!;
      values[index] = keep + eps;
      const value = evaluate();
      values[index] = keep;
      return value;
    },
  );
}
