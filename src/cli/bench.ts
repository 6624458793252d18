/**
 * npm run bench [-- --json] [--cells lstm,gru,rnn,fnn] [--hidden 16,64,128] [--kernels js|wasm|both]
 *               [--repeats N] [--min-time S] [--products]
 * Training steps per second (batch generation, forward, BPTT, Adam update) at T = 50, B = 16,
 * I = O = 1, with the JS kernels and the WASM SIMD kernels (both by default), interleaved run by
 * run, each figure the median over repeated timed runs after a warm-up, and their ratio. With
 * --products: the matrix products alone (benchProducts.ts).
 */
import { CELL_KINDS, MAX_SIZE, type CellKind } from '../engine/spec';
import { Rng } from '../engine/rng';
import { initNetwork } from '../engine/init';
import { makeTask } from '../engine/tasks';
import { Trainer } from '../engine/trainer';
import { placeNetwork } from '../engine/placement';
import type { KernelKind } from '../engine/backend';
import { loadSimdKernels } from '../engine/wasm/simd';
import { UsageError, isEntry, numberOption, parseOptions, runProcess, type Io } from './common';
import { benchProducts, printProducts } from './benchProducts';
import { machine, median, rate } from './timing';

const SEQ = 50;
const BATCH = 16;

export interface BenchResult {
  cell: CellKind;
  hidden: number;
  seq: number;
  batch: number;
  kernels: KernelKind;
  stepsPerSec: number;
}

/** A trainer for the bench configuration on the given kernels. */
function benchTrainer(cell: CellKind, hidden: number, kernels: KernelKind): Trainer {
  const task = makeTask({ name: 'sine', length: SEQ });
  const spec = { cell, inputSize: 1, hiddenSize: hidden, outputSize: 1, peephole: false, resetAfter: false } as const;
  const placed = placeNetwork(kernels, spec, [{ T: SEQ, B: BATCH }]);
  if (!placed.ok) throw new UsageError(`--kernels wasm: ${placed.reason}`);
  const rng = new Rng(1);
  initNetwork(placed.net, rng);
  return new Trainer(placed.net, task, BATCH, { kind: 'adam', lr: 0.001, clip: 1 }, rng.fork());
}

/**
 * Median steps/s of one configuration on each of `kernels`: `repeats` rounds in which every
 * kernel takes a timed run of at least `minTime` seconds in turn (so a busy spell of the
 * machine falls on all of them alike), after a warm-up of each.
 */
export function benchConfig(
  cell: CellKind, hidden: number, kernels: readonly KernelKind[], repeats: number, minTime: number,
): { kernels: KernelKind; median: number; runs: number[] }[] {
  const steps = kernels.map((k) => {
    const trainer = benchTrainer(cell, hidden, k);
    return () => void trainer.step();
  });
  for (const step of steps) rate(step, minTime, 2); // warm-up: let the JIT compile the kernels for these shapes
  const runs = kernels.map(() => [] as number[]);
  for (let r = 0; r < repeats; r++) steps.forEach((step, k) => runs[k]!.push(rate(step, minTime, 2)));
  return kernels.map((k, i) => ({ kernels: k, median: median(runs[i]!), runs: runs[i]! }));
}

function listOption<T>(raw: string | undefined, name: string, fallback: T[], parse: (item: string) => T): T[] {
  if (raw === undefined) return fallback;
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new UsageError(`--${name}: expected a comma-separated list, got ${JSON.stringify(raw)}`);
  return items.map(parse);
}

export function benchMain(argv: string[], io: Io): number {
  const o = parseOptions(argv, {
    json: { type: 'boolean' }, cells: { type: 'string' }, hidden: { type: 'string' },
    repeats: { type: 'string' }, 'min-time': { type: 'string' }, products: { type: 'boolean' }, kernels: { type: 'string' },
  });
  const cells = listOption<CellKind>(o.cells, 'cells', ['lstm', 'gru', 'rnn'], (item) => {
    if (!(CELL_KINDS as readonly string[]).includes(item)) throw new UsageError(`--cells: expected fnn, rnn, lstm or gru, got ${JSON.stringify(item)}`);
    return item as CellKind;
  });
  const sizes = listOption(o.hidden, 'hidden', [16, 64, 128], (item) => numberOption(item, 'hidden', 0, { min: 1, max: MAX_SIZE, integer: true }));
  const repeats = numberOption(o.repeats, 'repeats', 7, { min: 1, max: 1000, integer: true });
  const minTime = numberOption(o['min-time'], 'min-time', 0.3, { min: 0.001, max: 60 });
  const simd = loadSimdKernels();
  const kernelsArg = o.kernels ?? (simd.ok ? 'both' : 'js');
  if (!['js', 'wasm', 'both'].includes(kernelsArg)) throw new UsageError(`--kernels: expected js, wasm or both, got ${JSON.stringify(kernelsArg)}`);
  if (kernelsArg !== 'js' && !simd.ok) throw new UsageError(`--kernels ${kernelsArg}: ${simd.reason}`);
  const kernels: KernelKind[] = kernelsArg === 'both' ? ['js', 'wasm'] : [kernelsArg as KernelKind];
  if (o.products) {
    if (!o.json) io.out(`machine: ${machine()}; median of ${repeats} runs of ≥ ${minTime} s each\n`);
    printProducts(benchProducts(repeats, minTime), Boolean(o.json), io);
    return 0;
  }
  if (!o.json) {
    io.out(`Gatescope bench: training steps/s (forward + BPTT + Adam), T = ${SEQ}, B = ${BATCH}, I = O = 1\n`);
    io.out(`machine: ${machine()}${simd.ok ? '' : ` (no WASM SIMD here: ${simd.reason})`}\n`);
    io.out(`median of ${repeats} runs of ≥ ${minTime} s each, kernels interleaved run by run, after a warm-up\n\n`);
    io.out(`cell   H    ${kernels.map((k) => `${k} steps/s (min – max)`.padEnd(30)).join('')}${kernels.length > 1 ? 'wasm/js' : ''}\n`);
  }
  for (const cell of cells) {
    for (const hidden of sizes) {
      const results = benchConfig(cell, hidden, kernels, repeats, minTime);
      if (o.json) {
        for (const r of results) {
          const result: BenchResult = { cell, hidden, seq: SEQ, batch: BATCH, kernels: r.kernels, stepsPerSec: Number(r.median.toFixed(2)) };
          io.out(`${JSON.stringify(result)}\n`);
        }
        continue;
      }
      const cols = results.map((r) => {
        const lo = Math.min(...r.runs).toFixed(1);
        const hi = Math.max(...r.runs).toFixed(1);
        return `${r.median.toFixed(1).padStart(8)} (${lo} – ${hi})`.padEnd(29) + ' ';
      });
      const ratio = results.length > 1 ? `${(results[1]!.median / results[0]!.median).toFixed(2)}×` : '';
      io.out(`${cell.padEnd(6)} ${String(hidden).padEnd(4)} ${cols.join('')}${ratio}\n`);
    }
  }
  return 0;
}

if (isEntry(import.meta.url)) runProcess(benchMain);
