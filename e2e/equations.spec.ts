/** The equations at the cursor: live numbers that add up, peephole terms with the switch, hover in both directions. */
import { test, expect } from './fixtures';

test('the equations show the values at the cursor, and every checked line adds up', async ({ app, page }) => {
  await app.openAt('#cell=lstm&step=25&t=12&unit=3');
  const eq = page.getByRole('region', { name: 'Equations' });
  await expect(eq).toContainText('t = 12, unit 3');
  // The cell state on the diagram is the result of the c line.
  const c = (await app.rolled.locator('[data-node="c"] .node-value').textContent())!;
  await expect(eq.locator('[data-line="c"] .eq-numeric')).toContainText(c.replace('-', '−').slice(0, 3));
  await expect(eq.locator('[data-check="mismatch"]')).toHaveCount(0);
  expect(await eq.locator('[data-check="ok"]').count()).toBeGreaterThanOrEqual(6);
  // Moving the cursor changes the numbers.
  const before = await eq.locator('[data-line="c"] .eq-numeric').textContent();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(eq).toContainText('t = 13, unit 3');
  await expect(eq.locator('[data-line="c"] .eq-numeric')).not.toHaveText(before!);
  await expect(eq.locator('[data-check="mismatch"]')).toHaveCount(0);
});

test('peephole terms appear and disappear with the switch', async ({ app, page }) => {
  await app.open();
  const eq = page.getByRole('region', { name: 'Equations' });
  await expect(eq.locator('[data-line="f"] .eq-symbolic')).not.toContainText('p');
  await page.getByRole('switch', { name: 'Peephole connections' }).click();
  await expect(eq.locator('[data-line="f"] .eq-symbolic [data-node="c"]')).toHaveCount(1);
  await expect(eq.locator('[data-check="mismatch"]')).toHaveCount(0);
  await page.getByRole('switch', { name: 'Peephole connections' }).click();
  await expect(eq.locator('[data-line="f"] .eq-symbolic [data-node="c"]')).toHaveCount(0);
});

test('pointing at a term lights up its node in the cell diagram, and the other way round', async ({ app, page }) => {
  await app.open();
  const eq = page.getByRole('region', { name: 'Equations' });
  await eq.locator('[data-line="f"] .eq-symbolic [data-node="f"]').first().hover();
  await expect(app.rolled.locator('g[data-node="f"]')).toHaveClass(/node-hovered/);
  await app.rolled.locator('g[data-node="o"]').hover();
  await expect(eq.locator('.eq-term-hovered[data-node="o"]').first()).toBeVisible();
  // By keyboard too: a focused term highlights its node (the pointer parked where it points at nothing).
  await page.mouse.move(1, 1);
  await expect(app.rolled.locator('g.node-hovered')).toHaveCount(0);
  await eq.locator('[data-line="c"] .eq-symbolic [data-node="c"]').first().focus();
  await expect(app.rolled.locator('g[data-node="c"]')).toHaveClass(/node-hovered/);
  // One tab stop for the terms; inside it, ← → step through them and the time stays put.
  const slider = page.getByRole('slider', { name: 'Time step' });
  const t = await slider.inputValue();
  await eq.getByRole('group').focus();
  await page.keyboard.press('ArrowRight');
  await expect(app.rolled.locator('g[data-node="i"]')).toHaveClass(/node-hovered/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(app.rolled.locator('g[data-node="i"]')).toHaveClass(/node-hovered/);
  await expect(slider).toHaveValue(t);
  expect(await app.axeViolations()).toEqual([]);
  await page.getByLabel('Language').selectOption('ja');
  await expect(page.getByRole('region', { name: '数式' })).toBeVisible();
});
