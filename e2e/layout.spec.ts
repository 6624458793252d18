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

async function openAll(page: Page): Promise<void> {
  for (const d of await page.locator('details').all()) await d.evaluate((el) => ((el as HTMLDetailsElement).open = true));
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
  'comparison-done': async (app) => {
    await app.openAt('#cell=lstm&step=10');
    const comparison = app.page.getByRole('region', { name: 'Comparison' });
    await comparison.getByLabel('Steps').fill('150');
    await comparison.getByLabel('Steps').press('Enter');
    await comparison.getByRole('button', { name: 'Compare cells' }).click();
    for (const id of ['rnn', 'lstm', 'gru']) await expect(comparison.locator(`tr[data-run="${id}"]`)).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  },
  'explanations-open': async (app) => {
    await app.openAt('#cell=lstm&peephole=1&step=40&t=20');
    await openAll(app.page);
  },
  lesson: async (app) => {
    await app.page.goto('/#lesson=3');
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
