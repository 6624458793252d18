/**
 * The FNN outside the lesson: chosen in the settings, its window set (and refused inline when out of
 * range), drawn with no loop, its window drawn across the unrolled steps; and the peephole switch
 * says why nothing changes when it is pressed.
 */
import { test, expect } from './fixtures';

test('the FNN: a window field with its range, no loop in the rolled cell, the window in the unrolled diagram', async ({ app, page }) => {
  await app.open();
  await page.getByRole('combobox', { name: 'Cell type' }).selectOption('fnn');
  const window = page.getByRole('spinbutton', { name: 'Window k (steps the FNN sees)' });
  await test.step('a window out of range is refused and the value stays', async () => {
    await window.fill('40');
    await window.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Window k (steps the FNN sees): choose a value from 1 to 32.');
    await expect(window).toHaveValue('4');
  });
  await test.step('window 3: the diagrams follow', async () => {
    await window.fill('3');
    await window.press('Enter');
    await expect(app.rolled.getByRole('heading', { name: /FNN cell/ })).toBeVisible();
    await expect(app.rolled.locator('[data-edge="h-loop"]')).toHaveCount(0);
    await expect(app.rolled.getByText('window k = 3: x(t) and x(t−1) … x(t−2), no loop')).toBeVisible();
    await window.blur();
    await page.keyboard.press('End'); // the cursor at the last step: its window reaches two steps back
    const unrolled = page.getByRole('region', { name: 'Unrolled diagram' });
    await expect(unrolled.locator('[data-edge="window-h"]')).toHaveCount(2);
    await expect(unrolled.locator('[data-edge="in-h"]')).toHaveCount(0);
    await expect(page).toHaveURL(/cell=fnn/);
    await expect(page).toHaveURL(/window=3/);
  });
  await test.step('the equations show the window', async () => {
    await expect(page.getByRole('region', { name: 'Equations' })).toContainText('x');
  });
  expect(await app.axeViolations()).toEqual([]);
});

test('switching the peepholes on says why nothing changes yet: they start at 0', async ({ app, page }) => {
  await app.open();
  const before = await app.state();
  await page.getByRole('switch', { name: 'Peephole connections' }).click();
  await expect(app.rolled.getByText('The peepholes start at 0, so switching them on changes no value now; training grows them.')).toBeVisible();
  await expect(app.rolled.getByText(/Peepholes of unit 1: p_i 0, p_f 0, p_o 0/)).toBeVisible();
  const after = await app.state();
  expect(after.arrays.h).toEqual(before.arrays.h);
  await app.button('Step').click();
  await expect(app.rolled.getByText(/change since switched on at step 0/)).toBeVisible();
  await expect(app.rolled.getByText(/The peepholes start at 0/)).toHaveCount(0);
});
