// Types of lib/shared/known-bots.mjs (plain JavaScript, since server.mjs loads it untranspiled).
export function isKnownBot(userAgent: string | null | undefined): boolean;
