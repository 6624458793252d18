/**
 * What a cell costs at a given size: its parameter count and the floating-point operations of
 * one time step for one sequence, forward and backward (a multiply–add counts as two). The
 * counts follow the engine's own equations; elementwise work is counted per operation.
 */
import type { CellKind } from './spec';

export interface CellCost {
  readonly params: number;
  /** FLOPs of one forward time step (one sequence), readout included. */
  readonly forwardFlops: number;
  /** FLOPs of one backward time step (one sequence): δ through the cell and the weight gradients. */
  readonly backwardFlops: number;
}

/** Elementwise operations per unit and time step (forward, backward), read off the cell code. */
const ELEMENTWISE: Record<CellKind, readonly [number, number]> = {
  // tanh; backward: δ·(1 − h²)
  fnn: [1, 3],
  // tanh; backward: δ·(1 − h²)
  rnn: [1, 3],
  // 3 σ, 2 tanh, c = f·c + i·g, h = o·tanh(c); backward: the δ of i f g o c and the carousel
  lstm: [5 + 3 + 1, 20],
  // 2 σ, tanh, r·h, h = z·h + (1−z)·g; backward: δ of z r g and h
  gru: [3 + 1 + 3, 16],
};

export function cellCost(
  cell: CellKind, I: number, H: number, O: number, options: { peephole?: boolean; resetAfter?: boolean; window?: number } = {},
): CellCost {
  const G = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
  const extra = cell === 'lstm' && options.peephole ? 3 * H : cell === 'gru' && options.resetAfter ? H : 0;
  // The FNN's W spans its window of k inputs, and it has no U.
  const inputs = cell === 'fnn' ? (options.window ?? 1) * I : I;
  const recurrent = cell === 'fnn' ? 0 : H;
  const params = G * H * (inputs + recurrent + 1) + extra + O * H + O;
  const matmul = 2 * G * H * (inputs + recurrent) + 2 * O * H; // W x, U h, and the readout
  const [fe, be] = ELEMENTWISE[cell];
  const peepFlops = cell === 'lstm' && options.peephole ? 6 * H : 0;
  return {
    params,
    forwardFlops: matmul + fe * H + peepFlops,
    // δh_{t−1} = Uᵀδ, ∂W += δxᵀ, ∂U += δhᵀ (each as large as the forward product), readout backward
    backwardFlops: 2 * (2 * G * H * recurrent) + 2 * G * H * inputs + 4 * O * H + be * H + 2 * peepFlops,
  };
}
