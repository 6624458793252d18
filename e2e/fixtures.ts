/**
 * Shared Playwright fixtures: every test collects console errors, page errors and every
 * Content-Security-Policy violation the page reports, and fails on any of them.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';

/** A small page object for the app. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Gatescope' })).toBeVisible();
    // The worker has answered with its first snapshot once the diagram shows numbers.
    await expect(this.page.locator('[data-node="h"] .node-value')).not.toHaveText('NaN');
  }

  /** Open the page at a link's hash and wait until the run has reached what the link asks for. */
  async openAt(hash: string): Promise<void> {
    await this.page.goto(`/${hash}`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Gatescope' })).toBeVisible();
    await this.page.waitForFunction(() => {
      const s = (window as unknown as { __gatescope: { store: { getState(): { linkTarget: unknown; snapshot: unknown } } } }).__gatescope.store.getState();
      return s.linkTarget === null && s.snapshot !== null;
    }, null, { timeout: 60_000 });
  }

  /** Everything the probe's snapshot holds, as plain arrays, with the step, cursor and config (from the store). */
  async state(): Promise<{ step: number; loss: number; t: number; unit: number; config: Record<string, unknown>; arrays: Record<string, number[]> }> {
    return this.page.evaluate(() => {
      type Snap = Record<string, unknown> & { step: number; probeLoss: number };
      type State = { snapshot: Snap | null; step: number; loss: number; t: number; unit: number; config: Record<string, unknown> };
      const st = (window as unknown as { __gatescope: { store: { getState(): State } } }).__gatescope.store.getState();
      const s = st.snapshot!;
      const arrays = Object.fromEntries(
        ['x', 'y', 'gates', 'h', 'c', 'dh', 'dc', 'dpre', 'peep'].map((k) => [k, Array.from(s[k] as Float32Array)]),
      );
      return { step: st.step, loss: st.loss, t: st.t, unit: st.unit, config: st.config, arrays: { ...arrays, probeLoss: [s.probeLoss] } };
    });
  }

  get status(): Locator {
    return this.page.getByRole('status', { name: 'Training status' });
  }

  async stepCount(): Promise<number> {
    return Number((await this.page.getByTestId('step-count').textContent())?.replace(/\D/g, ''));
  }

  async loss(): Promise<number> {
    return Number(await this.page.getByTestId('loss').textContent());
  }

  /** Mean training loss over the first and the last fifth of the loss history (from the store). */
  async lossEnds(): Promise<{ first: number; last: number; points: number }> {
    return this.page.evaluate(() => {
      const hook = (window as unknown as { __gatescope: { store: { getState(): { snapshot: { losses: Float32Array } | null } } } }).__gatescope;
      const losses = Array.from(hook.store.getState().snapshot?.losses ?? []);
      const k = Math.max(1, Math.floor(losses.length / 5));
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
      return { first: mean(losses.slice(0, k)), last: mean(losses.slice(-k)), points: losses.length };
    });
  }

  /** The gradient norm of a named weight in the latest snapshot (from the store). */
  async gradNorm(name: string): Promise<number> {
    return this.page.evaluate((weight) => {
      type Snap = { gradNames: string[]; gradNorms: Float32Array };
      const hook = (window as unknown as { __gatescope: { store: { getState(): { snapshot: Snap | null } } } }).__gatescope;
      const s = hook.store.getState().snapshot;
      return s ? s.gradNorms[s.gradNames.indexOf(weight)]! : Number.NaN;
    }, name);
  }

  /** The probe loss and peephole flag of the latest snapshot (from the store). */
  async probe(): Promise<{ loss: number; peephole: boolean; step: number } | null> {
    return this.page.evaluate(() => {
      type Snap = { probeLoss: number; peephole: boolean; step: number };
      const hook = (window as unknown as { __gatescope: { store: { getState(): { snapshot: Snap | null } } } }).__gatescope;
      const s = hook.store.getState().snapshot;
      return s ? { loss: s.probeLoss, peephole: s.peephole, step: s.step } : null;
    });
  }

  get rolled(): Locator {
    return this.page.getByRole('region', { name: 'Rolled cell diagram' });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Open every explanation (every <details>), so that checks and screenshots see each panel open. */
  async openExplanations(): Promise<void> {
    for (const d of await this.page.locator('details').all()) await d.evaluate((el) => ((el as HTMLDetailsElement).open = true));
  }

  /** axe violations, as "id: help (n nodes)" lines. */
  async axeViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`);
  }

  /** The whole page, or only `part` of it. */
  async screenshot(name: string, part?: Locator): Promise<void> {
    const path = `e2e/screenshots/${name}.png`;
    if (part) await part.screenshot({ path });
    else await this.page.screenshot({ path, fullPage: true });
  }
}

/** One `securitypolicyviolation` event, as the page saw it. */
export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/** An element's box once layout has settled: fonts loaded, and the same box two frames apart. */
export async function stableBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await locator.page().evaluate(() => document.fonts.ready.then(() => undefined));
  let last = await locator.boundingBox();
  for (let k = 0; k < 50; k++) {
    await locator.page().evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const now = await locator.boundingBox();
    if (now && last && now.x === last.x && now.y === last.y && now.width === last.width && now.height === last.height) return now;
    last = now;
  }
  throw new Error('the element kept moving');
}

export const test = base.extend<{ consoleErrors: string[]; cspViolations: CspViolation[]; app: AppPage }>({
  // Every document the page opens records each CSP violation it reports, and the test ends by
  // checking there were none. A test that provokes violations on purpose empties the list itself.
  cspViolations: [
    async ({ page }, use) => {
      const seen: CspViolation[] = [];
      await page.exposeFunction('__reportCspViolation', (v: CspViolation) => void seen.push(v));
      await page.addInitScript(() => {
        const w = window as unknown as { __reportCspViolation(v: unknown): void };
        document.addEventListener('securitypolicyviolation', (e) => {
          void w.__reportCspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample });
        });
      });
      await use(seen);
      expect(seen, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  // Every test, whether it asks for it or not, ends by checking that the page logged no error.
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(err.message));
      await use(errors);
      expect(errors, 'console errors and page errors').toEqual([]);
    },
    { auto: true },
  ],
  app: async ({ page }, use) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await use(new AppPage(page));
  },
});

export { expect };
