/** The backward pass on screen: gradient over time, the gradient check, the recurrent scale, cost, the Backward pass switch and the 1997 LSTM. */
import { test, expect } from './fixtures';

test('gradient over time: ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖) on a log scale, with the fitted decay per step', async ({ app, page }) => {
  await app.open();
  const flow = page.getByRole('region', { name: 'Gradient over time' });
  await expect(flow.locator('path[data-series="h"]')).toHaveCount(1);
  await expect(flow.locator('path[data-series="c"]')).toHaveCount(1);
  await page.getByLabel('Task', { exact: true }).selectOption('adding');
  await page.getByLabel('Cell type').selectOption('rnn');
  await expect(flow.locator('path[data-series="c"]')).toHaveCount(0);
  await expect(flow.locator('[data-fit="h"]')).toHaveText(/^‖∂L\/∂h\(t\)‖: ×0\.\d+ per step back \(fitted over steps 1–\d+\)$/);
  // No NaN reaches the drawing.
  await expect(flow.locator('path[data-series="h"]')).not.toHaveAttribute('d', /NaN/);
  expect(await app.axeViolations()).toEqual([]);
  await app.screenshot('gradient-flow-rnn');
});

test('Check gradients: the analytic gradients agree with finite differences below 1e-3', async ({ app, page }) => {
  await app.open();
  await app.button('Play').click();
  await expect.poll(() => app.stepCount(), { timeout: 10_000 }).toBeGreaterThan(100);
  await app.button('Pause').click();
  await page.getByRole('button', { name: 'Check gradients' }).click();
  const panel = page.getByRole('region', { name: 'Gradient check' });
  await expect(panel.getByRole('status')).toContainText('All gradients agree', { timeout: 20_000 });
  await expect(panel.locator('tr[data-weight]')).toHaveCount(14);
  const errors = await panel.locator('td[data-error]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-error'))));
  expect(errors.every((e) => e >= 0 && e < 1e-3)).toBe(true);
  expect(await app.axeViolations()).toEqual([]);
});

test('a smaller recurrent weight scale makes the error signal fade faster (RNN at initialisation)', async ({ app, page }) => {
  await app.open();
  await page.getByLabel('Task', { exact: true }).selectOption('adding');
  await page.getByLabel('Cell type').selectOption('rnn');
  const fit = page.getByRole('region', { name: 'Gradient over time' }).locator('[data-fit="h"]');
  const factor = async () => Number(/×([\d.]+)/.exec((await fit.textContent()) ?? '')?.[1]);
  await expect(fit).toContainText('per step back');
  const atOne = await factor();
  const scale = page.getByRole('spinbutton', { name: 'Recurrent weight scale' });
  await scale.fill('0.5');
  await scale.press('Enter');
  await expect.poll(factor).toBeLessThan(atOne * 0.8);
  console.log(`RNN, adding problem, at initialisation: decay ×${atOne} per step at scale 1, ×${await factor()} at scale 0.5`);
});

test('cost: parameters and FLOPs per cell at the current size, and measured µs per training step', async ({ app, page }) => {
  await app.open();
  const cost = page.getByRole('region', { name: 'Cost' });
  await expect(cost.locator('tr[data-cell]')).toHaveCount(3);
  // LSTM at I = O = 1, H = 8: 4·8·(1 + 8 + 1) + 8 + 1 = 329 parameters; GRU 3·8·10 + 9 = 249.
  await expect(cost.locator('tr[data-cell="lstm"] td').first()).toContainText('329');
  await expect(cost.locator('tr[data-cell="gru"] td').first()).toContainText('249');
  await cost.getByRole('button', { name: 'Measure speed' }).click();
  await expect(cost.locator('td[data-us]')).toHaveCount(3, { timeout: 20_000 });
  const us = await cost.locator('td[data-us]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-us'))));
  console.log(`µs per training step at H = 8, T = 40, B = 16 (rnn, lstm, gru): ${us.map((v) => v.toFixed(0)).join(', ')}`);
  expect(us.every((v) => v > 0)).toBe(true);
  expect(us[0]).toBeLessThan(us[1]!); // the RNN is cheaper than the LSTM
  expect(await app.axeViolations()).toEqual([]);
});

test('Backward pass: the unrolled diagram shows the gradient flowing back, the c path and the h path apart', async ({ app, page }) => {
  await app.open();
  for (let k = 1; k <= 2; k++) {
    await app.button('Step').click();
    await expect.poll(() => app.stepCount()).toBe(k);
  }
  const unrolled = page.getByRole('region', { name: 'Unrolled diagram' });
  await page.keyboard.press('End');
  const outC = unrolled.locator('g[data-step="40"] [data-edge="out-c"]');
  await expect(outC).not.toHaveAttribute('data-flow', /.*/);
  const forwardStyle = await outC.getAttribute('style');
  await unrolled.getByRole('switch', { name: 'Backward pass' }).click();
  await expect(unrolled).toHaveAttribute('data-mode', 'backward');
  await expect(outC).toHaveAttribute('data-flow', /^\d\.\d{3}$/);
  expect(await outC.getAttribute('style')).not.toBe(forwardStyle);
  // The separate paths: along c and through h, each with its own strength.
  await expect(unrolled.locator('g[data-step="40"] [data-edge="in-h"]')).toHaveAttribute('data-flow', /^\d\.\d{3}$/);
  await expect(unrolled.locator('g[data-step="40"] [data-edge="f-mul"]')).toHaveAttribute('data-flow', /^\d\.\d{3}$/);
  await app.screenshot('backward');
  expect(await app.axeViolations()).toEqual([]);
  await unrolled.getByRole('switch', { name: 'Backward pass' }).click();
  await expect(outC).not.toHaveAttribute('data-flow', /.*/);
  await test.step('play backward walks from the last step to the first, in backward mode', async () => {
    await unrolled.getByRole('button', { name: 'Play backward' }).click();
    await expect(unrolled).toHaveAttribute('data-mode', 'backward');
    const slider = page.getByRole('slider', { name: 'Time step' });
    await expect.poll(async () => Number(await slider.inputValue())).toBeLessThan(38);
    await expect(slider).toHaveValue('1', { timeout: 10_000 });
  });
});

test('the 1997 LSTM: with the forget gate fixed at 1, f shows 1; the switch puts the gate back; LSTM only', async ({ app, page }) => {
  await app.open();
  const fixed = page.getByRole('switch', { name: 'Forget gate fixed at 1 (the 1997 LSTM)' });
  await expect(fixed).toHaveAttribute('aria-checked', 'false');
  await fixed.click();
  await expect(fixed).toHaveAttribute('aria-checked', 'true');
  await expect(app.rolled.locator('[data-node="f"] .node-value')).toHaveText('1.00');
  await expect(page.getByRole('region', { name: 'Unrolled diagram' }).locator('[data-node="f"]').first()).toBeVisible();
  await fixed.click();
  await expect(app.rolled.locator('[data-node="f"] .node-value')).not.toHaveText('1.00');
  await page.getByLabel('Cell type').selectOption('gru');
  await expect(page.getByRole('switch', { name: 'Forget gate fixed at 1 (the 1997 LSTM)' })).toHaveCount(0);
});
