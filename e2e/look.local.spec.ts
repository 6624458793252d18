import { test } from './fixtures';
test('look', async ({ page }) => {
  await page.goto('/#cell=lstm&peephole=1&step=30&t=12&unit=3');
  await page.waitForFunction(() => (window as any).__gatescope.store.getState().linkTarget === null, null, { timeout: 30000 });
  await page.screenshot({ path: 'e2e/screenshots/look-light.png', fullPage: true });
  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Rolled cell diagram as PNG' }).click();
  await (await dl).saveAs('e2e/screenshots/look-rolled-export.png');
  const dl2 = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Heatmaps as PNG' }).click();
  await (await dl2).saveAs('e2e/screenshots/look-heatmaps-export.png');
});
