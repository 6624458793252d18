/**
 * What a variant of the LSTM takes out of the drawn cell or couples in it, for both diagrams: a
 * gate held at 1 (the 1997 LSTM's f, NIG's i, NOG's o), f made from i (CIFG), g without its tanh
 * (NIAF), h without the tanh of c (NOAF), and the controllers fed their own values of the step
 * before (FGR). The diagrams mark these nodes and connections; the equations say the same.
 */
import type { LstmChange } from '../../engine/spec';
import type { NodeId } from '../../snapshot/values';

export type NodeMark = 'removed' | 'coupled' | 'linear';

export interface VariantMarks {
  readonly nodes: Readonly<Partial<Record<NodeId, NodeMark>>>;
  /** NOAF: the tanh between c_t and the output gate is gone. */
  readonly outputTanhRemoved: boolean;
  /** FGR: i, f and o each receive [i f o]_{t−1}. */
  readonly gateRecurrence: boolean;
}

const NONE: VariantMarks = { nodes: {}, outputTanhRemoved: false, gateRecurrence: false };

export function variantMarks(c: { readonly cell: string; readonly forgetFixed?: boolean; readonly change?: LstmChange | null }): VariantMarks {
  if (c.cell !== 'lstm') return NONE;
  const nodes: Partial<Record<NodeId, NodeMark>> = {};
  if (c.forgetFixed) nodes.f = 'removed';
  if (c.change === 'NIG') nodes.i = 'removed';
  if (c.change === 'NOG') nodes.o = 'removed';
  if (c.change === 'CIFG') nodes.f = 'coupled';
  if (c.change === 'NIAF') nodes.g = 'linear';
  return { nodes, outputTanhRemoved: c.change === 'NOAF', gateRecurrence: c.change === 'FGR' };
}

/** The short label a marked node shows in place of σ k / g. */
export function markedLabel(id: NodeId, mark: NodeMark): string {
  if (mark === 'removed') return `${id} = 1`;
  if (mark === 'coupled') return 'f = 1−i';
  return `${id} lin.`;
}
