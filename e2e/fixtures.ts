/** Shared Playwright fixtures: every test collects console errors and page errors. */
import { test as base, expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';

/** A small page object for the app shell. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Gatescope' })).toBeVisible();
  }

  /** axe violations, as "id: help (n nodes)" lines. */
  async axeViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
  }
}

export const test = base.extend<{ consoleErrors: string[]; app: AppPage }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
    await use(errors);
  },
  app: async ({ page }, use) => {
    await use(new AppPage(page));
  },
});

export { expect };
