/**
 * The wasm arena: buffers come out zeroed and apart, go back and are reused, merged with their
 * free neighbours; a network with no room left lands on the JS heap and computes with the JS
 * kernels, correctly.
 */
import { expect, test } from 'vitest';
import { WasmBackend, makeBackend } from '../src/engine/backend';
import { Network, Optimizer, Rng, initNetwork, lossAndGrad, writeSequence } from '../src/engine';
import { arenaFloats } from '../src/engine/placement';
import { loadSimdKernels } from '../src/engine/wasm/simd';

const load = loadSimdKernels();
if (!load.ok) throw new Error(load.reason);
const arena = (floats: number) => new WasmBackend(load.modules, floats);

test('buffers are zeroed, 16-byte aligned, apart, and reused once released; free ranges merge', () => {
  const b = arena(16384);
  const total = b.freeFloats;
  const x = b.alloc('f32', 10);
  const y = b.alloc('f32', 7);
  expect([x.byteOffset % 16, y.byteOffset % 16]).toEqual([0, 0]);
  expect(y.byteOffset).toBeGreaterThanOrEqual(x.byteOffset + 10 * 4 + 16); // a vector of slack between
  x.fill(3);
  y.fill(4);
  b.release(x);
  const z = b.alloc('f32', 10);
  expect(z.byteOffset).toBe(x.byteOffset);
  expect(Array.from(z)).toEqual(new Array(10).fill(0));
  expect(Array.from(y)).toEqual(new Array(7).fill(4));
  b.release(y);
  b.release(z);
  expect(b.freeFloats).toBe(total);
  // After every release the whole arena is one range again: the largest buffer fits.
  expect(b.simdFor(b.alloc('f32', total - 4))).not.toBeNull();
});

test('float64 and buffers with no room left come from the JS heap', () => {
  const b = arena(1000);
  expect(b.simdFor(b.alloc('f64', 8))).toBeNull();
  expect(b.simdFor(b.alloc('f32', 1e6))).toBeNull();
});

test('the measuring pass gives exactly the room a network, its optimiser and its workspaces take', () => {
  const spec = { cell: 'lstm', inputSize: 2, hiddenSize: 7, outputSize: 1, peephole: true, resetAfter: false } as const;
  const floats = arenaFloats(spec, [{ T: 9, B: 3 }]);
  const b = arena(floats);
  const room = b.freeFloats;
  const net = new Network(spec, 'f32', b);
  const ws = net.createWorkspace(9, 3);
  new Optimizer(net);
  expect(net.simd).not.toBeNull();
  expect(ws.simd).not.toBeNull();
  expect(room - b.freeFloats).toBe(floats);
});

test('a workspace that does not fit computes with the JS kernels, and gives the same numbers as a JS network', () => {
  const spec = { cell: 'gru', inputSize: 1, hiddenSize: 6, outputSize: 1, peephole: false, resetAfter: true } as const;
  const made = makeBackend('wasm', arenaFloats(spec, []));
  if (!made.ok) throw new Error(made.reason);
  const net = new Network(spec, 'f32', made.backend);
  const plain = new Network(spec, 'f32');
  initNetwork(net, new Rng(2));
  initNetwork(plain, new Rng(2));
  const [T, B] = [200, 40]; // 3·6·T·B floats of gates alone: more than the arena's one page
  const losses = [net, plain].map((n) => {
    const ws = n.createWorkspace(T, B);
    expect(ws.simd).toBeNull();
    for (let b = 0; b < B; b++) writeSequence(ws, b, Array.from({ length: T }, (_, t) => [Math.sin(t + b)]), Array.from({ length: T }, () => [0.5]));
    n.forward(ws);
    return lossAndGrad('mse', ws, 1);
  });
  expect(losses[0]).toBe(losses[1]);
});
