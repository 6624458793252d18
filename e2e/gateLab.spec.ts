/**
 * The gate lab in the page: a gate held at a value and a unit silenced act on the example at
 * once (the diagram shows the held values, the loss before and now); a gate clicked in the diagram
 * is chosen; a value out of the gate's range is refused inline; each intervention is undone, and
 * undoing all gives the example back as it was.
 */
import { test, expect } from './fixtures';

test('hold a gate, silence a unit, and undo: the example follows at once', async ({ app, page }) => {
  await app.open();
  const lab = page.getByRole('region', { name: 'Gate lab' });
  const rolled = page.getByRole('region', { name: 'Rolled cell diagram' });
  const probeLoss = () => page.evaluate(() => (window as unknown as { __gatescope: { store: { getState(): { snapshot: { probeLoss: number } } } } }).__gatescope.store.getState().snapshot.probeLoss);
  const before = await probeLoss();
  await test.step('a gate clicked in the diagram is the one chosen', async () => {
    await rolled.locator('[data-node="f"]').click();
    await expect(lab.getByLabel('Gate')).toHaveValue('f');
  });
  await test.step('f of every unit held at 0: the memory is wiped at every step', async () => {
    await lab.getByLabel('all units').check();
    const value = lab.getByRole('spinbutton', { name: /f held at/ });
    await value.fill('0');
    await value.press('Enter');
    await lab.getByRole('button', { name: 'Hold' }).click();
    await expect(lab.getByRole('listitem')).toHaveText(['forget gate f of every unit held at 0.00 Undo']);
    await expect(rolled.locator('[data-node="f"]')).toHaveAttribute('data-lab', 'held');
    await expect(rolled.locator('[data-node="f"] .node-value')).toHaveText('0');
    await expect(lab.getByRole('status')).toContainText('before (step 0)');
    // The output chart shows y before the interventions beside y now.
    await expect(page.getByRole('region', { name: 'Prediction and target' }).locator('.y-before-line')).toHaveCount(1);
    expect(await probeLoss()).not.toBe(before);
  });
  await test.step('unit 1 silenced: its c and h are 0', async () => {
    await lab.getByRole('button', { name: 'Silence unit 1' }).click();
    await expect(rolled.locator('[data-node="h"]')).toHaveAttribute('data-lab', 'silenced');
    await expect(rolled.locator('[data-node="h"] .node-value')).toHaveText('0');
    await expect(lab.getByRole('listitem')).toHaveCount(2);
  });
  await test.step('a value outside the gate’s range is refused inline, and nothing is added', async () => {
    const value = lab.getByRole('spinbutton', { name: /f held at/ });
    await value.fill('1.5');
    await value.press('Enter');
    await expect(lab.getByRole('alert')).toContainText('choose a value from 0 to 1');
    await expect(lab.getByRole('listitem')).toHaveCount(2);
    await value.fill('0.25');
    await value.press('Enter');
    await expect(lab.getByRole('alert')).toHaveCount(0);
  });
  await test.step('Copy link says the link does not carry them', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.locator('.copy-link [role="status"]')).toContainText('not carried by a link yet');
  });
  await app.screenshot('gate-lab-en', lab);
  expect(await app.axeViolations()).toEqual([]);
  await test.step('undo one, then all: the example is as it was', async () => {
    await lab.getByRole('button', { name: /Undo: unit 1 silenced/ }).click();
    await expect(lab.getByRole('listitem')).toHaveCount(1);
    await lab.getByRole('button', { name: 'Undo all' }).click();
    await expect(lab.getByRole('listitem')).toHaveCount(0);
    await expect.poll(probeLoss).toBe(before);
    await expect(rolled.locator('[data-node="f"]')).not.toHaveAttribute('data-lab', 'held');
    await expect(page.locator('.y-before-line')).toHaveCount(0);
  });
});
