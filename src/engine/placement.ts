/**
 * A network on the kernels asked for: on the JS heap, or in a wasm arena just large enough for
 * its parameters, an optimiser's state and one workspace per shape it will run (measured by
 * building them once with a counting backend).
 */
import { MeasuringBackend, makeBackend, type KernelKind } from './backend';
import type { SimdProblem } from './wasm/simd';
import { Network } from './network';
import { Optimizer } from './optim';
import type { NetSpec } from './spec';

/** A batch shape the network will run: T steps of B sequences. */
export interface Room {
  readonly T: number;
  readonly B: number;
}

/** Floats an arena needs for a float32 network of `spec`, its optimiser, and a workspace per room. */
export function arenaFloats(spec: NetSpec, rooms: readonly Room[]): number {
  const measure = new MeasuringBackend();
  const net = new Network(spec, 'f32', measure);
  new Optimizer(net);
  for (const { T, B } of rooms) net.createWorkspace(T, B);
  return measure.floats;
}

export type Placed = { ok: true; net: Network } | { ok: false; problem: SimdProblem; reason: string };

/** A float32 network of `spec` on `kind` kernels, with room for `rooms`; 'wasm' says why it cannot run where it cannot. */
export function placeNetwork(kind: KernelKind, spec: NetSpec, rooms: readonly Room[]): Placed {
  const made = makeBackend(kind, kind === 'wasm' ? arenaFloats(spec, rooms) : 0);
  return made.ok ? { ok: true, net: new Network(spec, 'f32', made.backend) } : made;
}

/** A float32 copy of `net` (its spec and weights) on `kind` kernels, with room for `rooms`. */
export function placeCopy(kind: KernelKind, net: Network, rooms: readonly Room[]): Placed {
  const placed = placeNetwork(kind, net.spec, rooms);
  if (!placed.ok) return placed;
  const from = net.params();
  placed.net.params().forEach((p, k) => p.w.set(from[k]!.w));
  return placed;
}
