/**
 * The supervised worker: every fault is found within 5 s, named in the page's language (never
 * "undefined"), the status says the worker is down, and Restart carries the run on from the last
 * checkpoint, saying how many steps were lost; a fault that repeats at once is not retried.
 */
import { test, expect, type AppPage } from './fixtures';
import type { Page } from '@playwright/test';

type Faults = { terminateWorker(): void; closeWorker(): void; hangWorker(ms: number): void; throwInWorker(): void; breakSnapshots(): void; clear(): void; checkpointStep(): number | null };
type S = { step: number; status: string; workerFault: { kind: string; step: number; checkpointStep: number | null; repeated: boolean } | null };
const hook = (page: Page) => ({
  fault: (f: (faults: Faults) => void) => page.evaluate(`(${f.toString()})(window.__gatescope.faults)`),
  state: () => page.evaluate(() => (window as unknown as { __gatescope: { store: { getState(): S } } }).__gatescope.store.getState()).then((s) => ({ step: s.step, status: s.status, fault: s.workerFault })),
});

/** Train for a while (so there is a checkpoint behind the fault), then inject it; returns when it was injected. */
async function trainThen(app: AppPage, inject: () => Promise<unknown>): Promise<number> {
  await app.button('Play').click();
  await expect.poll(() => app.stepCount(), { timeout: 20_000 }).toBeGreaterThan(150);
  // A checkpoint taken while training (not only the one at step 0).
  const checkpoint = () => app.page.evaluate(() => (window as unknown as { __gatescope: { faults: Faults } }).__gatescope.faults.checkpointStep() ?? 0);
  await expect.poll(checkpoint, { timeout: 10_000 }).toBeGreaterThan(0);
  await inject();
  return Date.now();
}

