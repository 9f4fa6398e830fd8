// Types of db/media-config.mjs (plain JavaScript, since server.mjs loads it untranspiled).
export type MediaStoreSettings =
  | { kind: 'directory'; dir: string }
  | { kind: 's3'; bucket: string; region: string; endpoint: string | undefined; forcePathStyle: boolean };
export function mediaStoreSettings(
  env?: Record<string, string | undefined>,
): { ok: true; store: MediaStoreSettings } | { ok: false; message: string };
