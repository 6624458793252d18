/** Languages, keyboard, colour schemes, reduced motion, focus and screen-reader text (the layout at each width: layout.spec.ts). */
import { test, expect } from './fixtures';
import { en } from '../src/i18n/en';
import { ja } from '../src/i18n/ja';

/** Every text of the English messages that Japanese words differently (functions and shared names left out). */
function englishOnly(a: unknown, b: unknown, out: Set<string>): Set<string> {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a !== b && a.length > 2) out.add(a);
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of Object.keys(a)) englishOnly((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], out);
  }
  return out;
}


test('switching to Japanese changes every visible label, keeps the choice in the URL, and passes axe', async ({ app, page }) => {
  await app.open();
  await page.getByLabel('Language').selectOption('ja');
  await expect(page.getByRole('button', { name: '再生', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: '設定' })).toBeVisible();
  await expect(page.getByRole('region', { name: '時間方向の勾配' })).toBeVisible();
  await expect(page.getByRole('switch', { name: '逆伝播' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'セルを比較' })).toBeVisible();
  await expect(page.getByRole('button', { name: '勾配をチェック' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('lang=ja');
  // The explanations are in Japanese too.
  await app.openExplanations();
  await expect(page.locator('[data-explain="vanishingGradient"] summary')).toHaveText('勾配消失');
  await app.button('1 ステップ').click();
  await expect(app.page.getByRole('status', { name: '学習の状況' })).toContainText('ステップ');
  expect(await app.axeViolations()).toEqual([]);
  // A bad value gets its message in Japanese.
  const hidden = page.getByLabel('隠れ層のサイズ');
  await hidden.fill('500');
  await hidden.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '隠れ層のサイズ：1 から 128 までの値を入力してください。' })).toBeVisible();
  await test.step('no English text is left on the page, in what shows or in the accessible names', async () => {
    // A long comparison, still running when it is stopped below.
    const steps = page.getByLabel('ステップ数');
    await steps.fill('20000');
    await steps.press('Enter');
    await page.getByRole('button', { name: 'セルを比較', exact: true }).click();
    await page.getByRole('button', { name: '勾配をチェック' }).click();
    await page.getByRole('switch', { name: '逆伝播' }).click();
    await expect(page.locator('.check-table tbody tr').first()).toBeVisible();
    await expect(page.locator('.comparison tbody tr').first()).toBeVisible();
    const texts = await page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent?.trim();
        if (text && !n.parentElement?.closest('.katex')) out.push(text);
      }
      for (const el of Array.from(document.querySelectorAll('[aria-label], [title], title'))) {
        out.push(el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.textContent ?? '');
      }
      return out;
    });
    const english = englishOnly(en, ja, new Set());
    english.delete(en.language.name); // the language switch names each language in itself
    expect(texts.filter((t) => english.has(t))).toEqual([]);
    await page.getByRole('button', { name: '比較を中止' }).click();
  });
  await page.getByLabel('言語').selectOption('en');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test.describe('a browser whose first language is Japanese', () => {
  test.use({ locale: 'ja-JP' });
  test('opens in Japanese', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: '再生', exact: true })).toBeVisible();
    await expect(page.getByLabel('言語')).toHaveValue('ja');
  });
});

test('the keyboard shortcuts: Space plays and pauses, P toggles peepholes, ? lists the keys, arrows move the cursor', async ({ app, page }) => {
  await app.open();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(' ');
  await expect(app.status).toContainText('training');
  await page.keyboard.press(' ');
  await expect(app.status).toContainText('paused');
  const peepholes = page.getByRole('switch', { name: 'Peephole connections' });
  await expect(peepholes).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('p');
  await expect(peepholes).toHaveAttribute('aria-checked', 'true');
  await expect(app.rolled.locator('[data-edge^="peephole"]').first()).toBeVisible();
  await page.keyboard.press('P');
  await expect(peepholes).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('End');
  await expect(page.getByRole('slider', { name: 'Time step' })).toHaveValue('40');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('slider', { name: 'Time step' })).toHaveValue('39');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Selected unit')).toHaveValue('2');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Play or pause training');
  expect(await app.axeViolations()).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Keys typed into a field stay in the field.
  const seed = page.getByLabel('Seed');
  await seed.focus();
  await page.keyboard.press('p');
  await expect(peepholes).toHaveAttribute('aria-checked', 'false');
});

