import { test, expect, stableBox } from './fixtures';

test('the page loads without console errors and passes an axe scan', async ({ app, consoleErrors }) => {
  await app.open();
  await expect(app.status).toContainText('paused');
  expect(await app.axeViolations()).toEqual([]);
  await app.screenshot('lstm');
  expect(consoleErrors).toEqual([]);
});

test('Play trains: the step count rises and the loss falls; Pause stops it', async ({ app, consoleErrors }) => {
  await app.open();
  await test.step('play', async () => {
    await app.button('Play').click();
    await expect(app.status).toContainText('training');
    await expect.poll(() => app.stepCount(), { timeout: 10_000 }).toBeGreaterThan(50);
  });
  await test.step('at most about 30 snapshots a second reach the page', async () => {
    const perSecond = await app.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          type St = { snapshot: unknown };
          const store = (window as unknown as { __gatescope: { store: { subscribe(f: (s: St, p: St) => void): () => void } } }).__gatescope.store;
          let count = 0;
          const stop = store.subscribe((s, p) => {
            if (s.snapshot !== p.snapshot) count++;
          });
          setTimeout(() => {
            stop();
            resolve(count / 2);
          }, 2000);
        }),
    );
    console.log(`snapshots per second while training (H = 8, T = 40): ${perSecond}`);
    expect(perSecond).toBeGreaterThan(5);
    expect(perSecond).toBeLessThanOrEqual(31);
  });
  await test.step('the loss falls', async () => {
    await expect.poll(() => app.stepCount(), { timeout: 30_000 }).toBeGreaterThan(600);
    await expect
      .poll(async () => {
        const { first, last } = await app.lossEnds();
        return last / first;
      }, { timeout: 30_000 })
      .toBeLessThan(0.5);
  });
  await test.step('pause stops training', async () => {
    await app.button('Pause').click();
    await expect(app.status).toContainText('paused');
    const stopped = await app.stepCount();
    await app.page.waitForTimeout(500);
    expect(await app.stepCount()).toBe(stopped);
  });
  await app.page.keyboard.press('End');
  await expect(app.page.locator('.gradient-history figcaption')).toContainText(/steps \d+ to \d+/);
  await app.screenshot('lstm-trained');
  await test.step('hovering a node highlights it in both diagrams; axe passes after training', async () => {
    await app.rolled.locator('[data-node="f"]').hover();
    await expect(app.rolled.locator('[data-node="f"]')).toHaveClass(/node-hovered/);
    await expect(app.page.getByRole('region', { name: 'Unrolled diagram' }).locator('.node-hovered[data-node="f"]')).toHaveCount(5);
    expect(await app.axeViolations()).toEqual([]);
  });
  expect(consoleErrors).toEqual([]);
});

test('the keyboard moves through time and the diagram follows', async ({ app, page }) => {
  await app.open();
  const slider = page.getByRole('slider', { name: 'Time step' });
  await expect(slider).toHaveValue('1');
  const before = await app.rolled.locator('[data-node="c"] .node-value').textContent();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('6');
  await expect(app.rolled.locator('[data-node="c"] .node-value')).not.toHaveText(before ?? '');
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('40');
  await page.keyboard.press('Home');
  await expect(slider).toHaveValue('1');
  await test.step('play through time walks to the last step and stops', async () => {
    await page.getByLabel('Animation speed').selectOption('25');
    await page.getByRole('button', { name: 'Play through time' }).click();
    await expect(slider).not.toHaveValue('1');
    await expect(slider).toHaveValue('40', { timeout: 5_000 });
    await expect(page.getByRole('button', { name: 'Play through time' })).toBeVisible();
  });
  await test.step('up and down select the unit', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('spinbutton', { name: 'Selected unit' })).toHaveValue('3');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('spinbutton', { name: 'Selected unit' })).toHaveValue('2');
    await expect(app.rolled.getByRole('heading')).toContainText('unit 2');
  });
});

