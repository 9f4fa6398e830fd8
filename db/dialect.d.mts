// Types of db/dialect.mjs (plain JavaScript, since server.mjs loads it untranspiled).
export type Dialect = 'sqlite' | 'postgresql';
export function isPostgresUrl(url: string | undefined): boolean;
export function databaseDialect(env?: Record<string, string | undefined>): Dialect;
export const POSTGRES_NOT_YET_SERVED: string;
export function refuseUnservedDialect(
  env?: Record<string, string | undefined>,
): { ok: true } | { ok: false; message: string };
