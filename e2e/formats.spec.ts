/**
 * Models from PyTorch and TF.js in the app: imported by the file chooser and by drag and drop
 * (model.json with its shard), shown with the numbers the engine (and TF.js itself) computes for
 * the file; refusals named in both languages; and exported back, loadable by the frameworks.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Download, Page } from '@playwright/test';
import { test, expect, type AppPage } from './fixtures';
import { parseModel, type ModelFile } from '../src/engine/modelFile';
import { traceSequence } from '../src/engine/trace';
import { readSafetensors } from '../src/engine/formats/safetensors';
import { stateDictToModel } from '../src/engine/formats/pytorch';

const TORCH = 'test/fixtures/torch';
type TraceJson = { inputs: number[][]; steps: { h: number[]; y: number[] }[] };

async function downloaded(page: Page, click: () => Promise<void>, count = 1): Promise<Download[]> {
  const waits = [page.waitForEvent('download')];
  const all: Download[] = [];
  page.on('download', function collect(d) {
    all.push(d);
    if (all.length >= count) page.off('download', collect);
  });
  await click();
  await Promise.all(waits);
  await expect.poll(() => all.length).toBe(count);
  return all;
}
const bytesOf = async (d: Download) => readFileSync((await d.path())!);

async function traceJson(app: AppPage): Promise<TraceJson> {
  const [d] = await downloaded(app.page, () => app.page.getByRole('button', { name: 'Trace as JSON', exact: true }).click());
  return JSON.parse((await bytesOf(d!)).toString()) as TraceJson;
}

function largest(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let worst = 0;
  a.forEach((row, t) => row.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - b[t]![k]!)))));
  return worst;
}

/** What the page shows against what the engine computes for the model file, in float64, on the page's example. */
async function expectShown(app: AppPage, model: ModelFile): Promise<TraceJson> {
  const shown = await traceJson(app);
  const want = traceSequence(parseModel(model, 'f64'), shown.inputs, null).steps;
  // The page trains in float32.
  expect(largest(shown.steps.map((s) => s.h), want.map((s) => s.h))).toBeLessThan(1e-5);
  expect(largest(shown.steps.map((s) => s.y), want.map((s) => s.y))).toBeLessThan(1e-5);
  // The rolled diagram shows h at the cursor.
  const { t, unit } = await app.state();
  const text = (await app.rolled.locator('[data-node="h"] .node-value').textContent())!.replace('−', '-');
  expect(Math.abs(Number(text) - want[t - 1]!.h[unit]!)).toBeLessThan(0.01);
  return shown;
}

/** A TF.js GRU (2 inputs, 1 output: the adding problem's sizes), as model.json and its shard. */
async function tfjsModel(): Promise<{ model: tfl.Sequential; json: string; shard: Buffer }> {
  await tf.setBackend('cpu');
  const m = tfl.sequential();
  m.add(tfl.layers.gru({ units: 4, returnSequences: true, inputShape: [null, 2], recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform' }));
  m.add(tfl.layers.dense({ units: 1 }));
  let artifacts: tf.io.ModelArtifacts | undefined;
  await m.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const json = JSON.stringify({ format: 'layers-model', modelTopology: artifacts!.modelTopology, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts!.weightSpecs }] });
  return { model: m, json, shard: Buffer.from(artifacts!.weightData as ArrayBuffer) };
}

const tfjsPredict = (m: tfl.LayersModel, inputs: number[][]) => ((m.predict(tf.tensor3d([inputs])) as tf.Tensor).arraySync() as number[][][])[0]!;

test('a PyTorch state dict imports by the file chooser and shows the numbers the engine computes for it', async ({ app, page }) => {
  await app.open();
  await page.getByTestId('model-file').setInputFiles(`${TORCH}/lstm-adding.safetensors`);
  await expect(page.getByRole('status').filter({ hasText: 'Imported LSTM with H = 5 from lstm-adding.safetensors' })).toBeVisible();
  await expect(page.getByLabel('Task', { exact: true })).toHaveValue('adding');
  const model = stateDictToModel(readSafetensors(new Uint8Array(readFileSync(`${TORCH}/lstm-adding.safetensors`))));
  await expectShown(app, model);
  expect(await app.axeViolations()).toEqual([]);
});

test('a TF.js model.json and its shard, chosen together, show what TF.js predicts', async ({ app, page }) => {
  const { model, json, shard } = await tfjsModel();
  await app.open();
  await page.getByTestId('model-file').setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(json) },
    { name: 'group1-shard1of1.bin', mimeType: 'application/octet-stream', buffer: shard },
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'Imported GRU with H = 4 from model.json' })).toBeVisible();
  const shown = await traceJson(app);
  expect(largest(shown.steps.map((s) => s.y), tfjsPredict(model, shown.inputs))).toBeLessThan(2e-5);
});

