import { db } from './index';

// Writes wait for another process's write lock here, asynchronously, so readers are never queued
// behind them. The app's connection waits only APP_LOCK_WAIT_MS for the lock inside SQLite (that
// wait blocks the event loop); when it gets SQLITE_BUSY, the write is tried again after a growing,
// jittered pause, until WRITE_LOCK_DEADLINE_MS, then refused as `busy` (an Arabic message,
// lib/shared/errors.ts). A write is only retried when its connection changed nothing in the attempt, so
// a handler whose first transaction committed is never run twice.

export const WRITE_LOCK_DEADLINE_MS = 8000;

export class DatabaseBusyError extends Error {
  constructor() {
    super('the database stayed locked by another process');
    this.name = 'DatabaseBusyError';
  }
}

const totalChanges = (() => {
  let statement: { get(): unknown } | undefined;
  return () => Number((statement ??= db.$client.prepare('SELECT total_changes()').pluck()).get());
})();

export async function whenWritable<T>(
  write: () => T | Promise<T>,
  { deadlineMs = WRITE_LOCK_DEADLINE_MS }: { deadlineMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 0; ; attempt++) {
    const before = totalChanges();
    try {
      return await write();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (totalChanges() !== before || Date.now() >= deadline) throw new DatabaseBusyError();
      const pause = Math.min(250, 5 * 2 ** attempt) * (0.5 + Math.random());
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(pause, Math.max(0, deadline - Date.now()))),
      );
    }
  }
}

// better-sqlite3's SqliteError, possibly wrapped by Drizzle (DrizzleQueryError keeps it as cause).
export function isBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
  }
  return false;
}
