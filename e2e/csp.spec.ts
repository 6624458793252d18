/**
 * The shipped Content-Security-Policy: the built page carries it (meta tag and preview header), the
 * equations typeset under it with KaTeX's fonts as files, and a tour of the app reports no
 * violation. Every other spec checks the same through the fixture's collector; the tour here visits
 * the states the issue lists in one page, and a control shows that the collector does see one.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { CONTENT_SECURITY_POLICY } from '../src/app/contentSecurityPolicy';

test('the built page and the preview server carry the strict policy, with no unsafe-inline or unsafe-eval', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(CONTENT_SECURITY_POLICY);
  expect(CONTENT_SECURITY_POLICY.replace("'wasm-unsafe-eval'", '')).not.toContain('unsafe');
  expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self'");
  const headers = await (await page.request.get('/_headers')).text();
  expect(headers).toBe(`/*\n  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}\n`);
  expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
});

test('the collector sees a violation: an inline style attribute is refused and reported', async ({ app, page, cspViolations, consoleErrors }) => {
  await app.open();
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.innerHTML = '<span style="color: red">x</span>';
    document.body.append(div);
  });
  await expect.poll(() => cspViolations.map((v) => v.directive)).toContain('style-src-attr');
  // Provoked on purpose: empty the fixture's list, which would fail the test.
  cspViolations.length = 0;
  expect(consoleErrors.every((e) => e.includes("Content Security Policy directive 'style-src 'self''"))).toBe(true);
  consoleErrors.length = 0;
});

test('the equations typeset under the policy: sizes set through the DOM, the KaTeX fonts loaded as files', async ({ app, page }) => {
  await app.openAt('#cell=lstm&peephole=1&step=25&t=12&unit=3');
  const eq = page.getByRole('region', { name: 'Equations' });
  await eq.scrollIntoViewIfNeeded();
  await expect(eq.locator('.katex').first()).toBeVisible();
  // KaTeX's struts carry their heights in em, set and applied (a refused style attribute leaves
  // style.height empty and the strut as tall as nothing).
  const struts = await eq.locator('.katex-html .katex-strut').evaluateAll((els) =>
    els.map((e) => {
      const el = e as HTMLElement;
      return { em: parseFloat(el.style.height), px: el.getBoundingClientRect().height, font: parseFloat(getComputedStyle(el).fontSize) };
    }),
  );
  expect(struts.length).toBeGreaterThan(20);
  for (const s of struts) {
    expect(Number.isFinite(s.em)).toBe(true);
    expect(Math.abs(s.px - s.em * s.font)).toBeLessThan(1);
  }
  await page.evaluate(() => document.fonts.ready);
  const fonts = await page.evaluate(() => ({
    main: document.fonts.check('16px KaTeX_Main'),
    math: document.fonts.check('italic 16px KaTeX_Math'),
    files: performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /KaTeX_.*\.woff2?$/.test(n)),
  }));
  expect(fonts.main).toBe(true);
  expect(fonts.math).toBe(true);
  expect(fonts.files.length).toBeGreaterThan(0);
  for (const f of fonts.files) expect(f).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/assets\//);
  // The MathML for screen readers is there as well.
  expect(await eq.locator('.katex-mathml math').count()).toBeGreaterThan(5);
});

test('a tour of the app under the policy reports no violation: training, equations, checks, exports, import, comparison, Japanese, shortcuts', async ({ app, page, cspViolations }) => {
  await app.open();
  await test.step('training', async () => {
    await app.button('Play').click();
    await expect.poll(() => app.stepCount(), { timeout: 20_000 }).toBeGreaterThan(50);
    await app.button('Pause').click();
  });
  await test.step('the equations with hover', async () => {
    const eq = page.getByRole('region', { name: 'Equations' });
    await eq.locator('[data-line="f"] .eq-symbolic [data-node="f"]').first().hover();
    await expect(app.rolled.locator('g[data-node="f"]')).toHaveClass(/node-hovered/);
    await app.rolled.locator('g[data-node="o"]').hover();
    await expect(eq.locator('.eq-term-hovered[data-node="o"]').first()).toBeVisible();
  });
  await test.step('the gradient check and the cost measure', async () => {
    await page.getByRole('button', { name: 'Check gradients' }).click();
    await expect(page.getByRole('region', { name: 'Gradient check' }).getByRole('status')).toContainText('All gradients agree', { timeout: 30_000 });
    const cost = page.getByRole('region', { name: 'Cost' });
    await cost.getByRole('button', { name: 'Measure speed' }).click();
    await expect(cost.locator('td[data-us]')).toHaveCount(3, { timeout: 30_000 });
  });
  await test.step('every export', async () => {
    for (const name of ['Rolled cell diagram', 'Heatmaps', 'Loss chart', 'Gradient over time', 'Unrolled diagram', 'Prediction and target']) {
      for (const kind of ['SVG', 'PNG']) {
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: `Export ${name} as ${kind}`, exact: true }).click();
        expect((await download).suggestedFilename()).toMatch(new RegExp(`\\.${kind.toLowerCase()}$`));
      }
    }
    for (const label of ['Export model', 'Trace as JSON']) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: label, exact: true }).click();
      expect((await download).suggestedFilename()).toMatch(/\.json$/);
    }
  });
  await test.step('an import', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export model', exact: true }).click();
    const file = await (await download).path();
    await page.getByTestId('model-file').setInputFiles({ name: 'tour.model.json', mimeType: 'application/json', buffer: readFileSync(file) });
    await expect(page.getByRole('status').filter({ hasText: 'from tour.model.json' })).toBeVisible();
  });
  await test.step('a comparison', async () => {
    const comparison = page.getByRole('region', { name: 'Comparison' });
    await comparison.getByRole('button', { name: 'Compare cells' }).click();
    await expect(comparison.locator('figure').nth(0).locator('path[data-run]')).toHaveCount(3, { timeout: 15_000 });
    await comparison.getByRole('button', { name: 'Stop comparing' }).click({ timeout: 2_000 }).catch(() => undefined);
    await expect(comparison.getByRole('button', { name: 'Compare cells' })).toBeEnabled({ timeout: 30_000 });
  });
  await test.step('Japanese and the shortcuts', async () => {
    await page.getByLabel('Language').selectOption('ja');
    await expect(page.getByRole('region', { name: '数式' })).toBeVisible();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (const key of ['ArrowRight', 'ArrowLeft', 'End', 'Home', 'p', 'p', ' ', ' ', '?']) await page.keyboard.press(key);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: '再生', exact: true })).toBeVisible();
  });
  expect(cspViolations).toEqual([]);
});