test('the peephole switch adds and removes exactly three connections, and the loss does not jump', async ({ app, page }) => {
  await app.open();
  const peepholes = app.rolled.locator('[data-edge^="peephole-"]');
  await expect(peepholes).toHaveCount(0);
  for (let k = 1; k <= 3; k++) {
    await app.button('Step').click();
    await expect.poll(() => app.stepCount()).toBe(k);
  }
  await expect.poll(async () => (await app.probe())?.step).toBe(3);
  const before = (await app.probe())!;
  const peep = page.getByRole('switch', { name: 'Peephole connections' });
  await peep.click();
  await expect(peep).toHaveAttribute('aria-checked', 'true');
  // The worker's next snapshot has the peepholes on, at p = 0: the probe loss is unchanged.
  await expect.poll(async () => (await app.probe())?.peephole).toBe(true);
  const after = (await app.probe())!;
  expect(after.step).toBe(before.step);
  expect(after.loss).toBe(before.loss);
  await expect(peepholes).toHaveCount(3);
  await expect(app.rolled.locator('[data-edge="peephole-i"], [data-edge="peephole-f"], [data-edge="peephole-o"]')).toHaveCount(3);
  await test.step('each fully drawn step of the unrolled diagram has the same three', async () => {
    const unrolled = page.getByRole('region', { name: 'Unrolled diagram' });
    const steps = unrolled.locator('g[data-step]');
    await expect(steps).toHaveCount(5);
    for (let k = 0; k < 5; k++) {
      await expect(steps.nth(k).locator('[data-edge^="peephole-"]')).toHaveCount(3);
      await expect(steps.nth(k).locator('[data-edge="peephole-i"], [data-edge="peephole-f"], [data-edge="peephole-o"]')).toHaveCount(3);
    }
  });
  await app.screenshot('lstm-peephole');
  expect(await app.axeViolations()).toEqual([]);
  await peep.click();
  await expect(peepholes).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Unrolled diagram' }).locator('[data-edge^="peephole-"]')).toHaveCount(0);
});

test('GRU: z and r nodes, no c node, and the peephole switch is disabled', async ({ app, page }) => {
  await app.open();
  await page.getByLabel('Cell type').selectOption('gru');
  await expect(app.rolled.locator('[data-node="z"]')).toHaveCount(1);
  await expect(app.rolled.locator('[data-node="r"]')).toHaveCount(1);
  await expect(app.rolled.locator('[data-node="c"]')).toHaveCount(0);
  await expect(page.getByRole('switch', { name: 'Peephole connections' })).toBeDisabled();
  await expect(app.rolled.locator('[data-node="h"] .node-value')).not.toHaveText('NaN');
  await app.screenshot('gru');
  expect(await app.axeViolations()).toEqual([]);
  await page.getByLabel('Cell type').selectOption('rnn');
  await expect(app.rolled.locator('[data-node]')).toHaveCount(3);
  await app.screenshot('rnn');
  expect(await app.axeViolations()).toEqual([]);
});

test('an out-of-range hidden size is refused with a message, and the previous value stays', async ({ app, page }) => {
  await app.open();
  const unitField = page.getByRole('spinbutton', { name: 'Selected unit' });
  await unitField.fill('99');
  await unitField.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Selected unit: choose a value from 1 to 8.');
  await expect(unitField).toHaveValue('1');
  const hidden = page.getByRole('spinbutton', { name: 'Hidden size' });
  await hidden.fill('500');
  await hidden.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Hidden size: choose a value from 1 to 128.');
  await expect(hidden).toHaveValue('8');
  await hidden.fill('');
  await hidden.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Hidden size: “” is not a number.');
  await expect(hidden).toHaveValue('8');
  // What was typed is quoted, whatever it is (a number input would have dropped it).
  for (const typed of ['abc', '1e', '--5']) {
    await hidden.fill(typed);
    await hidden.press('Enter');
    await expect(page.getByRole('alert')).toContainText(`Hidden size: “${typed}” is not a number.`);
    await expect(hidden).toHaveValue('8');
  }
  await hidden.press('ArrowUp'); // ↑ steps the value in force, as a number input's arrows do
  await expect(hidden).toHaveValue('9');
  await hidden.press('ArrowDown');
  await expect(hidden).toHaveValue('8');
  await hidden.fill('2.5');
  await hidden.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Hidden size: use a whole number.');
  await expect(hidden).toHaveValue('8');
  await hidden.fill('12');
  await hidden.press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('slider', { name: 'Time step' })).toBeVisible();
  await expect(page.locator('.unit-select .muted')).toHaveText('of 12 hidden units');
});

test('heatmaps: one per gate and state, and a click moves the cursor to that step and unit', async ({ app, page }) => {
  await app.open();
  const heatmaps = page.getByRole('region', { name: 'Heatmaps' });
  await expect(heatmaps.locator('figure[data-series]')).toHaveCount(8);
  await expect(heatmaps.locator('figure[data-series="dh"] figcaption')).toContainText('|∂L/∂h|');
  await expect(heatmaps.locator('figure[data-series="dc"]')).toHaveCount(1);
  const canvas = heatmaps.locator('figure[data-series="f"] canvas');
  // Measured once the page has stopped moving (fonts and the equations arriving can reflow it).
  const box = await stableBox(canvas);
  // Step 21 of 40 (middle of its column), unit 4 of 8 (middle of its row).
  await canvas.click({ position: { x: box.width * (20.5 / 40), y: box.height * (3.5 / 8) } });
  await expect(page.getByRole('slider', { name: 'Time step' })).toHaveValue('21');
  await expect(page.getByRole('spinbutton', { name: 'Selected unit' })).toHaveValue('4');
  await expect(app.rolled.getByRole('heading')).toContainText('t = 21, unit 4');
  await page.getByLabel('Cell type').selectOption('gru');
  await expect(heatmaps.locator('figure[data-series]')).toHaveCount(5);
});

