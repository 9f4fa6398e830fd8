import { visitorOf as hashVisitor } from '@/db/counters.mjs';
import { visitorSalt } from '@/db/queries/stats';

// Who a reader's beacon comes from, without knowing who is behind it and without a cookie: the
// hash of the client's address and user agent with the day's salt. The salt is random, kept in
// SQLite so that every worker process hashes alike, and replaced each day (UTC), so yesterday's
// hashes cannot be recomputed and a reader cannot be followed across days. Raw values are never
// stored. Known crawlers are not readers and are never counted.

export { isKnownBot } from '@/lib/known-bots.mjs';

// `id` tells one browser from another; `address` is the address alone, which caps how many
// visitors one address may be (a client that changes its user agent on every request).
export type Visitor = { id: string; address: string };

// The hash itself is db/counters.mjs's, which server.mjs's beacon intake uses too.
export function visitorOf(address: string, userAgent: string, now = new Date()): Visitor {
  return hashVisitor(visitorSalt(now), address, userAgent);
}

// The address server.mjs puts on every request (it overwrites any a client sends); without it
// (plain `next start`, `next dev`) the first hop Next saw.
export function clientAddressOf(headers: Headers): string {
  return (
    headers.get('x-newsroom-client-address') ??
    headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() ??
    ''
  );
}

export function visitorOfRequest(headers: Headers, now = new Date()): Visitor {
  return visitorOf(clientAddressOf(headers), headers.get('user-agent') ?? '', now);
}
