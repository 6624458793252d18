import { defineConfig } from '@playwright/test';

/** Debian's Chromium (apt-get install chromium) unless CHROMIUM_PATH names another. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The preview server the e2e tests start for themselves. */
const PORT = 4319;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  // One retry: CI shares this machine with other jobs, and a busy spell can slow a timed test
  // (a setup's budget, a frame rate). The list reporter names a test that passed only on retry as flaky.
  retries: 1,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    // The app's service worker stays out of the way (a page route does not see what it serves);
    // e2e/offline.spec.ts lets it in.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      ],
    },
  },
  webServer: {
    // A port of the tests' own, never reused: a server left by another checkout is not ours.
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
