// Types of lib/server-config.mjs (plain JavaScript, since server.mjs loads it untranspiled).
export function publicAuthUrl(
  env: Record<string, string | undefined>,
  listen: { hostname: string; self: string; port: number },
): { ok: true; url: string; derived: boolean } | { ok: false; message: string };
