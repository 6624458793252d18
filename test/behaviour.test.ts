/** The engine's promises beyond single gradients: switches, determinism, optimisers, tasks, init, files. */
import { describe, expect, test } from 'vitest';
import {
  Network, Optimizer, Rng, Trainer, evaluate, initNetwork, makeTask, modelToFile, namedWeights, parseModel,
  traceSequence, writeSequence, type CellKind, type NetSpec, type Workspace,
} from '../src/engine';

const spec = (cell: CellKind, extra: Partial<NetSpec> = {}): NetSpec => ({
  cell, inputSize: 2, hiddenSize: 8, outputSize: 1, peephole: false, resetAfter: false, ...extra,
});

function trained(cell: CellKind, seed: number, steps: number, extra: Partial<NetSpec> = {}) {
  const net = new Network(spec(cell, extra));
  const rng = new Rng(seed);
  initNetwork(net, rng);
  const trainer = new Trainer(net, makeTask({ name: 'adding', length: 20 }), 8, { lr: 0.01, clip: 1 }, rng.fork());
  const losses = Array.from({ length: steps }, () => trainer.step());
  return { net, trainer, losses };
}

/** Outputs y on a fixed probe batch, as a copy. */
function probe(net: Network): Float32Array | Float64Array {
  const ws: Workspace = net.createWorkspace(20, 4);
  makeTask({ name: 'adding', length: 20 }).fill(new Rng(99), ws);
  net.forward(ws);
  return ws.y.slice();
}

describe('peephole switch', () => {
  test('switching on leaves every output unchanged to the last bit, mid-training', () => {
    const { net, trainer } = trained('lstm', 1, 30);
    const before = probe(net);
    net.setPeephole(true);
    expect(Array.from(probe(net))).toEqual(Array.from(before));
    // Training goes on with the peepholes learning; the first loss after the switch is continuous.
    const next = Array.from({ length: 30 }, () => trainer.step());
    expect(next.every(Number.isFinite)).toBe(true);
    expect(Array.from(net.P.w).some((v) => v !== 0)).toBe(true);
  });

  test('off takes the terms out but keeps p_*; on again restores the outputs exactly', () => {
    const { net } = trained('lstm', 2, 30, { peephole: true });
    const on = probe(net);
    const p = net.P.w.slice();
    expect(p.some((v) => v !== 0)).toBe(true);
    net.setPeephole(false);
    expect(Array.from(probe(net))).not.toEqual(Array.from(on));
    expect(Array.from(net.P.w)).toEqual(Array.from(p));
    net.setPeephole(true);
    expect(Array.from(probe(net))).toEqual(Array.from(on));
  });

  test('training while off leaves p_* untouched', () => {
    const { net, trainer } = trained('lstm', 3, 20, { peephole: true });
    const p = net.P.w.slice();
    net.setPeephole(false);
    for (let k = 0; k < 5; k++) trainer.step();
    expect(Array.from(net.P.w)).toEqual(Array.from(p));
    expect(net.activeParams()).not.toContain(net.P);
  });

  test('only the LSTM has peepholes', () => {
    expect(() => new Network(spec('gru')).setPeephole(true)).toThrow(/only in the LSTM/);
  });
});

describe('determinism', () => {
  test.each(['rnn', 'lstm', 'gru'] as const)('%s: one seed gives bit-identical losses, weights and traces', (cell) => {
    const a = trained(cell, 5, 25, { resetAfter: cell === 'gru' });
    const b = trained(cell, 5, 25, { resetAfter: cell === 'gru' });
    expect(a.losses).toEqual(b.losses);
    a.net.params().forEach((p, k) => expect(Array.from(p.w)).toEqual(Array.from(b.net.params()[k]!.w)));
    const inputs = [[0.5, 1], [0.2, 0], [0.9, 1]];
    const targets = [null, null, [1.4]];
    expect(JSON.stringify(traceSequence(a.net, inputs, targets))).toBe(JSON.stringify(traceSequence(b.net, inputs, targets)));
    const c = trained(cell, 6, 25, { resetAfter: cell === 'gru' });
    expect(c.losses).not.toEqual(a.losses);
  });
});

