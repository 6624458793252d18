/** When the peepholes came on, for the view that shows how far they have grown since (see ConfigSlice.peepholeMark). */
import type { RunConfig } from '../worker/protocol';

export type PeepholeMark = { readonly step: number; readonly p: Float32Array | null } | null;

/** A fresh network with peepholes on starts with them at their values then (0 unless imported). */
export const peepholeMarkFor = (config: RunConfig): PeepholeMark =>
  config.cell === 'lstm' && config.peephole ? { step: 0, p: null } : null;
