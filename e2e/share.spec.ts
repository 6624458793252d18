/** Shareable state: a link reproduces a run exactly; a tampered link falls back field by field; embed mode. */
import { test, expect, AppPage } from './fixtures';

test('a copied link, opened in a fresh page, shows the same run: step, loss, and every value at the same (t, unit)', async ({ app, page, browser }) => {
  test.setTimeout(120_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open();
  await test.step('a run of its own: GRU, seed 7, trained for a while, cursor moved', async () => {
    await page.getByLabel('Cell type').selectOption('gru');
    const seed = page.getByLabel('Seed');
    await seed.fill('7');
    await seed.press('Enter');
    await app.button('Play').click();
    await expect.poll(() => app.stepCount(), { timeout: 20_000 }).toBeGreaterThan(60);
    await app.button('Pause').click();
    await expect(app.status).toContainText('paused');
    // Another probe sequence: the link carries which one.
    await page.getByRole('button', { name: 'New example' }).click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    for (let k = 0; k < 8; k++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
  });
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/Link copied/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('cell=gru');
  expect(link).toContain('example=1');
  const before = await app.state();
  expect(before).toMatchObject({ t: 9, unit: 2 });
  const gateText = await app.rolled.locator('[data-node="z"] .node-value').textContent();

  const context = await browser.newContext();
  const fresh = new AppPage(await context.newPage());
  const errors: string[] = [];
  fresh.page.on('pageerror', (e) => errors.push(e.message));
  await fresh.page.setViewportSize({ width: 1280, height: 900 });
  await fresh.openAt(new URL(link).hash);
  const after = await fresh.state();
  expect(after.step).toBe(before.step);
  expect(after.loss).toBe(before.loss);
  expect({ t: after.t, unit: after.unit }).toEqual({ t: 9, unit: 2 });
  expect(after.config).toEqual(before.config);
  // The engine is deterministic: the same weights give the same numbers, to the bit.
  expect(after.arrays).toEqual(before.arrays);
  await expect(fresh.rolled.locator('[data-node="z"] .node-value')).toHaveText(gateText!);
  await expect(fresh.status).toContainText(String(before.step.toLocaleString('en-US')));
  expect(errors).toEqual([]);
  await context.close();
});

test('a tampered link keeps its good fields, falls back on the bad ones, and names them', async ({ app, page }) => {
  await app.openAt('#v=1&cell=gru&hidden=999&lr=abc&seed=2.5&colour=red&batch=32');
  const notice = page.getByRole('alert').filter({ hasText: 'were ignored' });
  await expect(notice).toContainText('hidden (999 is outside 1–128)');
  await expect(notice).toContainText('lr (“abc” is not a number)');
  await expect(notice).toContainText('seed (2.5 is not a whole number)');
  await expect(notice).toContainText('colour (not a setting)');
  await expect(page.getByLabel('Cell type')).toHaveValue('gru');
  await expect(page.getByLabel('Batch size')).toHaveValue('32');
  await expect(page.getByLabel('Hidden size')).toHaveValue('8');
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.01');
  expect(await app.axeViolations()).toEqual([]);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  // The page goes on working, and the hash now holds only good values.
  await app.button('Step').click();
  await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('hidden=8');
});

test('embed mode shows the views without the controls, with a link to the full page', async ({ app, page }) => {
  await app.openAt('#cell=rnn&embed=1&t=5');
  await expect(page.getByRole('region', { name: 'Settings' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Comparison' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Rolled cell diagram' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Unrolled diagram' })).toBeVisible();
  const full = page.getByRole('link', { name: 'Open in Gatescope' });
  await expect(full).toHaveAttribute('href', /cell=rnn/);
  await expect(full).not.toHaveAttribute('href', /embed=/);
  await app.button('Play').click();
  await expect.poll(() => app.state().then((s) => s.step), { timeout: 10_000 }).toBeGreaterThan(0);
  expect(await app.axeViolations()).toEqual([]);
  await app.screenshot('embed');
});

test('a replay that the user interrupts hands the page over: the notice goes, the hash follows the page', async ({ app, page }) => {
  await page.goto('/#cell=lstm&hidden=64&length=100&step=50000');
  const replaying = page.getByRole('status').filter({ hasText: 'Training to step 50,000 to reproduce the link' });
  await expect(replaying).toBeVisible();
  await app.button('Pause').click();
  await expect(replaying).toHaveCount(0);
  await expect(app.status).toContainText('paused');
  const step = await app.stepCount();
  expect(step).toBeLessThan(50_000);
  await expect.poll(() => page.evaluate(() => window.location.hash)).toContain(`step=${step}`);
  expect(await app.axeViolations()).toEqual([]);
});

test('the skip link moves the focus to the views and leaves the link alone', async ({ app, page }) => {
  await app.openAt('#cell=gru&seed=5');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the views' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#views')).toBeFocused();
  expect(await page.evaluate(() => window.location.hash)).toContain('cell=gru');
  await expect(page.getByLabel('Seed')).toHaveValue('5');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a link with a 100,000-character value and 5,000 unknown fields gets a short notice: values clipped, the list counted', async ({ app, page }) => {
  const keys = Array.from({ length: 5000 }, (_, k) => `junk${k}=1`).join('&');
  await app.openAt(`#v=1&seed=${'9'.repeat(100_000)}&${keys}`);
  const notice = page.getByRole('alert').filter({ hasText: 'were ignored' });
  await expect(notice).toContainText('seed (“' + '9'.repeat(99) + '…”');
  await expect(notice).toContainText(', and 4,991 more');
  const { length, height } = await notice.evaluate((el) => ({ length: el.textContent!.length, height: el.getBoundingClientRect().height }));
  console.log(`link notice: ${length} characters, ${Math.round(height)} px tall`);
  expect(length).toBeLessThan(1000);
  expect(height).toBeLessThan(200);
});

test('a long replay shows its progress and can be cancelled; one that would take over 10 minutes stops and offers a lower step', async ({ app, page }) => {
  test.setTimeout(90_000);
  await page.goto('/#cell=lstm&hidden=128&length=200&batch=256&step=100000');
  const replaying = page.locator('[data-notice="replay"]');
  await expect(replaying).toContainText('Training to step 100,000 to reproduce the link');
  await expect(replaying).toContainText(/done \(\d+ %\), [\d,.]+ steps\/s, about [\d,]+ (h|min|s) left/, { timeout: 20_000 });
  const refused = page.locator('[data-notice="replay-refused"]');
  await expect(refused).toContainText('more than the 10 minutes a link may take', { timeout: 20_000 });
  await expect(app.status).toContainText('paused');
  await app.screenshot('replay-refused', refused);
  const offer = refused.getByRole('button', { name: /^Open at step [\d,]+ \(10 minutes\)$/ });
  const to = Number((await offer.textContent())!.replace(/\D+/g, ' ').trim().split(' ')[0]);
  expect(to).toBeGreaterThan(await app.stepCount());
  expect(to).toBeLessThan(100_000);
  await offer.click();
  await expect(refused).toHaveCount(0);
  await expect(replaying).toContainText(`Training to step ${to.toLocaleString('en-US')}`);
  await replaying.getByRole('button', { name: 'Cancel' }).click();
  await expect(replaying).toHaveCount(0);
  await expect(app.status).toContainText('paused');
});
