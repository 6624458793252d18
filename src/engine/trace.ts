/**
 * A full trace of one sequence: every state, gate and output per step, and every gradient
 * (weights, total ∂L/∂h_t and ∂L/∂c_t, gate pre-activations). This is what `npm run trace`
 * prints and what the views display.
 */
import { GATE_NAMES, isPlainCell } from './spec';
import { lossAndGrad, type LossKind } from './loss';
import { namedWeights, weightToJson, type WeightJson } from './modelFile';
import type { Network } from './network';
import { writeSequence } from './tasks';
import type { FloatArray } from './tensor';

export interface TraceStep {
  h: number[];
  c?: number[];
  y: number[];
  /** Gate values after their nonlinearity: i f g o (LSTM), z r g (GRU), none (RNN). */
  gates: Record<string, number[]>;
}

export interface Trace {
  loss: number;
  steps: TraceStep[];
  grads: {
    /** Total ∂L/∂h_t per step. */
    h: number[][];
    /** Total ∂L/∂c_t per step (LSTM). */
    c?: number[][];
    /** ∂L/∂(gate pre-activation) per step, keyed like steps[t].gates (RNN: "h", its tanh input). */
    gates: Record<string, number[]>[];
    /** ∂L/∂w for every weight of the model file. */
    weights: Record<string, WeightJson>;
  };
}

const row = (buf: FloatArray, start: number, n: number): number[] => Array.from(buf.subarray(start, start + n));

/** Forward and backward over one sequence. Without targets, the loss and every gradient are 0. */
export function traceSequence(
  net: Network,
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[] | null)[] | null,
  loss: LossKind = 'mse',
): Trace {
  const { hiddenSize: H, outputSize: O, cell } = net.spec;
  const T = inputs.length;
  const ws = net.createWorkspace(T, 1);
  writeSequence(ws, 0, inputs, targets);
  net.forward(ws);
  const value = targets ? lossAndGrad(loss, ws, O) : 0;
  if (!targets) ws.dy.fill(0);
  net.zeroGrad();
  net.backward(ws);
  const names: readonly string[] = GATE_NAMES[cell];
  const G = net.G;
  const steps: TraceStep[] = [];
  const dh: number[][] = [];
  const dc: number[][] = [];
  const dgates: Record<string, number[]>[] = [];
  for (let s = 0; s < T; s++) {
    const gates: Record<string, number[]> = {};
    const dpre: Record<string, number[]> = {};
    names.forEach((name, k) => {
      gates[name] = row(ws.gates, s * G * H + k * H, H);
      dpre[name] = row(ws.dpre, s * G * H + k * H, H);
    });
    if (isPlainCell(cell)) dpre.h = row(ws.dpre, s * H, H);
    steps.push({
      h: row(ws.h, (s + 1) * H, H),
      ...(cell === 'lstm' ? { c: row(ws.c, (s + 1) * H, H) } : {}),
      y: row(ws.y, s * O, O),
      gates,
    });
    dh.push(row(ws.dh, s * H, H));
    if (cell === 'lstm') dc.push(row(ws.dc, s * H, H));
    dgates.push(dpre);
  }
  const weights: Record<string, WeightJson> = {};
  for (const weight of namedWeights(net)) if (weight.inFile) weights[weight.name] = weightToJson(weight, weight.dw);
  ws.release();
  return {
    loss: value,
    steps,
    grads: { h: dh, ...(cell === 'lstm' ? { c: dc } : {}), gates: dgates, weights },
  };
}
