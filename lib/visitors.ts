// Who a reader's beacon comes from: known crawlers are not readers, and a random cookie tells one
// browser from another without knowing who is behind it.

const KNOWN_BOTS_RE =
  /bot\b|bot\/|crawler|spider|crawling|slurp|facebookexternalhit|facebookcatalog|embedly|quora link preview|pinterest|vkshare|w3c_validator|whatsapp|telegrambot|discordbot|skypeuripreview|lighthouse|pagespeed|curl\/|wget\/|python-requests|go-http-client|httpclient|feedfetcher|feedly|rss|newsblur|google-read-aloud|mediapartners|apis-google|bingpreview|ia_archiver|yandex|baiduspider|duckduckgo|petalbot|semrush|ahrefs|mj12bot|dotbot|applebot|bytespider|gptbot|ccbot|claudebot|perplexity/i;

export function isKnownBot(userAgent: string | null): boolean {
  // No user agent at all is a script, not a browser.
  if (!userAgent?.trim()) return true;
  return KNOWN_BOTS_RE.test(userAgent);
}

export const VISITOR_COOKIE = 'nr_visitor';
const VISITOR_RE = /^[0-9a-f]{32}$/;

export function validVisitor(value: string | undefined): string | null {
  return value && VISITOR_RE.test(value) ? value : null;
}

export function newVisitor(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
