// Types of lib/request-limits.mjs (plain JavaScript, since server.mjs loads it untranspiled).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export function normalizedPath(rawPathname: string): string;
export function isNewsroomRequest(
  method: string | undefined,
  rawPathname: string,
  headers: IncomingHttpHeaders,
): boolean;
export const BODY_LIMITS: readonly { method: string; path: RegExp; bytes: number; message?: string }[];
export const DEFAULT_BODY_LIMIT: number;
export function bodyLimitOf(method: string | undefined, rawPathname: string): number;
export function tooLargeMessageOf(method: string | undefined, rawPathname: string): string;
export function guardBodyLimit(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<IncomingMessage | null>;
