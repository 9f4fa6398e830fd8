// The environment of the server the end-to-end tests run against (playwright.config.ts), so that a
// test which starts a second server on the same build and database (a restart) uses the same one.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_NAME = process.env.E2E_NAME ?? 'e2e';

export const e2eServerEnv = {
  DATABASE_PATH: `tmp/${E2E_NAME}/newsroom.db`,
  NEXT_DIST_DIR: `.next-${E2E_NAME}`,
  MEDIA_DIR: `tmp/${E2E_NAME}/media`,
  NEXT_TELEMETRY_DISABLED: '1',
  NEWSROOM_DEMO_PASSWORD: 'newsroom-demo',
  NEXTAUTH_URL: `http://127.0.0.1:${E2E_PORT}`,
  // Scheduled articles and embargoes are checked every second, so the tests wait for the minute
  // they set and not for the scheduler's default half minute after it.
  NEWSROOM_SCHEDULER_MS: '1000',
  // The journeys written before writing together save the body through the autosave; writing
  // together has its own server in e2e/collab.spec.ts (two workers, NEWSROOM_COLLAB=1).
  NEWSROOM_COLLAB: process.env.NEWSROOM_COLLAB ?? '0',
  // Webhooks (lib/platform/delivery.ts): e2e/platform.spec.ts's receiver listens on 127.0.0.1,
  // which only an operator's explicit allowance opens; the loop looks every quarter second.
  NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  NEWSROOM_WEBHOOK_POLL_MS: '250',
};
