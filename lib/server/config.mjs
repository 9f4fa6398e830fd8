// Start-time settings server.mjs derives before Next loads. Plain JavaScript: server.mjs loads it
// untranspiled (types in config.d.mts).

/**
 * The public address next-auth writes into its links and redirects (NEXTAUTH_URL). Left unset,
 * next-auth answers with http://localhost:3000 links whatever the site's address is. So:
 * NEXTAUTH_URL as given; else NEWSROOM_SITE_URL's origin; else, for a server that listens only on
 * this machine (the quick start, tests), the address it listens on; a server listening on every
 * interface with neither set refuses to start rather than send people to the wrong host.
 * @param {Record<string, string | undefined>} env
 * @param {{ hostname: string; self: string; port: number }} listen
 * @returns {{ ok: true; url: string; derived: boolean } | { ok: false; message: string }}
 */
export function publicAuthUrl(env, { hostname, self, port }) {
  for (const [name, value] of [
    ['NEXTAUTH_URL', env.NEXTAUTH_URL],
    ['NEWSROOM_SITE_URL', env.NEWSROOM_SITE_URL],
  ]) {
    if (!value?.trim()) continue;
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:')
        return {
          ok: true,
          url: name === 'NEXTAUTH_URL' ? value : url.origin,
          derived: name !== 'NEXTAUTH_URL',
        };
    } catch {
      // Not a URL: said below.
    }
    return { ok: false, message: `${name} must be an http(s) address, not "${value}"` };
  }
  const local = /^(?:127\.\d+\.\d+\.\d+|::1|localhost)$/.test(hostname);
  if (!local)
    return {
      ok: false,
      message:
        'Set NEWSROOM_SITE_URL (or NEXTAUTH_URL) to the public address, e.g. https://news.example.org: ' +
        'sign-in links would otherwise point at http://localhost:3000.',
    };
  return { ok: true, url: `http://${self}:${port}`, derived: true };
}

/**
 * A whole-number setting from the environment, or `fallback` when unset. Out of range: the server
 * says which and does not start.
 * @param {string} name @param {number} fallback @param {number} min @param {number} max
 * @param {Record<string, string | undefined>} [env]
 */
export function boundedInteger(name, fallback, min, max, env = process.env) {
  const value = env[name];
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
    process.exit(1);
  }
  return n;
}

/**
 * An on/off setting: "0" is off, "1" (or unset: `fallback`) on; anything else refuses to start.
 * @param {string} name @param {boolean} fallback @param {Record<string, string | undefined>} [env]
 */
export function flag(name, fallback, env = process.env) {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (value === '0' || value === '1') return value === '1';
  console.error(`${name} must be 0 or 1, not "${value}"`);
  process.exit(1);
}
