/**
 * Your own sequences in the app: a CSV sequence (chosen, pasted, with its targets in another
 * file) shown on the network with the numbers the engine computes for it; a set dropped on the
 * panel and trained on, scored on its held-out sequences; a bad file named by row and column in
 * both languages with nothing changed; the link's caveat; and an imported model no task fits,
 * run on sequences of its shape.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type AppPage } from './fixtures';
import { Network, Rng, initNetwork, modelToFile } from '../src/engine';
import { parseModel, type ModelFile } from '../src/engine/modelFile';
import { traceSequence } from '../src/engine/trace';

const dir = mkdtempSync(join(tmpdir(), 'gatescope-e2e-sequences-'));

/** The model the page runs now, as its model file (through the export button). */
async function pageModel(page: Page): Promise<ModelFile> {
  const wait = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export model', exact: true }).click();
  return JSON.parse(readFileSync((await (await wait).path())!, 'utf8')) as ModelFile;
}

/** The trace the page exports (JSON). */
async function pageTrace(page: Page): Promise<{ inputs: number[][]; steps: { h: number[]; y: number[] }[] }> {
  const wait = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Trace as JSON', exact: true }).click();
  return JSON.parse(readFileSync((await (await wait).path())!, 'utf8'));
}

/** The page's numbers for its probe against the engine's, in float64, for these inputs and targets. */
async function expectComputed(app: AppPage, inputs: number[][], targets: (number[] | null)[] | null): Promise<void> {
  const model = await pageModel(app.page);
  const trace = await pageTrace(app.page);
  expect(trace.inputs).toEqual(inputs.map((row) => row.map(Math.fround)));
  const want = traceSequence(parseModel(model, 'f64'), inputs, targets).steps;
  let worst = 0;
  want.forEach((s, t) => s.h.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - trace.steps[t]!.h[j]!)))));
  want.forEach((s, t) => s.y.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - trace.steps[t]!.y[k]!)))));
  expect(worst).toBeLessThan(1e-5);
  const { t, unit } = await app.state();
  const text = (await app.rolled.locator('[data-node="h"] .node-value').textContent())!.replace('−', '-');
  expect(Math.abs(Number(text) - want[t - 1]!.h[unit]!)).toBeLessThan(0.01);
}

const panel = (page: Page) => page.getByTestId('sequences-panel');

test('a CSV sequence of another length is shown on the network with the engine’s numbers; its targets can come from another file', async ({ app, page }) => {
  await app.open();
  const rows = [[0.5], [-0.25], [0.75], [0.1], [-0.9], [0.3], [0.05], [0.6], [-0.4], [0.2], [0.0], [0.45]];
  const csv = join(dir, 'wave.csv');
  writeFileSync(csv, `x\n${rows.map((r) => r[0]).join('\n')}\n`);
  await test.step('choose the file: its summary, no targets', async () => {
    await page.getByTestId('sequence-file').setInputFiles(csv);
    await expect(page.getByTestId('sequence-summary')).toHaveText('wave.csv: one sequence, 12 steps; inputs 1 (x); targets none.');
  });
  await test.step('show it: the probe has its 12 steps, and the engine’s numbers', async () => {
    await panel(page).getByRole('button', { name: 'Show on the network' }).click();
    await expect(page.getByTestId('own-probe')).toContainText('The network shows your sequence 1 (12 steps) from wave.csv.');
    await expect.poll(async () => (await app.state()).arrays.x!.length).toBe(12);
    await expectComputed(app, rows, null);
  });
  await test.step('targets from a second file: the probe has its loss', async () => {
    const targets = join(dir, 'wave-targets.csv');
    writeFileSync(targets, `y\n${rows.map((_, t) => (t % 3 === 2 ? String(rows[t]![0]! / 2) : '')).join('\n')}\n`);
    await page.getByTestId('targets-file').setInputFiles(targets);
    await expect(page.getByTestId('sequence-summary')).toContainText('targets 1 (y1)');
    await panel(page).getByRole('button', { name: 'Show on the network' }).click();
    await expect.poll(async () => (await app.state()).arrays.probeLoss![0]).toBeGreaterThan(0);
    await expectComputed(app, rows, rows.map((r, t) => (t % 3 === 2 ? [r[0]! / 2] : null)));
  });
  await test.step('training goes on with it; back to the task’s examples', async () => {
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => app.stepCount()).toBe(1);
    expect((await app.state()).arrays.x).toHaveLength(12);
    await page.getByRole('button', { name: 'Back to the task’s examples' }).click();
    await expect.poll(async () => (await app.state()).arrays.x!.length).toBe(40);
    await expect(page.getByTestId('own-probe')).toHaveCount(0);
  });
});