test('a diverging run pauses with a banner; Restore last good state and Reset bring it back', async ({ app, page, consoleErrors }) => {
  await app.open();
  await page.getByLabel('Cell type').selectOption('rnn');
  await page.getByLabel('Optimiser').selectOption('sgd');
  for (const [name, value] of [['Learning rate', '1'], ['Gradient clip', '0']] as const) {
    const field = page.getByRole('spinbutton', { name });
    await field.fill(value);
    await field.press('Enter');
  }
  await app.button('Play').click();
  const banner = page.getByRole('alert').filter({ hasText: 'Training stopped' });
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(banner).toContainText('training diverged');
  await expect(app.status).toContainText('stopped');
  await expect(app.button('Play')).toBeDisabled();
  await app.screenshot('diverged');
  expect(await app.axeViolations()).toEqual([]);
  // Why: the loss's growth from the last good state, in numbers.
  await expect(banner).toContainText(/The last good state is the start \(step 0\)|The batch loss was .* at step [\d,]+, the last good state/);
  await expect(banner).toContainText('often diverges again');
  await banner.getByRole('button', { name: /^Restore the last good state \(step [\d,]+\)$/ }).click();
  await expect(banner).toHaveCount(0);
  await expect(app.status).toContainText('paused');
  const restored = await app.stepCount();
  expect(restored % 25).toBe(0);
  await expect(app.rolled.locator('[data-node="h"] .node-value')).not.toHaveText('NaN');
  await app.button('Reset').click();
  await expect.poll(() => app.stepCount()).toBe(0);
  expect(consoleErrors).toEqual([]);
});