test('model.json and its shard dropped on the panel import too', async ({ app, page }) => {
  const { model, json, shard } = await tfjsModel();
  await app.open();
  const panel = page.getByTestId('export-panel');
  await panel.scrollIntoViewIfNeeded();
  const files = await page.evaluateHandle(({ json, shard }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([json], 'model.json', { type: 'application/json' }));
    dt.items.add(new File([new Uint8Array(shard)], 'group1-shard1of1.bin'));
    return dt;
  }, { json, shard: Array.from(shard) });
  await panel.dispatchEvent('dragover', { dataTransfer: files });
  await expect(panel).toContainText('Drop the model files here');
  await app.screenshot('formats-dropping', panel);
  await panel.dispatchEvent('drop', { dataTransfer: files });
  await expect(page.getByRole('status').filter({ hasText: 'Imported GRU with H = 4 from model.json' })).toBeVisible();
  const shown = await traceJson(app);
  expect(largest(shown.steps.map((s) => s.y), tfjsPredict(model, shown.inputs))).toBeLessThan(2e-5);
});

test('refusals are named, in English and Japanese, and the model stays', async ({ app, page }) => {
  await app.open();
  const before = await app.state();
  await page.getByTestId('model-file').setInputFiles(`${TORCH}/lstm-2layers.safetensors`);
  const alert = page.getByRole('alert').filter({ hasText: 'lstm-2layers.safetensors' });
  await expect(alert).toContainText('lstm-2layers.safetensors was not imported, the current model is unchanged: it is a PyTorch safetensors file, but more than one layer (rnn.weight_ih_l1,');
  await page.getByLabel('Language').selectOption('ja');
  await expect(alert).toContainText('PyTorch の safetensors ファイルですが、レイヤーが 2 層以上あります');
  await page.getByLabel('言語').selectOption('en');
  const { json } = await tfjsModel();
  await page.getByTestId('model-file').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(page.getByRole('alert').filter({ hasText: 'model.json was not imported' })).toContainText('it is a TF.js Layers model, but the weight shard group1-shard1of1.bin is missing');
  await page.getByTestId('model-file').setInputFiles({ name: 'noise.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0xff, 0xfe, 0x00, 0x81]) });
  await expect(page.getByRole('alert').filter({ hasText: 'noise.bin' })).toContainText('it is neither a model file (JSON) nor a PyTorch safetensors file');
  expect((await app.state()).arrays.h).toEqual(before.arrays.h);
  await expect(page.locator('body')).not.toContainText('undefined');
});

test('the model exports to PyTorch and to TF.js Layers, and TF.js loads its export; a cell they lack is refused by name', async ({ app, page }) => {
  await app.open();
  await page.getByLabel('Cell type').selectOption('gru');
  await page.getByRole('switch', { name: 'Reset after (cuDNN)' }).click();
  await app.button('Play').click();
  await expect.poll(() => app.stepCount(), { timeout: 20_000 }).toBeGreaterThan(30);
  await app.button('Pause').click();
  const shown = await traceJson(app);
  await test.step('PyTorch: a state dict that reads back to the numbers on the page', async () => {
    const [d] = await downloaded(page, () => page.getByRole('button', { name: 'Export model → PyTorch', exact: true }).click());
    expect(d!.suggestedFilename()).toMatch(/\.safetensors$/);
    const file = readSafetensors(new Uint8Array(await bytesOf(d!)));
    expect([...file.tensors.keys()]).toEqual(['rnn.weight_ih_l0', 'rnn.weight_hh_l0', 'rnn.bias_ih_l0', 'rnn.bias_hh_l0', 'readout.weight', 'readout.bias']);
    const steps = traceSequence(parseModel(stateDictToModel(file), 'f64'), shown.inputs, null).steps;
    expect(largest(shown.steps.map((s) => s.y), steps.map((s) => s.y))).toBeLessThan(1e-5);
  });
  await test.step('TF.js: the standard GRU, which tf.loadLayersModel loads', async () => {
    await page.getByRole('switch', { name: 'Reset after (cuDNN)' }).click();
    await app.button('Step').click();
    const standard = await traceJson(app);
    const [a, b] = await downloaded(page, () => page.getByRole('button', { name: 'Export model → TF.js Layers', exact: true }).click(), 2);
    const byName = Object.fromEntries(await Promise.all([a!, b!].map(async (d) => [d.suggestedFilename(), await bytesOf(d)] as const)));
    expect(Object.keys(byName).sort()).toEqual(['model.json', 'weights.bin']);
    const mj = JSON.parse(byName['model.json']!.toString()) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const bin = byName['weights.bin']!;
    await tf.setBackend('cpu');
    const m = await tfl.loadLayersModel({ load: async () => ({ modelTopology: mj.modelTopology, weightSpecs: mj.weightsManifest[0]!.weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer }) });
    expect(largest(standard.steps.map((s) => s.y), tfjsPredict(m, standard.inputs))).toBeLessThan(2e-5);
  });
  await test.step('the LSTM with peepholes: refused, named', async () => {
    await page.getByLabel('Cell type').selectOption('lstm');
    await page.getByRole('switch', { name: 'Peephole connections' }).click();
    await page.getByRole('button', { name: 'Export model → PyTorch', exact: true }).click();
    await expect(page.locator('[data-export-refused="unexportable"]')).toContainText('The model was not exported: nn.LSTM has no peephole connections');
    await page.getByLabel('Language').selectOption('ja');
    await expect(page.locator('[data-export-refused="unexportable"]')).toContainText('覗き穴結合');
  });
});
