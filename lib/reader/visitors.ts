import { createHash } from 'node:crypto';
import { clientAddressOf } from '@/lib/shared/client-address';
import { visitorSalt, type Visitor } from '@/lib/reader/counters';

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

export type { Visitor };

const hash = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);

export function visitorOf(address: string, userAgent: string, now = new Date()): Visitor {
  const salt = visitorSalt(now);
  return { id: hash(salt, address, userAgent.slice(0, 512)), address: hash(salt, address) };
}

export function visitorOfRequest(headers: Headers, now = new Date()): Visitor {
  return visitorOf(clientAddressOf(headers), headers.get('user-agent') ?? '', now);
}
