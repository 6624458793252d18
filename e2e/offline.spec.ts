/**
 * Offline use: after one visit the service worker has the whole app, so a page opened with the
 * network gone loads, trains, switches language and typesets the equations. A new version is never
 * served silently: it waits, the page says so, and Reload switches to it.
 */
import { test, expect, type AppPage } from './fixtures';
import type { Page } from '@playwright/test';
import { startStaticHost } from './staticHost';

test.use({ serviceWorkers: 'allow' });

/** The first visit: the page says when the app is stored, and a service worker then runs it. */
async function firstVisit(app: AppPage, page: Page): Promise<void> {
  await app.open();
  await expect(page.locator('[data-notice="offline-ready"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-notice="offline-ready"]')).toContainText('without a network');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

async function trains(app: AppPage): Promise<void> {
  await app.button('Play').click();
  await expect.poll(() => app.stepCount(), { timeout: 20_000 }).toBeGreaterThan(50);
  await app.button('Pause').click();
  await expect(app.status).toContainText('paused');
}

test('after one visit the app opens and trains offline: both workers, the WebAssembly kernels, Japanese, the equations', async ({ app, page, context }) => {
  await test.step('the first visit stores the app', () => firstVisit(app, page));
  await test.step('the network goes; a reload still opens the app, now from the service worker', async () => {
    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Gatescope' })).toBeVisible();
    await expect(page.locator('[data-node="h"] .node-value')).not.toHaveText('NaN');
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // The first-visit note is not said again.
    await expect(page.locator('[data-notice="offline-ready"]')).toHaveCount(0);
  });
  await test.step('it trains, on the WebAssembly kernels', async () => {
    await trains(app);
    await expect(page.locator('#kernels-note')).toHaveAttribute('data-kernels', 'wasm');
  });
  await test.step('the equations typeset, with their fonts', async () => {
    const eq = page.getByRole('region', { name: 'Equations' });
    await eq.scrollIntoViewIfNeeded();
    await expect(eq.locator('.katex').first()).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main') && document.fonts.check('italic 16px KaTeX_Math'))).toBe(true);
  });
  await test.step('Japanese', async () => {
    await page.getByLabel('Language').selectOption('ja');
    await expect(page.getByRole('region', { name: '数式' })).toBeVisible();
    await expect(page.getByRole('button', { name: '再生', exact: true })).toBeVisible();
  });
  await test.step('a comparison runs in its workers', async () => {
    await page.getByLabel('言語').selectOption('en');
    const comparison = page.getByRole('region', { name: 'Comparison' });
    await comparison.getByRole('button', { name: 'Compare cells' }).click();
    await expect(comparison.locator('figure').nth(0).locator('path[data-run]')).toHaveCount(3, { timeout: 15_000 });
    await comparison.getByRole('button', { name: 'Stop comparing' }).click({ timeout: 2_000 }).catch(() => undefined);
  });
  await test.step('a second tab opened offline works too', async () => {
    const other = await context.newPage();
    await other.goto('/#cell=gru&hidden=16');
    await expect(other.getByRole('heading', { level: 1, name: 'Gatescope' })).toBeVisible();
    await expect(other.locator('[data-node="z"] .node-value')).not.toHaveText('NaN');
    await other.close();
  });
  await context.setOffline(false);
});

/** A service worker script's tail that answers "version?" with its name: which version runs. */
const versionTail = (name: string) =>
  `\nself.addEventListener('message', (e) => { if (e.data === 'version?') e.source.postMessage('${name}'); });\n`;

/** The version of the service worker controlling the page ("first" before any was published). */
async function runningVersion(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const sw = navigator.serviceWorker.controller;
        if (!sw) return resolve('none');
        const answer = (e: MessageEvent) => resolve(String(e.data));
        navigator.serviceWorker.addEventListener('message', answer, { once: true });
        sw.postMessage('version?');
        setTimeout(() => resolve('first'), 1000);
      }),
  );
}

test('a new version is not served silently: the page says one is available, and Reload switches to it', async ({ app, page }) => {
  const host = await startStaticHost();
  const notice = page.locator('[data-notice="update"]');
  const publish = async (name: string) => {
    host.publish('/sw.js', versionTail(name));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect(notice).toBeVisible({ timeout: 30_000 });
  };
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Gatescope' })).toBeVisible();
    await expect(page.locator('[data-notice="offline-ready"]')).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page.locator('[data-node="h"] .node-value')).not.toHaveText('NaN');
    expect(await runningVersion(page)).toBe('first');
    await test.step('a new version is published: the page says so, and the old one keeps running', async () => {
      await publish('second');
      await expect(notice).toContainText('A new version of Gatescope is available.');
      expect(await runningVersion(page)).toBe('first');
      await trains(app);
      await page.getByLabel('Language').selectOption('ja');
      await expect(notice).toContainText('新しいバージョンがあります');
      await page.setViewportSize({ width: 390, height: 844 });
      await app.screenshot('update-390-ja', notice);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByLabel('言語').selectOption('en');
    });
    await test.step('Later keeps this version; the notice goes', async () => {
      await notice.getByRole('button', { name: 'Later' }).click();
      await expect(notice).toHaveCount(0);
      expect(await runningVersion(page)).toBe('first');
    });
    await test.step('a reload never shows an old version without saying so', async () => {
      await page.reload();
      await expect(page.locator('[data-node="h"] .node-value')).not.toHaveText('NaN');
      // Either the browser let the new version take over on the reload, or it still waits and the page says so.
      const version = await runningVersion(page);
      const waiting = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => (r?.waiting ?? null) !== null));
      if (waiting) await expect(notice).toBeVisible({ timeout: 30_000 });
      else expect(version).toBe('second');
      console.log(`after a reload with a version waiting: ${waiting ? 'still waiting, and the page says so' : 'the new version runs'}`);
    });
    await test.step('Reload switches to the newest version', async () => {
      await publish('third');
      const reloaded = page.waitForEvent('load');
      await notice.getByRole('button', { name: 'Reload' }).click();
      await reloaded;
      await expect(page.getByRole('heading', { level: 1, name: 'Gatescope' })).toBeVisible();
      await expect(page.locator('[data-node="h"] .node-value')).not.toHaveText('NaN');
      await expect(notice).toHaveCount(0);
      expect(await runningVersion(page)).toBe('third');
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();
    });
  } finally {
    await host.close();
  }
});
