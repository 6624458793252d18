/** Export and import: diagrams as SVG and PNG, the trace, and the model file out and back in; bad files refused by name. */
import { readFileSync } from 'node:fs';
import { test, expect, type AppPage } from './fixtures';

async function trainSome(app: AppPage, steps: number): Promise<void> {
  await app.button('Play').click();
  await expect.poll(() => app.stepCount(), { timeout: 20_000 }).toBeGreaterThan(steps);
  await app.button('Pause').click();
  await expect(app.status).toContainText('paused');
}

async function downloaded(app: AppPage, button: string): Promise<Buffer> {
  const wait = app.page.waitForEvent('download');
  await app.page.getByRole('button', { name: button, exact: true }).click();
  const file = await (await wait).path();
  return readFileSync(file);
}

test('a model exported and imported back gives identical traces', async ({ app, page }) => {
  await app.open();
  await page.getByLabel('Cell type').selectOption('lstm');
  await page.getByRole('switch', { name: 'Peephole connections' }).click();
  await trainSome(app, 30);
  const trained = await app.state();
  const traceBefore = JSON.parse((await downloaded(app, 'Trace as JSON')).toString());
  const model = await downloaded(app, 'Export model');
  expect(JSON.parse(model.toString())).toMatchObject({ format: 'gatescope-model', version: 1, cell: 'lstm', peephole: true });
  // Back to the initial weights: the numbers change.
  await app.button('Reset').click();
  await expect.poll(async () => (await app.state()).arrays.h).not.toEqual(trained.arrays.h);
  await page.getByTestId('model-file').setInputFiles({ name: 'trained.model.json', mimeType: 'application/json', buffer: model });
  await expect(page.getByRole('status').filter({ hasText: 'Imported LSTM with H = 8 from trained.model.json' })).toBeVisible();
  await expect.poll(async () => (await app.state()).arrays).toEqual(trained.arrays);
  const traceAfter = JSON.parse((await downloaded(app, 'Trace as JSON')).toString());
  expect({ ...traceAfter, trainingStep: 0 }).toEqual({ ...traceBefore, trainingStep: 0 });
  // Inspected exactly like a trained one: the views show it, and Play trains it on.
  await app.button('Play').click();
  await expect.poll(() => app.stepCount(), { timeout: 10_000 }).toBeGreaterThan(3);
  await app.button('Pause').click();
});

test('each bad model file gets its own message and leaves the model unchanged', async ({ app, page }) => {
  await app.open();
  await trainSome(app, 5);
  const before = await app.state();
  const good = JSON.parse((await downloaded(app, 'Export model')).toString());
  const U = good.weights.U_f as number[][];
  const cases: [string, string | Buffer, RegExp][] = [
    ['notes.txt', 'these are not weights', /notes\.txt was not imported, the current model is unchanged: it is not JSON/],
    ['keras.json', JSON.stringify({ format: 'keras', layers: [] }), /not a Gatescope model file \(format "keras"\)/],
    ['future.json', JSON.stringify({ ...good, version: 9 }), /its version is 9; this Gatescope reads version 1/],
    ['shape.json', JSON.stringify({ ...good, weights: { ...good.weights, U_f: U.slice(1) } }), /model\.weights\.U_f: expected 8×8 numbers, got 7×8/],
    ['infinite.json', JSON.stringify(good).replace(/"b_o":\[[^,\]]+/, '"b_o":[1e999'), /model\.weights\.b_o\[0\]/],
    ['huge.json', Buffer.alloc(5 * 1024 * 1024 + 10, 32), /huge\.json was not imported.*the file is 5\.0 MB, more than the 5 MB allowed/],
  ];
  for (const [name, content, message] of cases) {
    await test.step(name, async () => {
      const buffer = typeof content === 'string' ? Buffer.from(content) : content;
      await page.getByTestId('model-file').setInputFiles({ name, mimeType: 'application/json', buffer });
      await expect(page.getByRole('alert').filter({ hasText: name })).toContainText(message);
      const now = await app.state();
      expect(now.arrays).toEqual(before.arrays);
      expect(now.config).toEqual(before.config);
    });
  }
  // In Japanese, the whole message is Japanese, the field path included as it is.
  await page.getByLabel('Language').selectOption('ja');
  await page.getByTestId('model-file').setInputFiles({ name: 'shape.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...good, weights: { ...good.weights, U_f: U.slice(1) } })) });
  await expect(page.getByRole('alert').filter({ hasText: 'shape.json' })).toHaveText(
    'shape.json を読み込めませんでした（model.weights.U_f が正しくありません：8×8 個の数値であるべきところ、7×8でした）。現在のモデルはそのままです。',
  );
  await page.getByLabel('言語').selectOption('en');
  // No imported text becomes markup: a file name with HTML in it stays text.
  await page.getByTestId('model-file').setInputFiles({ name: '<img src=x onerror=alert(1)>.json', mimeType: 'application/json', buffer: Buffer.from('{') });
  await expect(page.getByRole('alert').filter({ hasText: '<img src=x onerror=alert(1)>.json was not imported' })).toBeVisible();
  await expect(page.locator('section.export img')).toHaveCount(0);
  expect(await app.axeViolations()).toEqual([]);
});

test('diagrams and charts export as SVG and PNG', async ({ app, page }) => {
  await app.open();
  await trainSome(app, 5);
  const svg = (await downloaded(app, 'Export Rolled cell diagram as SVG')).toString();
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg).toContain('data-node="c"');
  expect(svg).toMatch(/fill="rgb\(/); // computed styles written in
  const parsed = await page.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') === null, svg);
  expect(parsed).toBe(true);
  for (const name of ['Rolled cell diagram', 'Heatmaps', 'Loss chart', 'Gradient over time', 'Unrolled diagram', 'Prediction and target']) {
    await test.step(name, async () => {
      const png = await downloaded(app, `Export ${name} as PNG`);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const width = png.readUInt32BE(16);
      const panel = await page.getByRole('region', { name, exact: true }).boundingBox();
      expect(width).toBe(Math.round(Math.ceil(panel!.width) * 2));
    });
  }
});
