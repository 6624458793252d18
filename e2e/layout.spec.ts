/**
 * The layout check: for the page's main states, at 1440, 768 and 390 px, in English and
 * Japanese, light and dark, nothing overflows, no texts overlap, no text sits on a node it does
 * not belong to, no connection runs through a node, and every colour scale has its legend (see
 * layout.ts for the rules and the tolerance). The screenshots stay in e2e/screenshots/layout.
 */
import { test, expect, type AppPage } from './fixtures';
import type { Page } from '@playwright/test';
import { findLayoutProblems, problemLines } from './layout';

const WIDTHS = [1440, 768, 390] as const;
const LANGUAGES = ['en', 'ja'] as const;
const SCHEMES = ['light', 'dark'] as const;

type Hook = { store: { getState(): Record<string, unknown> & { setLanguage(l: string): void; setTheme(t: string): void } } };

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  // Transitions (the peepholes fading in, the switches) are over.
  await page.waitForTimeout(350);
}


async function waitForLesson(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const s = (window as unknown as { __gatescope: { store: { getState(): { lesson: { view: string; settingUp: boolean } } } } }).__gatescope.store.getState();
    return s.lesson.view === 'chapter' && !s.lesson.settingUp;
  }, null, { timeout: 60_000 });
}

/** The states the check looks at, each set up once and then seen at every width, language and scheme. */
const STATES: Record<string, (app: AppPage) => Promise<void>> = {
  'first-open': async (app) => {
    await app.page.goto('/');
    await expect(app.page.locator('[data-node="h"] .node-value')).not.toHaveText('NaN');
  },
  'lstm-peepholes': (app) => app.openAt('#cell=lstm&peephole=1&step=200&t=20&unit=2'),
  gru: (app) => app.openAt('#cell=gru&step=150&t=12'),
  rnn: (app) => app.openAt('#cell=rnn&step=150&t=12'),
  'fnn-adding': (app) => app.openAt('#cell=fnn&window=3&task=adding&step=60&t=8'),
  backward: async (app) => {
    await app.openAt('#cell=lstm&peephole=1&step=100&t=30');
    await app.page.getByRole('switch', { name: 'Backward pass' }).click();
  },
  // The adding-problem preset, trained to the end: the RNN's curves run flat along the top of the
  // loss chart and along the floor of the gradient chart, where keys and notes could cover them.
  'comparison-done': async (app) => {
    await app.openAt('#cell=lstm&step=10');
    const comparison = app.page.getByRole('region', { name: 'Comparison' });
    await comparison.getByRole('button', { name: /Vanishing gradients: the adding problem/ }).click();
    for (const id of ['rnn', 'lstm', 'gru']) await expect(comparison.locator(`tr[data-run="${id}"]`)).toHaveAttribute('data-done', 'true', { timeout: 150_000 });
  },
  // A variant of Greff et al. (FGR's loops beside the controllers) with the gate lab's interventions
  // on: the list, the loss before and now, y before them in the output chart, and the held gate's ring.
  'gate-lab': async (app) => {
    await app.openAt('#cell=lstm&peephole=1&change=FGR&step=60&t=10');
    await app.page.evaluate(() => {
      type S = { addIntervention(iv: unknown): string | null };
      const s = (window as unknown as { __gatescope: { store: { getState(): S } } }).__gatescope.store.getState();
      s.addIntervention({ kind: 'clamp', gate: 'i', unit: 0, value: 0.3 });
      s.addIntervention({ kind: 'ablate', unit: 1 });
    });
    await expect(app.page.locator('.y-before-line')).toHaveCount(1);
  },
  'explanations-open': async (app) => {
    await app.openAt('#cell=lstm&peephole=1&step=40&t=20');
    await app.openExplanations();
  },
  // The lesson: a chapter with its own figure, one beside a second network, one that opens the settings.
  'lesson-vanishing': async (app) => {
    await app.page.goto('/#lesson=3');
    await waitForLesson(app.page);
  },
  'lesson-conflict': async (app) => {
    await app.page.goto('/#lesson=4');
    await waitForLesson(app.page);
  },
  'lesson-peephole': async (app) => {
    await app.page.goto('/#lesson=8');
    await waitForLesson(app.page);
  },
};

for (const [state, setUp] of Object.entries(STATES)) {
  test(`layout: ${state}, at every width, in both languages and schemes`, async ({ app, page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await setUp(app);
    const found: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const language of LANGUAGES) {
        for (const scheme of SCHEMES) {
          const name = `${state}-${width}-${language}-${scheme}`;
          await test.step(name, async () => {
            await page.evaluate(([l, t]) => {
              const s = (window as unknown as { __gatescope: Hook }).__gatescope.store.getState();
              s.setLanguage(l!);
              s.setTheme(t!);
            }, [language, scheme]);
            await settle(page);
            for (const line of problemLines(await findLayoutProblems(page))) found.push(`${name}: ${line}`);
            await page.screenshot({ path: `e2e/screenshots/layout/${name}.png`, fullPage: true });
          });
        }
      }
    }
    expect([...new Set(found)]).toEqual([]);
  });
}

