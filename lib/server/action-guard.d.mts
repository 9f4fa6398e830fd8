// Types of lib/server/action-guard.mjs (plain JavaScript, since server.mjs loads it untranspiled).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export type RefusalStatus = 400 | 403 | 409 | 413;
export type Refusal = { status: RefusalStatus; message: string; reason: string };
export type GuardOptions = {
  bodyLimit: number;
  knownActions?: ReadonlySet<string> | null;
  trustProxy?: boolean;
};

export function isServerActionRequest(req: IncomingMessage): boolean;
export function screenActionHeaders(headers: IncomingHttpHeaders, options: GuardOptions): Refusal | null;
export function screenActionBody(text: string): Refusal | null;
export function screenActionForm(form: FormData, fetchAction: boolean): Refusal | null;
export function guardActionRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: GuardOptions,
): Promise<IncomingMessage | null>;
export function hasOverlongSegment(pathname: string): boolean;