test('a pasted sequence, and bad files named by row and column in both languages, with nothing changed', async ({ app, page }) => {
  await app.open();
  await panel(page).locator('summary').click();
  await panel(page).getByRole('textbox').fill('x,y\n0.5,\n0.25,0.75\n0.1,0.2\n');
  await panel(page).getByRole('button', { name: 'Read the pasted text' }).click();
  await expect(page.getByTestId('sequence-summary')).toHaveText('the pasted text: one sequence, 3 steps; inputs 1 (x); targets 1 (y).');
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, `a,b,c\n${'1,2,3\n'.repeat(10)}1,2,abc\n${'1,2,3\n'.repeat(27)}1,2\n`);
  await page.getByTestId('sequence-file').setInputFiles(bad);
  await expect(page.getByTestId('sequence-problem')).toHaveText('bad.csv was not read, nothing changed: row 12, column 3 (c): "abc" is not a number.');
  // The sequences read before are still there.
  await expect(page.getByTestId('sequence-summary')).toContainText('the pasted text');
  writeFileSync(bad, `a,b,c\n${'1,2,3\n'.repeat(38)}1,2\n`);
  await page.getByTestId('sequence-file').setInputFiles(bad);
  await expect(page.getByTestId('sequence-problem')).toContainText('row 40 has 2 columns, the header has 3');
  await page.getByLabel('Language').selectOption('ja');
  await expect(page.getByTestId('sequence-problem')).toHaveText('bad.csv は読み込んでいません（何も変わっていません）：40 行目の列は 2 個ですが、見出し行は 3 個です。');
  await page.getByLabel('言語').selectOption('en');
  // A sequence whose sizes do not fit the network is refused when shown.
  writeFileSync(bad, 'a,b,c\n1,2,3\n4,5,6\n');
  await page.getByTestId('sequence-file').setInputFiles(bad);
  await panel(page).getByRole('button', { name: 'Show on the network' }).click();
  await expect(page.getByTestId('sequence-refused')).toHaveText('Not done: the sequences have 3 inputs per step, the network takes 1.');
  expect((await app.state()).arrays.x).toHaveLength(40);
});

test('a set dropped on the panel trains as “Your data”, scored on its held-out sequences; the link says it cannot carry them', async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open();
  // Recall, at the last step, the first input; 40 sequences of 4 to 9 steps.
  const rng = new Rng(9);
  const lines = ['seq,x,y'];
  for (let q = 0; q < 40; q++) {
    const T = 4 + rng.int(6);
    const first = Math.round(rng.uniform(-1, 1) * 1000) / 1000;
    for (let t = 0; t < T; t++) lines.push(`s${q},${t === 0 ? first : 0},${t === T - 1 ? first : ''}`);
  }
  const text = `${lines.join('\n')}\n`;
  await test.step('drop it: its summary', async () => {
    const transfer = await page.evaluateHandle((body) => {
      const dt = new DataTransfer();
      dt.items.add(new File([body], 'recall.csv', { type: 'text/csv' }));
      return dt;
    }, text);
    await panel(page).dispatchEvent('dragover', { dataTransfer: transfer });
    await panel(page).dispatchEvent('drop', { dataTransfer: transfer });
    await expect(page.getByTestId('sequence-summary')).toHaveText('recall.csv: 40 sequences, 4–9 steps; inputs 1 (x); targets 1 (y).');
  });
  await test.step('train on it: the task is “Your data”, the probe a held-out sequence', async () => {
    await panel(page).getByRole('button', { name: 'Train on these' }).click();
    await expect(page.getByTestId('data-status')).toContainText('Training on recall.csv: 32 sequences trained on, 8 held out for the score.');
    await expect(page.getByLabel('Task', { exact: true })).toHaveValue('data');
    await expect.poll(async () => (await app.state()).config.task).toBe('data');
    const T = (await app.state()).arrays.x!.length;
    expect(T).toBeGreaterThanOrEqual(4);
    expect(T).toBeLessThanOrEqual(9);
  });
  await test.step('play to step 1500: the held-out loss falls far below the baseline', async () => {
    await page.evaluate(() => (window as unknown as { __gatescope: { store: { getState(): { send(c: unknown): void } } } }).__gatescope.store.getState().send({ type: 'play', until: 1500 }));
    await expect.poll(() => app.stepCount(), { timeout: 60_000 }).toBe(1500);
    await panel(page).getByRole('button', { name: 'Score the held-out sequences' }).click();
    await expect(page.getByTestId('data-score')).toContainText('Held-out loss ÷ baseline');
    const ratio = Number((await page.getByTestId('data-score').textContent())!.match(/: ([\d.]+), at step/)![1]);
    console.log(`your data (recall, 40 sequences, LSTM H = 8, 1500 steps): held-out loss ÷ baseline = ${ratio}`);
    expect(ratio).toBeLessThan(0.2);
  });
  await test.step('copy the link: it says the data stay here', async () => {
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByText('This run trains on your own sequences: a link cannot carry them')).toBeVisible();
    expect(page.url()).toContain('task=sine');
  });
});

test('an imported model no task fits waits for sequences of its shape, then runs on them', async ({ app, page }) => {
  await app.open();
  const net = new Network({ cell: 'gru', inputSize: 3, hiddenSize: 4, outputSize: 2, peephole: false, resetAfter: true });
  initNetwork(net, new Rng(5));
  const file = join(dir, 'three-in.model.json');
  writeFileSync(file, JSON.stringify(modelToFile(net)));
  await page.getByTestId('model-file').setInputFiles(file);
  await expect(page.getByTestId('pending-model')).toHaveText('three-in.model.json takes 3 inputs and gives 2 outputs per step, a shape none of the tasks has. Bring sequences of that shape here to run it.');
  const rows = [[0.1, 0.2, 0.3], [0.5, -0.5, 0], [1, 0, -1], [0.2, 0.2, 0.2], [-0.3, 0.6, 0.9]];
  const csv = join(dir, 'three.csv');
  writeFileSync(csv, `a,b,c\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  await page.getByTestId('sequence-file').setInputFiles(csv);
  await panel(page).getByRole('button', { name: 'Show on the network' }).click();
  await expect(page.getByTestId('pending-model')).toHaveCount(0);
  await expect.poll(async () => (await app.state()).config.cell).toBe('gru');
  await expect.poll(async () => (await app.state()).arrays.x!.length).toBe(15);
  await expectComputed(app, rows, null);
});
