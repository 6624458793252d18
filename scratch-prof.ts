import { Rng, initNetwork, makeTask, Trainer } from './src/engine';
import { placeNetwork } from './src/engine/placement';
for (const H of [16, 128]) for (const kernels of ['wasm', 'js'] as const) {
  const task = makeTask({ name: 'sine', length: 50 });
  const placed = placeNetwork(kernels, { cell: 'lstm', inputSize: 1, hiddenSize: H, outputSize: 1, peephole: false, resetAfter: false }, [{ T: 50, B: 16 }]);
  if (!placed.ok) throw new Error();
  const rng = new Rng(1);
  initNetwork(placed.net, rng);
  const tr = new Trainer(placed.net, task, 16, { kind: 'adam', lr: 0.001, clip: 1 }, rng.fork());
  for (let i = 0; i < 100; i++) tr.step();
  const acc: Record<string, number> = {};
  const N = H === 16 ? 2000 : 200;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    let done = false;
    while (!done) {
      const phase = (tr as unknown as { phase: string }).phase;
      const s = performance.now();
      done = tr.advance();
      acc[phase] = (acc[phase] ?? 0) + performance.now() - s;
    }
  }
  const total = performance.now() - t0;
  console.log(`H=${H} ${kernels}: ${(total / N).toFixed(3)} ms/step;`, Object.entries(acc).map(([k, v]) => `${k} ${(v / N).toFixed(3)}`).join(', '));
}