test('after a divergence, Restore with half the learning rate goes back and trains on at half the rate', async ({ app, page }) => {
  test.setTimeout(60_000);
  // The RNN at SGD lr 0.3 without clipping diverges on the adding problem at step 50; at 0.15 it does not (test/session.test.ts).
  await app.openAt('#cell=rnn&optimizer=sgd&lr=0.3&clip=0&task=adding&length=50');
  await app.button('Play').click();
  const banner = page.getByRole('alert').filter({ hasText: 'Training stopped' });
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await banner.getByRole('button', { name: 'Restore step 0 with half the learning rate (0.15)' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('spinbutton', { name: 'Learning rate' })).toHaveValue('0.15');
  await app.button('Play').click();
  await expect.poll(() => app.stepCount(), { timeout: 20_000 }).toBeGreaterThan(300);
  await expect(banner).toHaveCount(0);
  await app.button('Pause').click();
});

test('unrolled diagram: a window of steps around the cursor, and the overview strip moves the cursor', async ({ app, page }) => {
  await app.open();
  const unrolled = page.getByRole('region', { name: 'Unrolled diagram' });
  await expect(unrolled.locator('g[data-step]')).toHaveCount(5);
  await expect(unrolled.locator('g[data-step]').first()).toHaveAttribute('data-step', '1');
  const strip = unrolled.locator('.overview-hit');
  const box = (await strip.boundingBox())!;
  await strip.click({ position: { x: box.width * (29.5 / 40), y: box.height / 2 } });
  const slider = page.getByRole('slider', { name: 'Time step' });
  await expect(slider).toHaveValue('30');
  await expect(unrolled.locator('g[data-step]').first()).toHaveAttribute('data-step', '28');
  await expect(unrolled.locator('g.step-current')).toHaveAttribute('data-step', '30');
  await page.getByLabel('Cell type').selectOption('gru');
  await expect(unrolled.locator('[data-node="c"]')).toHaveCount(0);
  await expect(unrolled.locator('g[data-step]').first().locator('[data-node="z"]')).toHaveCount(1);
});

test('the strip of a node shows its vector; a click on it selects that unit', async ({ app, page }) => {
  await app.open();
  const strip = app.rolled.locator('[data-strip="c"]');
  const box = (await strip.boundingBox())!;
  // Unit 6 of 8: the middle of the sixth of eight cells.
  await page.mouse.click(box.x + (5.5 / 8) * box.width, box.y + box.height / 2);
  await expect(page.getByRole('spinbutton', { name: 'Selected unit' })).toHaveValue('6');
  await expect(app.rolled.getByRole('heading')).toContainText('unit 6');
});

test('New example draws another probe sequence, and the views show it', async ({ app, page }) => {
  await app.open();
  const x = app.rolled.locator('[data-node="x"] .node-value');
  const before = await x.textContent();
  const probeInputs = () =>
    page.evaluate(() => {
      const hook = (window as unknown as { __gatescope: { store: { getState(): { snapshot: { x: Float32Array } | null } } } }).__gatescope;
      return Array.from(hook.store.getState().snapshot?.x ?? []).slice(0, 5).join(',');
    });
  const first = await probeInputs();
  await page.getByRole('button', { name: 'New example' }).click();
  await expect.poll(probeInputs).not.toBe(first);
  await expect(x).not.toHaveText(before ?? '');
  await expect(app.stepCount()).resolves.toBe(0);
});

test('switching the peepholes while training: training goes on, and only then do p_* get gradients', async ({ app, page }) => {
  await app.open();
  await app.button('Play').click();
  await expect.poll(() => app.stepCount(), { timeout: 10_000 }).toBeGreaterThan(50);
  await expect.poll(() => app.gradNorm('W_f')).toBeGreaterThan(0);
  expect(await app.gradNorm('p_f')).toBe(0);
  await page.getByRole('switch', { name: 'Peephole connections' }).click();
  const at = await app.stepCount();
  await expect.poll(() => app.stepCount(), { timeout: 10_000 }).toBeGreaterThan(at + 50);
  await expect.poll(() => app.gradNorm('p_f'), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(app.status).toContainText('training');
  const { last } = await app.lossEnds();
  expect(Number.isFinite(last)).toBe(true);
  await app.button('Pause').click();
});

test('settings that tune training keep the run; the others start a new one', async ({ app, page }) => {
  await app.open();
  for (let k = 1; k <= 3; k++) {
    await app.button('Step').click();
    await expect.poll(() => app.stepCount()).toBe(k);
  }
  const lr = page.getByRole('spinbutton', { name: 'Learning rate' });
  await lr.fill('0.005');
  await lr.press('Enter');
  await page.getByLabel('Optimiser').selectOption('sgd');
  await app.button('Step').click();
  await expect.poll(() => app.stepCount()).toBe(4);
  const bad = page.getByRole('spinbutton', { name: 'Learning rate' });
  await bad.fill('5');
  await bad.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Learning rate: choose a value from 0.00001 to 1.');
  await expect(bad).toHaveValue('0.005');
  await page.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await page.getByRole('spinbutton', { name: 'Seed' }).press('Enter');
  await expect.poll(() => app.stepCount()).toBe(0);
});

test('the other controls: reset-after, log scale, previous and next, the adding problem, the delay', async ({ app, page }) => {
  await app.open();
  await test.step('previous and next buttons', async () => {
    const slider = page.getByRole('slider', { name: 'Time step' });
    await expect(page.getByRole('button', { name: 'Previous step' })).toBeDisabled();
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(slider).toHaveValue('3');
    await page.getByRole('button', { name: 'Previous step' }).click();
    await expect(slider).toHaveValue('2');
  });
  await test.step('log scale toggle', async () => {
    const chart = page.getByRole('region', { name: 'Loss chart' });
    const log = chart.getByRole('checkbox', { name: 'Log scale' });
    await expect(log).toBeChecked();
    await log.uncheck();
    await expect(chart.locator('.axis text').filter({ hasText: /^1e-/ })).toHaveCount(0);
  });
  await test.step('GRU reset-after', async () => {
    await page.getByLabel('Cell type').selectOption('gru');
    const after = page.getByRole('switch', { name: 'Reset after (cuDNN)' });
    await after.click();
    await expect(after).toHaveAttribute('aria-checked', 'true');
    await app.button('Step').click();
    await expect.poll(() => app.gradNorm('bh_g')).toBeGreaterThan(0);
  });
  await test.step('the adding problem shows both inputs of x', async () => {
    await page.getByLabel('Task', { exact: true }).selectOption('adding');
    await expect(app.rolled.locator('[data-node="x"] .node-value')).toContainText('·');
    expect(await app.axeViolations()).toEqual([]);
  });
  await test.step('remember-first asks for the delay', async () => {
    await page.getByLabel('Task', { exact: true }).selectOption('remember-first');
    const delay = page.getByRole('spinbutton', { name: 'Delay (steps to remember)' });
    await delay.fill('24');
    await delay.press('Enter');
    await expect(page.getByRole('slider', { name: 'Time step' })).toHaveAttribute('max', '25');
  });
});