describe('optimisers', () => {
  function oneParamNet(w: number[], dw: number[]): Network {
    const net = new Network({ cell: 'rnn', inputSize: 1, hiddenSize: 1, outputSize: 1, peephole: false, resetAfter: false }, 'f64');
    // Use every parameter slot, one number each: [W, U, b, W_y, b_y].
    net.params().forEach((p, k) => { p.w[0] = w[k]!; p.dw[0] = dw[k]!; });
    return net;
  }

  test('Adam: first step moves each weight by lr·sign(g); the second by hand', () => {
    const g = [0.5, -0.1, 2, 0.3, -4];
    const net = oneParamNet([1, 1, 1, 1, 1], g);
    const opt = new Optimizer(net, { kind: 'adam', lr: 0.1, clip: 0 });
    opt.step(net);
    net.params().forEach((p, k) => expect(p.w[0]).toBeCloseTo(1 - 0.1 * Math.sign(g[k]!), 6));
    // Second step with gradient g2: m = 0.9·0.1g + 0.1·g2, v = 0.999·0.001g² + 0.001·g2².
    const g2 = [0.2, 0.2, -1, 0, 1];
    net.params().forEach((p, k) => { p.dw[0] = g2[k]!; });
    opt.step(net);
    net.params().forEach((p, k) => {
      const m = 0.09 * g[k]! + 0.1 * g2[k]!;
      const v = 0.999 * 0.001 * g[k]! ** 2 + 0.001 * g2[k]! ** 2;
      const mHat = m / (1 - 0.9 ** 2);
      const vHat = v / (1 - 0.999 ** 2);
      const first = 1 - (0.1 * g[k]!) / (Math.abs(g[k]!) + 1e-8);
      expect(p.w[0]).toBeCloseTo(first - (0.1 * mHat) / (Math.sqrt(vHat) + 1e-8), 12);
    });
  });

  test('SGD with momentum and clipping by global norm, by hand', () => {
    const g = [3, 0, 0, 4, 0]; // norm 5
    const net = oneParamNet([0, 0, 0, 0, 0], g);
    const opt = new Optimizer(net, { kind: 'sgd', lr: 0.5, momentum: 0.9, clip: 1 });
    opt.step(net);
    expect(opt.lastGradNorm).toBeCloseTo(5, 12);
    expect(net.params()[0]!.w[0]).toBeCloseTo(-0.5 * 0.6, 12);
    expect(net.params()[3]!.w[0]).toBeCloseTo(-0.5 * 0.8, 12);
    opt.step(net); // same gradient again: v = 0.9·v + g_clipped
    expect(net.params()[0]!.w[0]).toBeCloseTo(-0.3 - 0.5 * (0.9 * 0.6 + 0.6), 12);
  });

  test('a gradient norm below the clip is left alone', () => {
    const net = oneParamNet([0, 0, 0, 0, 0], [0.3, 0.4, 0, 0, 0]);
    new Optimizer(net, { kind: 'sgd', lr: 1, momentum: 0, clip: 1 }).step(net);
    expect(net.params()[0]!.w[0]).toBeCloseTo(-0.3, 12);
  });
});

