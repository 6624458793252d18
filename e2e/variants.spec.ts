/**
 * The LSTM variants of Greff et al. (2017) in the page: the settings choose one; the rolled and
 * unrolled diagrams mark what it takes out or couples; the equations say it with live numbers;
 * the link carries it; and "Take the LSTM apart" trains the nine side by side and scores them.
 */
import { test, expect } from './fixtures';

test('a variant from the settings: the diagrams mark it, the equations and the link say it', async ({ app, page }) => {
  await app.open();
  const variant = page.getByLabel('Variant (Greff et al. 2017)');
  const rolled = page.getByRole('region', { name: 'Rolled cell diagram' });
  const unrolled = page.getByRole('region', { name: 'Unrolled diagram' });
  await test.step('the basic LSTM is NP', async () => {
    await expect(variant).toHaveValue('NP');
    await expect(rolled.locator('[data-mark]')).toHaveCount(0);
  });
  await test.step('CIFG: f is made from i, in the diagrams, the equations and the link; f cannot be fixed', async () => {
    await variant.selectOption('CIFG');
    await expect(page.getByRole('switch', { name: 'Peephole connections' })).toBeChecked();
    await expect(rolled.locator('[data-node="f"]')).toHaveAttribute('data-mark', 'coupled');
    await expect(rolled.locator('[data-edge="cifg-couple"]')).toHaveCount(1);
    await expect(unrolled.locator('[data-node="f"][data-mark="coupled"]').first()).toBeVisible();
    await expect(rolled.locator('.variant-note')).toContainText('f = 1 − i');
    await expect(page.getByRole('switch', { name: /Forget gate fixed at 1/ })).toBeDisabled();
    await expect.poll(() => page.url()).toContain('change=CIFG');
    const equations = page.getByRole('region', { name: 'Equations' });
    await expect(equations.locator('[data-line="f"]').first()).toContainText('1');
    await app.screenshot('variant-cifg-en', rolled);
  });
  await test.step('FGR: the controllers get their loops; NIG: i = 1; NOAF: the tanh before o is struck out', async () => {
    await variant.selectOption('FGR');
    await expect(rolled.locator('[data-edge^="fgr-"]')).toHaveCount(3);
    await expect.poll(() => page.url()).toContain('change=FGR');
    await app.screenshot('variant-fgr-en', rolled);
    await variant.selectOption('NIG');
    await expect(rolled.locator('[data-node="i"]')).toHaveAttribute('data-mark', 'removed');
    await expect(rolled.locator('[data-node="i"] .node-value')).toHaveText('1.00');
    await variant.selectOption('NOAF');
    await expect(rolled.locator('.op-removed')).toHaveCount(1);
  });
  await test.step('the peepholes switched off make a combination outside the table; V puts them back', async () => {
    await page.getByRole('switch', { name: 'Peephole connections' }).click();
    await expect(variant).toHaveValue('other');
    await variant.selectOption('V');
    await expect(page.getByRole('switch', { name: 'Peephole connections' })).toBeChecked();
    await expect.poll(() => page.url()).toContain('change=none');
  });
  expect(await app.axeViolations()).toEqual([]);
});

test('a link with a variant opens it; one for the wrong cell is named and dropped', async ({ app, page }) => {
  await app.openAt('#v=1&cell=lstm&peephole=1&change=NOG');
  await expect(page.getByLabel('Variant (Greff et al. 2017)')).toHaveValue('NOG');
  await expect(page.getByRole('region', { name: 'Rolled cell diagram' }).locator('[data-node="o"]')).toHaveAttribute('data-mark', 'removed');
  await page.goto('/#v=1&cell=gru&change=CIFG');
  await expect(page.getByRole('alert')).toContainText('change (the GRU has no such setting)');
});

