// Runs once when the server starts, before it answers any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Not while `next build` prerenders: only a serving process publishes on time.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startScheduler } = await import('./lib/newsroom/scheduler');
  startScheduler();
  // Purges of the caches in front, when NEWSROOM_PURGE_URLS lists any (docs/deploying.md).
  const { startCdnPurger } = await import('./lib/reader/cdn-purge');
  startCdnPurger();
  // Webhooks (lib/platform/delivery.ts): every process sends, each outbox row once.
  const { startDeliveryLoop } = await import('./lib/platform/delivery');
  startDeliveryLoop();
  // الوارد من الوكالات's watched folder, when NEWSROOM_WIRE_DIR is set (lib/platform/wire-folder.ts).
  const { startWireFolder } = await import('./lib/platform/wire-folder');
  startWireFolder();
}