describe('tasks', () => {
  function batch(name: 'adding' | 'sine' | 'remember-first', length: number, B: number, noise = 0) {
    const task = makeTask(name === 'remember-first' ? { name, length, noise } : { name, length });
    const net = new Network(spec('rnn', { inputSize: task.inputSize }));
    const ws = net.createWorkspace(length, B);
    task.fill(new Rng(1), ws);
    return { task, ws };
  }

  test('adding: one marked step in each half, target = their sum, at the last step only', () => {
    const { ws } = batch('adding', 30, 50);
    for (let b = 0; b < 50; b++) {
      const marked: number[] = [];
      let sum = 0;
      for (let s = 0; s < 30; s++) {
        const r = s * 50 + b;
        const v = ws.x[2 * r]!;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(1);
        if (ws.x[2 * r + 1] === 1) { marked.push(s); sum += v; }
        expect(ws.mask[r]).toBe(s === 29 ? 1 : 0);
      }
      expect(marked).toHaveLength(2);
      expect(marked[0]).toBeLessThan(15);
      expect(marked[1]).toBeGreaterThanOrEqual(15);
      expect(ws.target[29 * 50 + b]).toBeCloseTo(sum, 6);
    }
  });

  test('adding: predicting the mean scores about 1/6 on the held-out set', () => {
    const task = makeTask({ name: 'adding', length: 100 });
    const net = new Network(spec('lstm'));
    initNetwork(net, new Rng(1));
    const { baseline } = evaluate(net, task);
    expect(baseline).toBeGreaterThan(1 / 6 - 0.03);
    expect(baseline).toBeLessThan(1 / 6 + 0.03);
  });

  test('sine: each target is the next input', () => {
    const { ws } = batch('sine', 40, 5);
    for (let b = 0; b < 5; b++) for (let s = 0; s < 39; s++) expect(ws.target[s * 5 + b]).toBeCloseTo(ws.x[(s + 1) * 5 + b]!, 6);
  });

  test('remember-first: zeros or bounded noise after the first input, which is the last target', () => {
    for (const noise of [0, 0.5]) {
      const { ws } = batch('remember-first', 12, 20, noise);
      for (let b = 0; b < 20; b++) {
        const first = ws.x[b]!;
        expect(Math.abs(first)).toBeLessThanOrEqual(1);
        for (let s = 1; s < 12; s++) {
          const v = ws.x[s * 20 + b]!;
          if (noise === 0) expect(v).toBe(0);
          else expect(Math.abs(v)).toBeLessThanOrEqual(noise);
        }
        expect(ws.target[11 * 20 + b]).toBe(first);
        expect(ws.mask[11 * 20 + b]).toBe(1);
        expect(ws.mask[10 * 20 + b]).toBe(0);
      }
    }
  });
});

describe('initialisation', () => {
  /** Mean and variance of a buffer. */
  const moments = (v: ArrayLike<number>) => {
    const xs = Array.from(v);
    const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
    return { mean, variance: xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length };
  };

  test('each U_* is scale × orthogonal, biases are zero but b_f = forget bias', () => {
    const net = new Network(spec('lstm', { inputSize: 3, hiddenSize: 6 }), 'f64');
    initNetwork(net, new Rng(4), { forgetBias: 2, recurrentScale: 0.9 });
    for (const weight of namedWeights(net)) {
      if (weight.name.startsWith('U_')) {
        for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) {
          let dot = 0;
          for (let k = 0; k < 6; k++) dot += weight.w[k * 6 + a]! * weight.w[k * 6 + b]!;
          expect(dot).toBeCloseTo(a === b ? 0.81 : 0, 10);
        }
      }
      if (weight.name.startsWith('b_')) {
        expect(Array.from(weight.w)).toEqual(new Array(weight.w.length).fill(weight.name === 'b_f' ? 2 : 0));
      }
    }
  });

  test('input and readout weights are Glorot-uniform: within ±√(6/(fan_in+fan_out)), variance limit²/3', () => {
    const net = new Network(spec('gru', { inputSize: 40, hiddenSize: 60, outputSize: 30 }), 'f64');
    initNetwork(net, new Rng(5));
    for (const weight of namedWeights(net)) {
      if (!weight.name.startsWith('W')) continue;
      const limit = Math.sqrt(6 / (weight.rows + weight.cols));
      const { mean, variance } = moments(weight.w);
      expect(Array.from(weight.w).every((v) => Math.abs(v) <= limit)).toBe(true);
      expect(Math.abs(mean)).toBeLessThan(0.05 * limit);
      expect(variance / (limit * limit / 3)).toBeGreaterThan(0.9);
      expect(variance / (limit * limit / 3)).toBeLessThan(1.1);
    }
    expect(namedWeights(net).filter((w) => w.name.startsWith('W')).map((w) => w.name)).toEqual(['W_z', 'W_r', 'W_g', 'W_y']);
  });

  test('another seed gives other weights; the same seed the same', () => {
    const make = (seed: number) => {
      const net = new Network(spec('lstm'));
      initNetwork(net, new Rng(seed));
      return net.params().flatMap((p) => Array.from(p.w));
    };
    expect(make(1)).toEqual(make(1));
    expect(make(1)).not.toEqual(make(2));
  });

  test('forget bias 0 switches it off', () => {
    const net = new Network(spec('lstm'));
    initNetwork(net, new Rng(1), { forgetBias: 0 });
    expect(Array.from(net.b.w).every((v) => v === 0)).toBe(true);
  });
});

