import { test, expect } from './fixtures';

test('the page loads without console errors and passes an axe scan', async ({ app, page, consoleErrors }) => {
  await test.step('open', async () => {
    await app.open();
  });
  await test.step('content in both languages', async () => {
    await expect(page.getByRole('heading', { name: 'What this will be' })).toBeVisible();
    await expect(page.locator('section[lang="ja"] h2')).toHaveText('Gatescope について');
    await expect(page.getByRole('listitem')).toHaveText(['RNN', 'LSTM', 'GRU']);
  });
  await test.step('accessibility', async () => {
    expect(await app.axeViolations()).toEqual([]);
  });
  await app.screenshot('shell');
  expect(consoleErrors).toEqual([]);
});
