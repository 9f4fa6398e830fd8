import { createHash } from 'node:crypto';
import { visitorSalt } from '@/lib/reader/counters';

// Who a reader's beacon comes from, without knowing who is behind it and without a cookie: the
// hash of the client's address and user agent with the day's salt. The salt is random, kept in
// SQLite so that every worker process hashes alike, and replaced each day (UTC), so yesterday's
// hashes cannot be recomputed and a reader cannot be followed across days. Raw values are never
// stored. Known crawlers are not readers and are never counted.

const KNOWN_BOTS_RE =
  /bot\b|bot\/|crawler|spider|crawling|slurp|facebookexternalhit|facebookcatalog|embedly|quora link preview|pinterest|vkshare|w3c_validator|whatsapp|telegrambot|discordbot|skypeuripreview|lighthouse|pagespeed|curl\/|wget\/|python-requests|python-urllib|aiohttp|go-http-client|httpclient|okhttp|axios\/|node-fetch|undici|feedfetcher|feedly|rss|newsblur|google-read-aloud|mediapartners|apis-google|bingpreview|ia_archiver|yandex|baiduspider|duckduckgo|petalbot|semrush|ahrefs|mj12bot|dotbot|applebot|bytespider|gptbot|ccbot|claudebot|perplexity/i;

export function isKnownBot(userAgent: string | null): boolean {
  // No user agent at all is a script, not a browser.
  if (!userAgent?.trim()) return true;
  return KNOWN_BOTS_RE.test(userAgent);
}

// `id` tells one browser from another; `address` is the address alone, which caps how many
// visitors one address may be (a client that changes its user agent on every request).
export type Visitor = { id: string; address: string };

const hash = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);

export function visitorOf(address: string, userAgent: string, now = new Date()): Visitor {
  const salt = visitorSalt(now);
  return { id: hash(salt, address, userAgent.slice(0, 512)), address: hash(salt, address) };
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