describe('model file', () => {
  test.each([
    ['fnn', { window: 3 }], ['rnn', {}], ['lstm', {}], ['lstm', { peephole: true }], ['gru', {}], ['gru', { resetAfter: true }],
  ] as const)('%s %j: save, load and trace again identically', (cell, extra) => {
    const { net } = trained(cell, 8, 5, extra);
    const json = JSON.parse(JSON.stringify(modelToFile(net)));
    const again = parseModel(json);
    const inputs = [[0.1, 0], [0.6, 1], [0.3, 0]];
    expect(JSON.stringify(traceSequence(again, inputs, [null, null, [0.6]]))).toBe(
      JSON.stringify(traceSequence(net, inputs, [null, null, [0.6]])),
    );
    expect(Object.keys(json.weights)).toEqual(
      namedWeights(net).filter((w) => w.inFile).map((w) => w.name),
    );
  });
});

describe('the FNN', () => {
  test('its window is written to the model file and read back; a window out of range is named', () => {
    const { net } = trained('fnn', 3, 4, { window: 5 });
    const file = modelToFile(net);
    expect(file.window).toBe(5);
    expect((file.weights.W as number[][])[0]).toHaveLength(5 * 2);
    expect(parseModel(JSON.parse(JSON.stringify(file))).spec.window).toBe(5);
    expect(() => parseModel({ ...file, window: 33 })).toThrow('model.window: expected at most 32, got 33');
    expect(() => parseModel({ ...file, window: undefined })).toThrow(/model\.window/);
    expect(() => new Network(spec('fnn', { window: 0 }))).toThrow(/window/);
  });

  test('it has no memory: an input older than its window changes no output', () => {
    const { net } = trained('fnn', 4, 20, { window: 3 });
    const rng = new Rng(5);
    const inputs = Array.from({ length: 8 }, () => [rng.next(), rng.int(2)]);
    const ws = net.createWorkspace(8, 2);
    writeSequence(ws, 0, inputs, null);
    writeSequence(ws, 1, [[inputs[0]![0]! + 0.5, inputs[0]![1]!], ...inputs.slice(1)], null); // only x_1 differs
    net.forward(ws);
    const y = (s: number, b: number) => ws.y[s * 2 + b];
    for (let s = 0; s < 3; s++) expect(y(s, 1)).not.toBe(y(s, 0)); // x_1 is in the window of steps 1..3
    for (let s = 3; s < 8; s++) expect(y(s, 1)).toBe(y(s, 0)); // and gone from it after
  });
});

describe('guards', () => {
  test('a trainer refuses a task whose sizes do not fit the network', () => {
    const net = new Network(spec('lstm', { inputSize: 1 }));
    expect(() => new Trainer(net, makeTask({ name: 'adding', length: 10 }), 4, {}, new Rng(1))).toThrow(
      'the task gives 2 inputs and 1 targets per step, but the network takes 1 and gives 1',
    );
  });

  test('peepholes learned, switched off and saved come back when switched on after a reload', () => {
    const { net } = trained('lstm', 4, 30, { peephole: true });
    const on = probe(net);
    net.setPeephole(false);
    const file = JSON.parse(JSON.stringify(modelToFile(net)));
    expect(file.peephole).toBe(false);
    expect(Object.keys(file.weights)).toContain('p_f');
    const loaded = parseModel(file);
    expect(loaded.spec.peephole).toBe(false);
    loaded.setPeephole(true);
    expect(Array.from(probe(loaded))).toEqual(Array.from(on));
  });

  test('an LSTM that never used its peepholes writes no p_*', () => {
    const { net } = trained('lstm', 4, 5);
    expect(Object.keys(modelToFile(net).weights).some((k) => k.startsWith('p_'))).toBe(false);
  });
});

