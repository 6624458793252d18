import { test } from './fixtures';
test('look', async ({ page }) => {
  await page.goto('/#theme=dark&cell=lstm&peephole=1&step=30&t=12&unit=3');
  await page.waitForFunction(() => (window as any).__gatescope.store.getState().linkTarget === null, null, { timeout: 30000 });
  await page.screenshot({ path: 'e2e/screenshots/look-dark.png', fullPage: true });
  await page.keyboard.press('?');
  await page.screenshot({ path: 'e2e/screenshots/look-shortcuts.png' });
});
