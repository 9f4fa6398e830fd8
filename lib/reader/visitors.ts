import { visitorOf as hashVisitor } from '@/db/counters.mjs';
import { clientAddressOf } from '@/lib/shared/client-address';
import { visitorSalt, type Visitor } from '@/lib/reader/counters';

// Who a reader's beacon comes from, without knowing who is behind it and without a cookie: the
// hash of the client's address and user agent with the day's salt. The salt is random, kept in
// SQLite so that every worker process hashes alike, and replaced each day (UTC), so yesterday's
// hashes cannot be recomputed and a reader cannot be followed across days. Raw values are never
// stored. Known crawlers are not readers and are never counted.

export { isKnownBot } from '@/lib/shared/known-bots.mjs';

export type { Visitor };

// The hash itself is db/counters.mjs's, which server.mjs's beacon intake uses too.
export function visitorOf(address: string, userAgent: string, now = new Date()): Visitor {
  return hashVisitor(visitorSalt(now), address, userAgent);
}

export function visitorOfRequest(headers: Headers, now = new Date()): Visitor {
  return visitorOf(clientAddressOf(headers), headers.get('user-agent') ?? '', now);
}