test('Space after a click plays and pauses; after Tab to a button, Space presses that button', async ({ app, page }) => {
  await app.open();
  const example = () => page.evaluate(() => (window as unknown as { __gatescope: { store: { getState(): { example: number } } } }).__gatescope.store.getState().example);
  await page.getByRole('button', { name: 'New example' }).click();
  expect(await example()).toBe(1);
  await page.keyboard.press(' ');
  await expect(app.status).toContainText('training');
  expect(await example()).toBe(1); // the clicked button was not pressed again
  await page.keyboard.press(' ');
  await expect(app.status).toContainText('paused');
  // From the keyboard: Shift+Tab then Tab lands on the button again with its focus ring, and Space presses it.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'New example' })).toBeFocused();
  await page.keyboard.press(' ');
  await expect.poll(example).toBe(2);
  await expect(app.status).toContainText('paused');
});

test('focus is always visible, and every action can be reached with Tab', async ({ app, page }) => {
  await app.open();
  const seen = new Set<string>();
  for (let k = 0; k < 60; k++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName, outline: style.outlineStyle, width: style.outlineWidth };
    });
    if (!focus) continue;
    expect(focus.outline, `focus ring on ${focus.name}`).not.toBe('none');
    expect(parseFloat(focus.width), `focus ring width on ${focus.name}`).toBeGreaterThanOrEqual(2);
    seen.add(focus.name);
  }
  for (const name of ['Play', 'Step', 'Copy link', 'Play through time', 'Backward pass']) expect([...seen].some((s) => s.startsWith(name)), name).toBe(true);
});

test('dark mode follows the system and the switch; reduced motion turns transitions off', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await app.open();
  const background = () => page.evaluate(() => getComputedStyle(document.body.parentElement!).backgroundColor);
  expect(await background()).toBe('rgb(18, 22, 28)');
  await page.getByLabel('Colour scheme').selectOption('light');
  expect(await background()).toBe('rgb(247, 246, 242)');
  await page.getByLabel('Colour scheme').selectOption('dark');
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  expect(await background()).toBe('rgb(18, 22, 28)');
  const knob = page.locator('.switch-knob').first();
  expect(await knob.evaluate((el) => getComputedStyle(el).transitionDuration)).toMatch(/^0s/);
  expect(await app.axeViolations()).toEqual([]);
});

test('the diagrams tell screen readers what they show, in words and numbers', async ({ app, page }) => {
  await app.openAt('#cell=lstm&step=20&t=12&unit=3');
  const label = await app.rolled.locator('svg[role="img"]').first().getAttribute('aria-label');
  expect(label).toMatch(/^t = 12, unit 3: forget gate f 0\.\d+, memory (kept|partly kept|cleared)\. LSTM cell at time step 12, unit 3: /);
  const heat = await page.getByRole('region', { name: 'Heatmaps' }).locator('figure[data-series="f"] canvas').getAttribute('aria-label');
  expect(heat).toMatch(/^forget gate f: 8 units × 40 steps; lowest 0\.\d+, mean 0\.\d+, highest 0\.\d+$/);
  await page.getByLabel('Cell type').selectOption('gru');
  await expect(app.rolled.locator('svg[role="img"]').first()).toHaveAttribute('aria-label', /update gate z [\d.]+, state (kept|replaced|mixed with the candidate)/);
});

for (const [language, scheme] of [['en', 'light'], ['en', 'dark'], ['ja', 'light'], ['ja', 'dark']] as const) {
  test(`screenshot: ${language}, ${scheme}, every panel open, and axe`, async ({ app, page }) => {
    await app.openAt(`#lang=${language}&theme=${scheme}&cell=lstm&peephole=1&step=40&t=20&unit=2`);
    await app.openExplanations();
    const words = language === 'ja' ? { check: '勾配をチェック', compare: 'セルを比較', stop: '比較を中止' } : { check: 'Check gradients', compare: 'Compare cells', stop: 'Stop comparing' };
    // The panels that open on demand: the gradient check's table and the comparison's results.
    await page.getByRole('button', { name: words.check }).click();
    await expect(page.locator('.check-table tbody tr').first()).toBeVisible();
    await page.getByRole('button', { name: words.compare, exact: true }).click();
    await expect(page.locator('.comparison path[data-run]')).toHaveCount(6, { timeout: 20_000 });
    await page.getByRole('button', { name: words.stop }).click();
    await page.getByRole('switch', { name: language === 'ja' ? '逆伝播' : 'Backward pass' }).click();
    await app.screenshot(`page-${language}-${scheme}`);
    expect(await app.axeViolations()).toEqual([]);
  });
}
