// Known crawlers and scripts are not readers and are never counted (lib/reader/visitors.ts, and
// server.mjs's beacon intake, lib/server/beacons.mjs). Plain JavaScript, pure: server.mjs loads it
// untranspiled (types in known-bots.d.mts).
const KNOWN_BOTS_RE =
  /bot\b|bot\/|crawler|spider|crawling|slurp|facebookexternalhit|facebookcatalog|embedly|quora link preview|pinterest|vkshare|w3c_validator|whatsapp|telegrambot|discordbot|skypeuripreview|lighthouse|pagespeed|curl\/|wget\/|python-requests|python-urllib|aiohttp|go-http-client|httpclient|okhttp|axios\/|node-fetch|undici|feedfetcher|feedly|rss|newsblur|google-read-aloud|mediapartners|apis-google|bingpreview|ia_archiver|yandex|baiduspider|duckduckgo|petalbot|semrush|ahrefs|mj12bot|dotbot|applebot|bytespider|gptbot|ccbot|claudebot|perplexity/i;

/** @param {string | null | undefined} userAgent */
export function isKnownBot(userAgent) {
  // No user agent at all is a script, not a browser.
  if (!userAgent?.trim()) return true;
  return KNOWN_BOTS_RE.test(userAgent);
}
