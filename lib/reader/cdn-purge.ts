import 'server-only';
import {
  claimPurgeTarget,
  currentReaderGeneration,
  listChangedReaderKeys,
  purgeFailed,
  purgeSent,
  purgeTargetsBehind,
  registerPurgeTargets,
} from '@/db/reader-cache';
import { isBusy } from '@/db/write-lock';

// Purging the caches in front (Varnish with xkey: deploy/varnish/newsroom.vcl) by Surrogate-Key.
//
// The queue is the database: every change to what readers see writes the names of the pages it
// touches in its own transaction (db/reader-cache.ts, reader_cache_expiries), and each cache listed
// in NEWSROOM_PURGE_URLS keeps the last generation it was sent (cdn_purge_targets). Every process
// of every machine runs this loop; the first to take a cache's lease sends it the names changed
// since, and moves its generation only when the cache answered 200. So a purge is resent until a
// cache that was down answers, is never sent for a change that rolled back (its names were never
// written), and is sent once however many processes watch (the lease is a conditional update).

const DEFAULT_PERIOD_MS = 200;
const LEASE_MS = 10_000;
const SEND_TIMEOUT_MS = 3_000;
const RETRY_MS = [250, 1_000, 5_000, 30_000] as const;
// Varnish reads request headers up to 8 KB by default (http_req_hdr_len): a batch stays well under.
const MAX_HEADER_CHARS = 4_000;

// The listed caches' base URLs, normalised; an address that is not http(s) stops the start with the
// variable's name, rather than purging nothing in silence.
export function purgeUrls(value = process.env.NEWSROOM_PURGE_URLS): string[] {
  if (!value?.trim()) return [];
  return [
    ...new Set(
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => {
          let url: URL;
          try {
            url = new URL(part);
          } catch {
            throw new Error(`NEWSROOM_PURGE_URLS: not an address: ${part}`);
          }
          if (url.protocol !== 'http:' && url.protocol !== 'https:')
            throw new Error(`NEWSROOM_PURGE_URLS: only http(s) addresses: ${part}`);
          return url.href.replace(/\/+$/, '');
        }),
    ),
  ];
}

// Names in batches whose header stays short.
export function purgeBatches(keys: readonly string[]): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let length = 0;
  for (const key of keys) {
    if (batch.length > 0 && length + key.length + 1 > MAX_HEADER_CHARS) {
      batches.push(batch);
      batch = [];
      length = 0;
    }
    batch.push(key);
    length += key.length + 1;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

export type SendPurge = (url: string, keys: readonly string[]) => Promise<void>;

// xkey's soft purge: the objects go stale, not away, so the next reader starts one refresh while
// the others get the old copy for that instant (grace) instead of all reaching the origin.
export const sendSoftPurge: SendPurge = async (url, keys) => {
  const response = await fetch(`${url}/`, {
    method: 'PURGE',
    headers: { 'xkey-softpurge': keys.join(' ') },
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
};

// One round: every listed cache that is behind and not leased by another process is sent the names
// changed since its generation. Returns the caches brought up to date.
export async function purgeOnce(
  urls: readonly string[],
  send: SendPurge = sendSoftPurge,
  now = Date.now(),
): Promise<string[]> {
  const upToDate: string[] = [];
  const generation = currentReaderGeneration();
  for (const behind of purgeTargetsBehind(urls, generation, now)) {
    const target = claimPurgeTarget(behind.url, LEASE_MS, now);
    if (!target) continue;
    // Read after the generation: every change up to it is listed (one writer at a time commits).
    const changed = listChangedReaderKeys(target.purgedGeneration);
    const upTo = Math.max(generation, ...changed.map((k) => k.generation));
    try {
      for (const batch of purgeBatches(changed.map((k) => k.key))) await send(target.url, batch);
      purgeSent(target.url, upTo);
      upToDate.push(target.url);
    } catch (error) {
      const retryIn = RETRY_MS[Math.min(target.failures, RETRY_MS.length - 1)]!;
      purgeFailed(target.url, error instanceof Error ? error.message : String(error), retryIn);
      if (target.failures === 0) console.warn(`purge of ${target.url} failed; retrying: ${String(error)}`);
    }
  }
  return upToDate;
}

export function startCdnPurger(urls = purgeUrls()): void {
  const key = Symbol.for('newsroom.cdnPurger');
  const state = globalThis as Record<symbol, unknown>;
  if (urls.length === 0 || state[key]) return;
  state[key] = true;
  registerPurgeTargets(urls);
  const period = Math.max(50, Number(process.env.NEWSROOM_PURGE_MS) || DEFAULT_PERIOD_MS);
  const tick = async () => {
    try {
      await purgeOnce(urls);
    } catch (error) {
      // A database busy with another process's write: the next round tries again. Anything else
      // is worth a line in the log, and must not stop the next round either.
      if (!isBusy(error)) console.error('purge round failed', error);
    }
    setTimeout(tick, period).unref();
  };
  void tick();
}