test('the layout check fails when a defect it guards against is put back', async ({ app, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await STATES['comparison-done']!(app);
  await settle(page);
  const lines = async () => problemLines(await findLayoutProblems(page));
  expect(await lines()).toEqual([]);

  await test.step('the comparison key drawn over its curves (as it was)', async () => {
    await page.evaluate(() => {
      const curve = document.querySelector<SVGPathElement>('.comparison path[data-curve]')!;
      const p = curve.getPointAtLength(curve.getTotalLength() / 2);
      curve.ownerSVGElement!.querySelector('.chart-key-svg')!.setAttribute('transform', `translate(${p.x - 60}, ${p.y})`);
    });
    expect((await lines()).some((l) => /^text on Comparison: .* on the curve (rnn|lstm|gru)/.test(l))).toBe(true);
  });
  await test.step('a colour scale without its legend', async () => {
    await page.evaluate(() => document.querySelector('[data-view="rolled"] [data-legend]')!.removeAttribute('data-legend'));
    expect(await lines()).toContainEqual(expect.stringMatching(/^legend Rolled cell diagram: .*no legend of its scale "value"/));
  });
  await test.step('the peephole to f routed through the i·g × (as it was)', async () => {
    await page.getByRole('switch', { name: 'Peephole connections' }).click();
    await settle(page);
    await page.evaluate(() => document.querySelector('[data-view="rolled"] [data-edge="peephole-f"]')!.setAttribute('d', 'M432,210 C400,280 240,250 186,289'));
    expect(await lines()).toContainEqual('line Rolled cell diagram: peephole-f through op "×input gate"');
  });
  await test.step('a table header broken inside its word (as 損/失 was)', async () => {
    await page.evaluate(() => {
      // The header's word in a box one character wide, as ステップ数 was stacked.
      const th = document.querySelector<HTMLElement>('.compare-table thead th:nth-child(2)')!;
      const word = document.createElement('span');
      word.style.cssText = 'display: inline-block; width: 1ch; white-space: normal; word-break: break-all';
      word.textContent = th.textContent;
      th.replaceChildren(word);
    });
    expect((await lines()).some((l) => /^wrap Comparison: .* broken inside a word over \d+ lines/.test(l))).toBe(true);
  });
  await test.step('a page wider than the screen (as at 390 px it was)', async () => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.evaluate(() => document.querySelector<HTMLElement>('[data-view="rolled"] .panel-head')!.style.setProperty('min-width', '431px'));
    expect((await lines()).some((l) => /^page \d+ px wide at 390 px/.test(l))).toBe(true);
  });
});

test('on a phone the views come first: the settings fold away, the unrolled diagram scrolls a step at a time at a readable size', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.openAt('#cell=lstm&step=20&t=20');
  const toggle = page.getByRole('button', { name: 'Settings', exact: true });
  const hidden = page.getByLabel('Hidden size');
  await test.step('the settings are one toggle, closed, under the run buttons', async () => {
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(hidden).toBeHidden();
    const rolledTop = (await app.rolled.boundingBox())!.y;
    expect(rolledTop).toBeLessThan(844); // the first diagram starts on the first screen
    await toggle.click();
    await expect(hidden).toBeVisible();
    await toggle.click();
    await expect(hidden).toBeHidden();
  });
  await test.step('the unrolled diagram scrolls, its labels readable, the cursor step in view', async () => {
    const scroller = page.locator('.unrolled-scroll');
    await scroller.scrollIntoViewIfNeeded();
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth * 1.5);
    const label = page.locator('.unrolled [data-step="20"] [data-node="c"] text');
    expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(9);
    const inView = async (step: number) => {
      const box = (await scroller.boundingBox())!;
      const column = (await page.locator(`.unrolled [data-step="${step}"] .step-frame`).boundingBox())!;
      return column.x >= box.x - 1 && column.x + column.width <= box.x + box.width + 1;
    };
    await expect.poll(() => inView(20)).toBe(true);
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => inView(23)).toBe(true);
  });
  await test.step('on a wide screen the settings are always open', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(toggle).toBeHidden();
    await expect(hidden).toBeVisible();
  });
});

test('on a phone, a chapter that asks for a setting opens the settings', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#lesson=8');
  await waitForLesson(page);
  await expect(page.getByRole('switch', { name: 'Peephole connections' })).toBeVisible();
});
