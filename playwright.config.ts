import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';
import { E2E_NAME as NAME, E2E_PORT as PORT, e2eServerEnv as env } from './e2e/server-env';

// End-to-end tests run in Debian's Chromium against the production build, on a fresh database
// made for this run (tmp/e2e), served on 127.0.0.1 and stopped by Playwright when the run ends.
// E2E_PORT / E2E_NAME let two runs share a machine without sharing a server, build or database.
export default defineConfig({
  testDir: 'e2e',
  // The hostile-input spec publishes over a hundred articles: it runs after every journey, so
  // that the demo article is still on the front page and in the feeds when those specs read them.
  projects: [
    { name: 'journeys', testIgnore: /hostile-input\.spec\.ts/ },
    { name: 'hostile-input', testMatch: /hostile-input\.spec\.ts/, dependencies: ['journeys'] },
  ],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'ar',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `rm -rf tmp/${NAME} && npm run db:setup && npx next build && node scripts/build-collab.mjs && node server.mjs -H 127.0.0.1 -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    env,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