test('Take the LSTM apart: the nine variants train side by side and are scored', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  const comparison = page.getByRole('region', { name: 'Comparison' });
  await comparison.getByLabel('Steps').fill('300');
  await comparison.getByLabel('Steps').press('Enter');
  await comparison.getByRole('button', { name: 'Take the LSTM apart', exact: true }).click();
  for (const id of ['V', 'NIG', 'NFG', 'NOG', 'NIAF', 'NOAF', 'NP', 'CIFG', 'FGR']) {
    await expect(comparison.locator(`tr[data-run="${id}"]`)).toHaveAttribute('data-done', 'true', { timeout: 90_000 });
    expect(Number(await comparison.locator(`tr[data-run="${id}"] td[data-ratio]`).getAttribute('data-ratio'))).toBeGreaterThan(0);
  }
  await expect(comparison.locator('figure').nth(0).locator('path[data-run]')).toHaveCount(9);
  await app.screenshot('take-apart-en', comparison);
  expect(await app.axeViolations()).toEqual([]);
});

test('the take-apart preset: on the adding problem NIG stays at the baseline while V, NP and CIFG learn', async ({ app, page }) => {
  test.setTimeout(300_000);
  await app.open();
  const comparison = page.getByRole('region', { name: 'Comparison' });
  await comparison.getByRole('button', { name: /Take the LSTM apart: the adding problem/ }).click();
  await expect(page.getByLabel('Task', { exact: true })).toHaveValue('adding');
  await expect(page.getByLabel('Variant (Greff et al. 2017)')).toHaveValue('V');
  const ratio = async (id: string) => Number(await comparison.locator(`tr[data-run="${id}"] td[data-ratio]`).getAttribute('data-ratio'));
  for (const id of ['V', 'NIG', 'NFG', 'NOG', 'NIAF', 'NOAF', 'NP', 'CIFG', 'FGR']) {
    await expect(comparison.locator(`tr[data-run="${id}"]`)).toHaveAttribute('data-done', 'true', { timeout: 250_000 });
  }
  const all = Object.fromEntries(await Promise.all(['V', 'NIG', 'NFG', 'NOG', 'NIAF', 'NOAF', 'NP', 'CIFG', 'FGR'].map(async (id) => [id, await ratio(id)] as const)));
  console.log(`take-apart preset in the page (seed 1): ${Object.entries(all).map(([id, r]) => `${id} ${r.toFixed(4)}`).join(', ')}`);
  expect(all.NIG).toBeGreaterThan(0.5);
  for (const id of ['V', 'NP', 'CIFG']) expect(all[id]).toBeLessThan(0.05);
  for (const id of ['V', 'NIG', 'NP', 'CIFG']) await expect(comparison.locator(`tr[data-run="${id}"]`)).toContainText('✓');
  await app.screenshot('take-apart-preset-en', comparison);
  expect(await app.axeViolations()).toEqual([]);
});

test('a comparison is part of the link: opened elsewhere, it trains again to the same scores', async ({ app, page, browser }) => {
  test.setTimeout(180_000);
  await app.open();
  const comparison = page.getByRole('region', { name: 'Comparison' });
  await comparison.getByLabel('Steps').fill('200');
  await comparison.getByLabel('Steps').press('Enter');
  await comparison.getByRole('button', { name: 'Take the LSTM apart', exact: true }).click();
  const ids = ['V', 'NIG', 'NFG', 'NOG', 'NIAF', 'NOAF', 'NP', 'CIFG', 'FGR'];
  const scores = async (p: typeof page) => {
    const region = p.getByRole('region', { name: 'Comparison' });
    for (const id of ids) await expect(region.locator(`tr[data-run="${id}"]`)).toHaveAttribute('data-done', 'true', { timeout: 120_000 });
    return Promise.all(ids.map((id) => region.locator(`tr[data-run="${id}"] td[data-ratio]`).getAttribute('data-ratio')));
  };
  const here = await scores(page);
  await expect.poll(() => page.url()).toContain(`compare=${ids.join('%2C')}&compareSteps=200&comparePreset=none`);
  const url = page.url();
  const other = await (await browser.newContext()).newPage();
  await other.goto(url);
  expect(await scores(other)).toEqual(here);
  await expect(other.getByRole('region', { name: 'Comparison' }).getByLabel('Steps')).toHaveValue('200');
  await test.step('a setting changed after the comparison leaves it out of the link (it is no longer this config’s)', async () => {
    await page.getByRole('spinbutton', { name: 'Seed' }).fill('9');
    await page.getByRole('spinbutton', { name: 'Seed' }).press('Enter');
    await expect.poll(() => page.url()).not.toContain('compare=');
  });
});
