// Types of lib/http/route-kinds.mjs (plain JavaScript, since server.mjs loads it untranspiled).
import type { IncomingHttpHeaders } from 'node:http';

export type HeaderKind = 'reader-html' | 'newsroom' | 'preview' | 'resource';
export type Line = 'reader' | 'newsroom';
export type BodyLimit = { bytes: number; message?: string };
export type RouteRow = {
  kind: string;
  path: RegExp;
  headers: HeaderKind;
  line: Line;
  body?: Readonly<Record<string, BodyLimit>>;
  copy?: (match: RegExpExecArray) => boolean;
  signedOutOnly?: boolean;
  query?: (params: URLSearchParams) => string | null;
  keys?: (match: RegExpExecArray) => string[];
  sources?: readonly string[];
};
export type RouteOfPath = {
  kind: string;
  headers: HeaderKind;
  line: Line;
  copy: boolean;
  signedOutOnly: boolean;
  query: ((params: URLSearchParams) => string | null) | undefined;
  keys: string[];
  body: Readonly<Record<string, BodyLimit>> | undefined;
};
export type Route = RouteOfPath & { pathname: string; bodyLimit: number; tooLarge: string };

export const DEFAULT_BODY_LIMIT: number;
export const ROUTES: readonly RouteRow[];
export function normalizedPath(rawPathname: string): string;
export function routeOfPath(pathname: string): RouteOfPath;
export function routeOf(
  method: string | undefined,
  rawPathname: string,
  headers?: IncomingHttpHeaders,
): Route;
export function isNewsroomRequest(
  method: string | undefined,
  rawPathname: string,
  headers: IncomingHttpHeaders,
): boolean;
export function bodyLimitOf(method: string | undefined, rawPathname: string): number;
export function tooLargeMessageOf(method: string | undefined, rawPathname: string): string;
export function nextHeaderSources(): Record<HeaderKind, string[]>;
