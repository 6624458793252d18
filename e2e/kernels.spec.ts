/**
 * The kernels in the browser: the worker trains on WebAssembly SIMD, bit for bit as Node does;
 * JS can be chosen and a link carries the choice; where WebAssembly is blocked (a CSP without
 * 'wasm-unsafe-eval'), the page says so once and trains on the JS kernels.
 */
import { test, expect } from './fixtures';
import { TrainingSession } from '../src/worker/session';
import { DEFAULT_CONFIG } from '../src/store';

type Engine = { kernels: string; problem: { kind: string; detail: string } | null } | null;
const engineOf = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __gatescope: { store: { getState(): { engine: Engine } } } }).__gatescope.store.getState().engine);

test('the worker trains on the WASM kernels, and its numbers are Node\'s to the bit', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.openAt('#cell=lstm&peephole=1&hidden=12&length=30&seed=5&step=120');
  expect(await engineOf(page)).toEqual({ kernels: 'wasm', problem: null });
  await expect(page.locator('#kernels-note')).toHaveAttribute('data-kernels', 'wasm');
  const browser = await app.state();
  expect(browser.step).toBe(120);
  // The same run in Node, through the same session code the worker runs.
  const session = new TrainingSession({ ...DEFAULT_CONFIG, cell: 'lstm', peephole: true, hidden: 12, length: 30, seed: 5 });
  expect(session.kernels).toBe('wasm');
  while (session.steps < 120) session.trainStep();
  const snap = session.snapshot(0);
  for (const key of ['x', 'y', 'gates', 'h', 'c', 'dh', 'dc', 'dpre', 'peep'] as const) {
    expect(browser.arrays[key], key).toEqual(Array.from(snap[key]));
  }
  expect(browser.arrays.probeLoss).toEqual([snap.probeLoss]);
});

test('JS can be chosen in the cost panel: the run starts again on it, and a link carries the choice', async ({ app, page }) => {
  await app.open();
  const cost = page.getByRole('region', { name: 'Cost' });
  await cost.getByLabel('Kernels').selectOption('js');
  await expect(page.locator('#kernels-note')).toHaveAttribute('data-kernels', 'js');
  await expect(page.locator('#kernels-note')).toContainText('JavaScript kernels, as chosen');
  await app.button('Step').click();
  await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('kernels=js');
  expect(await engineOf(page)).toEqual({ kernels: 'js', problem: null });
  await expect(page.locator('[data-notice="kernels"]')).toHaveCount(0);
  expect(await app.axeViolations()).toEqual([]);
});

test('where a CSP blocks WebAssembly, the page says why once, trains on the JS kernels, and keeps working', async ({ app, page }) => {
  // Every response carries a policy that allows the app's own scripts but not compiling WebAssembly.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self'" },
    });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await app.open();
  const notice = page.locator('[data-notice="kernels"]');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-problem', 'blocked');
  await expect(notice).toContainText('WebAssembly SIMD cannot run here: the page’s security policy (CSP) does not allow compiling WebAssembly.');
  await expect(notice).toContainText('JavaScript kernels');
  await expect(page.locator('#kernels-note')).toHaveAttribute('data-kernels', 'js');
  const engine = await engineOf(page);
  expect(engine?.kernels).toBe('js');
  await page.setViewportSize({ width: 390, height: 844 });
  await app.screenshot('kernels-fallback-390-en', notice);
  await page.setViewportSize({ width: 1280, height: 900 });
  // Training goes on, on JS.
  await app.button('Play').click();
  await expect.poll(() => app.stepCount(), { timeout: 20_000 }).toBeGreaterThan(20);
  await app.button('Pause').click();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  // Japanese too, with no "undefined" anywhere.
  await page.evaluate(() => (window as unknown as { __gatescope: { store: { getState(): { setLanguage(l: string): void } } } }).__gatescope.store.getState().setLanguage('ja'));
  await expect(page.locator('#kernels-note')).toContainText('ページのセキュリティポリシー（CSP）が WebAssembly のコンパイルを許可していません');
  await app.screenshot('kernels-fallback-cost-1280-ja', page.getByRole('region', { name: 'コスト' }));
  await expect(page.locator('body')).not.toContainText('undefined');
  expect(errors).toEqual([]);
});