describe('a training step cut into units', () => {
  test('advancing unit by unit, with a step given up halfway and redone, ends with the weights of an uninterrupted run', () => {
    const a = trained('lstm', 9, 0, { peephole: true });
    const b = trained('lstm', 9, 0, { peephole: true });
    for (let k = 0; k < 5; k++) a.trainer.step();
    let unitsInStep = 0;
    let completed = 0;
    let aborted = false;
    while (completed < 5) {
      unitsInStep++;
      if (b.trainer.advance()) {
        completed++;
        unitsInStep = 0;
      }
      // Halfway through the third step (in its backward pass): give it up, as the worker does on Pause.
      if (!aborted && completed === 2 && unitsInStep === 30) {
        expect(b.trainer.midStep).toBe(true);
        b.trainer.abort();
        aborted = true;
      }
    }
    expect(aborted).toBe(true);
    expect(b.trainer.midStep).toBe(false);
    a.net.params().forEach((p, k) => expect(Array.from(b.net.params()[k]!.w)).toEqual(Array.from(p.w)));
  });

  test('no unit of a large step is large: every unit is a time step, a block of ∂L/∂U rows, or a pass over the batch', () => {
    const net = new Network(spec('lstm', { hiddenSize: 64 }));
    initNetwork(net, new Rng(1));
    const trainer = new Trainer(net, makeTask({ name: 'adding', length: 30 }), 16, {}, new Rng(2));
    let units = 0;
    while (!trainer.advance()) units++;
    // batch, projection, 30 forward steps, loss, 30 backward steps, prepare, 256/32 row blocks, update
    expect(units + 1).toBe(1 + 1 + 30 + 1 + 30 + 1 + 8 + 1);
  });
});

describe('the 1997 LSTM (forget gate fixed at 1)', () => {
  /** ∂L/∂c_t over t for a loss at the last step only, with every U_* = 0 so that h carries nothing back. */
  function carousel(forgetFixed: boolean): number[] {
    const net = new Network({ cell: 'lstm', inputSize: 1, hiddenSize: 1, outputSize: 1, peephole: false, resetAfter: false, forgetFixed }, 'f64');
    initNetwork(net, new Rng(2));
    net.U.w.fill(0);
    const inputs = Array.from({ length: 12 }, (_, t) => [Math.sin(t)]);
    const targets = inputs.map((_, t) => (t === 11 ? [1] : null));
    return traceSequence(net, inputs, targets).grads.c!.map((row) => row[0]!);
  }

  test('the error signal along c passes back unchanged; with a forget gate it shrinks by f each step', () => {
    const fixed = carousel(true);
    expect(fixed[11]).not.toBe(0);
    for (const v of fixed) expect(v).toBeCloseTo(fixed[11]!, 14);
    const gated = carousel(false);
    expect(Math.abs(gated[0]! / gated[11]!)).toBeLessThan(0.8 ** 11);
  });

  test('the forget gate shows 1, W_f U_f b_f get no gradient, and the switch restores the gate', () => {
    const { net } = trained('lstm', 4, 10);
    const before = probe(net);
    net.setForgetFixed(true);
    const trace = traceSequence(net, [[0.3, 1], [0.1, 0]], [null, [0.5]]);
    expect(trace.steps.every((s) => s.gates.f!.every((v) => v === 1))).toBe(true);
    for (const name of ['W_f', 'U_f', 'b_f']) expect((trace.grads.weights[name] as number[] | number[][]).flat().every((v) => v === 0)).toBe(true);
    net.setForgetFixed(false);
    expect(Array.from(probe(net))).toEqual(Array.from(before));
    const file = JSON.parse(JSON.stringify(modelToFile((net.setForgetFixed(true), net))));
    expect(file.forgetFixed).toBe(true);
    expect(parseModel(file).spec.forgetFixed).toBe(true);
  });
});
