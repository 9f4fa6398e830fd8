import 'server-only';
import type { z } from 'zod';
import type { SessionClaims } from '@/lib/auth/session';
import type { FieldErrors } from '@/lib/shared/errors';

// What the doors (lib/http/action.ts for server actions, lib/http/route.ts for route handlers) share: the
// mark they leave on what they wrap, and the same-origin check.

// Every door marks the function it returns, so that a test can call it as any person (`runAs`,
// with the session claims a token would carry: the same database check follows) and the listing
// test (tests/unit/doors.test.ts) can tell a wrapped export from a bare one.
export const DOOR = Symbol.for('newsroom.door');

export type DoorKind = 'action' | 'newsroom-route' | 'public-route' | 'api-route';

// The parts of a request the doors look at besides its body.
export type RequestFacts = {
  claims: SessionClaims | null;
  origin: string | null;
  host: string | null;
  fetchSite: string | null;
};

export type Marked<F, R> = F & { [DOOR]: { kind: DoorKind; runAs: R } };

export function mark<F extends object, R>(fn: F, kind: DoorKind, runAs: R): Marked<F, R> {
  return Object.assign(fn, { [DOOR]: { kind, runAs } });
}

export function isDoor(value: unknown): value is Marked<object, unknown> {
  return typeof value === 'function' && DOOR in value;
}

// A browser's request from another site is refused (the session cookie is SameSite=Lax already;
// this covers same-site pages on other ports and older browsers). An Origin that cannot be parsed
// is a refusal too, never an error. Requests without Origin come from non-browser clients, which
// carry no one's cookies by accident.
export function sameOrigin(facts: Pick<RequestFacts, 'origin' | 'host' | 'fetchSite'>): boolean {
  if (facts.fetchSite === 'cross-site') return false;
  if (facts.origin === null) return true;
  if (!facts.host) return false;
  try {
    return new URL(facts.origin).host === facts.host.toLowerCase();
  } catch {
    return false;
  }
}

// X-Forwarded-Host names the host only behind a proxy the deployment declared
// (NEWSROOM_TRUST_PROXY=1); otherwise a client chooses it, and with it the origin that passes.
export function factsOfHeaders(
  headers: Headers,
  claims: SessionClaims | null,
  trustProxy = process.env.NEWSROOM_TRUST_PROXY === '1',
): RequestFacts {
  const forwarded = trustProxy ? headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return {
    claims,
    origin: headers.get('origin'),
    host: forwarded || headers.get('host'),
    fetchSite: headers.get('sec-fetch-site'),
  };
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= issue.message;
  }
  return out;
}
