// Types of lib/server/config.mjs (plain JavaScript, since server.mjs loads it untranspiled).
export function publicAuthUrl(
  env: Record<string, string | undefined>,
  listen: { hostname: string; self: string; port: number },
): { ok: true; url: string; derived: boolean } | { ok: false; message: string };
export function boundedInteger(
  name: string,
  fallback: number,
  min: number,
  max: number,
  env?: Record<string, string | undefined>,
): number;
export function flag(name: string, fallback: boolean, env?: Record<string, string | undefined>): boolean;