for (const [name, inject, kind] of [
  ['the worker is terminated', (f: Faults) => f.terminateWorker(), 'unresponsive'],
  ['the worker closes itself', (f: Faults) => f.closeWorker(), 'unresponsive'],
  ['the worker hangs in a busy loop', (f: Faults) => f.hangWorker(60_000), 'unresponsive'],
  ['an error nothing catches is thrown in the worker', (f: Faults) => f.throwInWorker(), 'crashed'],
] as const) {
  test(`${name}: found within 5 s, named, and Restart carries the run on from the last checkpoint`, async ({ app, page }) => {
    test.setTimeout(90_000);
    await app.open();
    const h = hook(page);
    const injected = await trainThen(app, () => h.fault(inject));
    const banner = page.locator(`[data-fault="${kind}"]`);
    await expect(banner).toBeVisible({ timeout: 5_000 });
    const detectedMs = Date.now() - injected;
    const { fault, step } = await h.state();
    expect(fault).toMatchObject({ kind, repeated: false });
    console.log(`fault "${name}": shown after ${detectedMs} ms, at step ${fault!.step}; checkpoint at step ${fault!.checkpointStep}, ${Math.max(0, fault!.step - fault!.checkpointStep!)} steps to lose`);
    await expect(banner).toContainText(kind === 'crashed' ? `The training worker failed at step ${step.toLocaleString('en-US')}` : `The training worker stopped responding at step ${step.toLocaleString('en-US')}`);
    await expect(banner).not.toContainText('undefined');
    if (kind === 'unresponsive') await app.screenshot(`fault-${name.split(' ').at(-1)}`, page.locator('main, body').first());
    // Honest status: not "training", and nothing advances.
    await expect(app.status).toContainText('worker stopped');
    // The link catches up with the step shown (its writes are spaced 300 ms apart), and stays there.
    const linkStep = () => page.evaluate(() => Number(/[#&]step=(\d+)/.exec(window.location.hash)?.[1] ?? 0));
    await expect.poll(linkStep).toBe(step);
    const hash = await page.evaluate(() => window.location.hash);
    await page.waitForTimeout(600);
    expect(await app.stepCount()).toBe(step);
    expect(await page.evaluate(() => window.location.hash)).toBe(hash);
    expect(fault!.checkpointStep).toBeGreaterThan(0);
    await banner.getByRole('button', { name: `Restart from step ${fault!.checkpointStep!.toLocaleString('en-US')}` }).click();
    const recovered = page.locator('[data-notice="recovered"]');
    await expect(recovered).toContainText(`Restarted from the checkpoint at step ${fault!.checkpointStep!.toLocaleString('en-US')}`);
    await expect.poll(() => app.stepCount()).toBe(fault!.checkpointStep);
    // Training goes on from there.
    await app.button('Play').click();
    await expect.poll(() => app.stepCount(), { timeout: 20_000 }).toBeGreaterThan(fault!.checkpointStep! + 20);
    await expect(app.status).toContainText('training');
    await app.button('Pause').click();
  });
}

test('a fault that repeats at once (every snapshot throws) is not retried: the banner says so and offers Reset', async ({ app, page }) => {
  test.setTimeout(90_000);
  await app.open();
  const h = hook(page);
  await trainThen(app, () => h.fault((f) => f.breakSnapshots()));
  const banner = page.locator('[data-fault="crashed"]');
  await expect(banner).toBeVisible({ timeout: 5_000 });
  await expect(banner).toContainText('a snapshot that fails');
  await banner.getByRole('button', { name: /^Restart/ }).click();
  const again = page.locator('[data-fault="crashed"][data-repeated="true"]');
  await expect(again).toBeVisible({ timeout: 5_000 });
  await expect(again).toContainText('It failed again right after restarting');
  await expect(again.getByRole('button', { name: /^Restart/ })).toHaveCount(0);
  // Reset (with the fault gone) starts afresh from the seed.
  await h.fault((f) => f.clear());
  await again.getByRole('button', { name: 'Reset' }).click();
  await expect(page.locator('[data-fault]')).toHaveCount(0);
  await expect.poll(() => app.stepCount()).toBe(0);
  await app.button('Step').click();
  await expect.poll(() => app.stepCount()).toBe(1);
});

type Route = Parameters<Parameters<Page['route']>[1]>[0];

for (const [name, serve, kinds] of [
  ['a 404', (r: Route) => r.fulfill({ status: 404, body: 'not here' }), ['load-failed']],
  ['a syntax error', (r: Route) => r.fulfill({ status: 200, contentType: 'text/javascript', body: 'export const broken = ((( ;' }), ['load-failed']],
  ['the wrong MIME type', (r: Route) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>a page, not a script</p>' }), ['load-failed']],
  ['an aborted load', (r: Route) => r.abort('connectionreset'), ['load-failed']],
  ['a script that never arrives', () => new Promise<void>(() => {}), ['not-started']],
] as const) {
  test(`the worker script fails to load (${name}): named within 5 s, in Japanese too, and Restart tries again`, async ({ app, page }) => {
    let block = true;
    await page.route(/trainer\.worker.*\.js/, (route) => (block ? serve(route) : route.continue()));
    const loaded = Date.now();
    await page.goto('/');
    const banner = page.locator('[data-fault]');
    await expect(banner).toBeVisible({ timeout: 5_000 });
    console.log(`worker script, ${name}: "${await banner.getAttribute('data-fault')}" shown ${Date.now() - loaded} ms after the page was asked for`);
    expect(kinds).toContain(await banner.getAttribute('data-fault'));
    await expect(banner).toContainText(kinds[0] === 'not-started' ? 'The training worker did not start' : 'The training worker’s script could not be loaded');
    await expect(banner).not.toContainText('undefined');
    await expect(app.status).toContainText('worker stopped');
    await page.evaluate(() => (window as unknown as { __gatescope: { store: { getState(): { setLanguage(l: string): void } } } }).__gatescope.store.getState().setLanguage('ja'));
    await expect(banner).toContainText('学習ワーカー');
    await expect(banner).not.toContainText('undefined');
    await page.evaluate(() => (window as unknown as { __gatescope: { store: { getState(): { setLanguage(l: string): void } } } }).__gatescope.store.getState().setLanguage('en'));
    block = false;
    await banner.getByRole('button', { name: 'Restart' }).click();
    await expect(page.locator('[data-node="h"] .node-value')).not.toHaveText('NaN');
    await expect(page.locator('[data-fault]')).toHaveCount(0);
    await app.button('Step').click();
    await expect.poll(() => app.stepCount()).toBe(1);
  });
}

test('a comparison worker that dies marks its own runs as failed within 5 s; the other worker\'s runs go on to the end', async ({ app, page }) => {
  test.setTimeout(90_000);
  await app.open();
  const comparison = page.getByRole('region', { name: 'Comparison' });
  const steps = comparison.getByLabel('Steps');
  await steps.fill('4000');
  await steps.press('Enter');
  await comparison.getByRole('button', { name: 'Compare cells' }).click();
  await expect(comparison.locator('tr[data-run]')).toHaveCount(3);
  await page.waitForTimeout(300);
  const killed = Date.now();
  await page.evaluate(() => (window as unknown as { __gatescope: { faults: { terminateComparisonWorker(k: number): void } } }).__gatescope.faults.terminateComparisonWorker(0));
  const failed = comparison.locator('tr[data-failed="true"]');
  await expect(failed.first()).toBeVisible({ timeout: 5_000 });
  console.log(`comparison worker 0 terminated: its runs marked failed after ${Date.now() - killed} ms`);
  await expect(failed.first()).toContainText('worker stopped');
  const lost = await failed.count();
  expect(lost).toBeGreaterThan(0);
  // The other worker's runs finish and are scored.
  await expect(comparison.locator('tr[data-done="true"]')).toHaveCount(3 - lost, { timeout: 60_000 });
  await expect(comparison.getByRole('button', { name: 'Compare cells' })).toBeVisible();
});
