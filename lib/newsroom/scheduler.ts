import 'server-only';
import { runScheduledWork } from '@/lib/newsroom/schedule';

// Scheduled publication and embargo lifting, in every server process. The first sweep runs at
// start, so an article whose time passed while the server was down goes live at once (and once:
// see lib/newsroom/schedule.ts). NEWSROOM_SCHEDULER_MS sets the period (the e2e tests shorten it).
const DEFAULT_PERIOD_MS = 30_000;
const MIN_PERIOD_MS = 250;

export function schedulerPeriod(value = process.env.NEWSROOM_SCHEDULER_MS): number {
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= MIN_PERIOD_MS ? Math.floor(ms) : DEFAULT_PERIOD_MS;
}

export function sweepOnce(now = new Date()): number[] {
  let changed: number[] = [];
  try {
    const { published, lifted } = runScheduledWork(now);
    changed = [...published, ...lifted];
  } catch (error) {
    // A busy database or a bad row must not stop the next sweep.
    console.error('scheduler sweep failed', error);
  }
  // Readers see it at once: each transition bumped the reader cache generation in its own write
  // transaction (db/reader-cache.ts), which every worker reads before its next request.
  return changed;
}

export function startScheduler(): void {
  const key = Symbol.for('newsroom.scheduler');
  const state = globalThis as Record<symbol, unknown>;
  if (state[key]) return;
  const period = schedulerPeriod();
  sweepOnce();
  const timer = setInterval(() => sweepOnce(), period);
  timer.unref();
  state[key] = timer;
}
