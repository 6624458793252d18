/**
 * npm run bench [-- --json] [--cells lstm,gru,rnn,fnn] [--hidden 16,64,128] [--repeats N] [--min-time S] [--products]
 * Training steps per second (batch generation, forward, BPTT, Adam update) at T = 50, B = 16,
 * I = O = 1. Each figure is the median over repeated timed runs after a warm-up. With
 * --products: the matrix products alone, JS against WASM SIMD (benchProducts.ts).
 */
import { CELL_KINDS, MAX_SIZE, type CellKind } from '../engine/spec';
import { Network } from '../engine/network';
import { Rng } from '../engine/rng';
import { initNetwork } from '../engine/init';
import { makeTask } from '../engine/tasks';
import { Trainer } from '../engine/trainer';
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
  stepsPerSec: number;
}

/** Median steps/s of one configuration: `repeats` runs of at least `minTime` seconds each. */
export function benchConfig(cell: CellKind, hidden: number, repeats: number, minTime: number): { median: number; runs: number[] } {
  const task = makeTask({ name: 'sine', length: SEQ });
  const net = new Network({ cell, inputSize: 1, hiddenSize: hidden, outputSize: 1, peephole: false, resetAfter: false });
  const rng = new Rng(1);
  initNetwork(net, rng);
  const trainer = new Trainer(net, task, BATCH, { kind: 'adam', lr: 0.001, clip: 1 }, rng.fork());
  const step = () => void trainer.step();
  rate(step, minTime, 2); // warm-up: let the JIT compile the kernels for these shapes
  const runs = Array.from({ length: repeats }, () => rate(step, minTime, 2));
  return { median: median(runs), runs };
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
    repeats: { type: 'string' }, 'min-time': { type: 'string' }, products: { type: 'boolean' },
  });
  const cells = listOption<CellKind>(o.cells, 'cells', ['lstm', 'gru', 'rnn'], (item) => {
    if (!(CELL_KINDS as readonly string[]).includes(item)) throw new UsageError(`--cells: expected fnn, rnn, lstm or gru, got ${JSON.stringify(item)}`);
    return item as CellKind;
  });
  const sizes = listOption(o.hidden, 'hidden', [16, 64, 128], (item) => numberOption(item, 'hidden', 0, { min: 1, max: MAX_SIZE, integer: true }));
  const repeats = numberOption(o.repeats, 'repeats', 7, { min: 1, max: 1000, integer: true });
  const minTime = numberOption(o['min-time'], 'min-time', 0.3, { min: 0.001, max: 60 });
  if (o.products) {
    if (!o.json) io.out(`machine: ${machine()}; median of ${repeats} runs of ≥ ${minTime} s each\n`);
    printProducts(benchProducts(repeats, minTime), Boolean(o.json), io);
    return 0;
  }
  if (!o.json) {
    io.out(`Gatescope bench: training steps/s (forward + BPTT + Adam), T = ${SEQ}, B = ${BATCH}, I = O = 1\n`);
    io.out(`machine: ${machine()}\n`);
    io.out(`median of ${repeats} runs of ≥ ${minTime} s each, after a warm-up\n\n`);
    io.out(`cell   H     steps/s   (min – max)\n`);
  }
  for (const cell of cells) {
    for (const hidden of sizes) {
      const { median: stepsPerSec, runs } = benchConfig(cell, hidden, repeats, minTime);
      const result: BenchResult = { cell, hidden, seq: SEQ, batch: BATCH, stepsPerSec: Number(stepsPerSec.toFixed(2)) };
      if (o.json) io.out(`${JSON.stringify(result)}\n`);
      else {
        const lo = Math.min(...runs).toFixed(1);
        const hi = Math.max(...runs).toFixed(1);
        io.out(`${cell.padEnd(6)} ${String(hidden).padEnd(5)} ${stepsPerSec.toFixed(1).padStart(8)}   (${lo} – ${hi})\n`);
      }
    }
  }
  return 0;
}

if (isEntry(import.meta.url)) runProcess(benchMain);
