import 'server-only';
import { NextRequest } from 'next/server';
import { z } from 'zod';
import type { User } from '@/db/schema';
import { DatabaseBusyError, whenWritable } from '@/db/write-lock';
import { sessionStateFor } from '@/lib/auth/session';
import { currentSessionClaims } from '@/lib/http/claims';
import {
  factsOfHeaders,
  fieldErrorsOf,
  mark,
  sameOrigin,
  type Marked,
  type RequestFacts,
} from '@/lib/http/door';
import {
  ActionError,
  ERROR_MESSAGES,
  HTTP_STATUS,
  Refusal,
  type ErrorCode,
  type FieldErrors,
} from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import { parseId } from '@/lib/shared/urls';

// The route handlers' door, twin of newsroomAction (lib/http/action.ts): session → same origin →
// content type and size → zod → handler (whose query asks lib/permissions inside its
// transaction), with every outcome's HTTP status decided here, in one place (HTTP_STATUS).
// publicRoute is the readers' variant: no session, but the same method, origin, body and error
// rules, so a beacon cannot be posted from another site nor a crash answer with a stack trace.

type Params = Record<string, string | string[] | undefined>;
type Context = { params: Promise<Params> };
type Handler = (request: Request, context: Context) => Promise<Response>;

export type RouteDoor = Marked<
  Handler,
  (facts: RequestFacts, request: Request, params?: Params) => Promise<Response>
>;

type Body = 'none' | 'json' | 'multipart' | 'form';

type Spec<P extends z.ZodType, I extends z.ZodType> = {
  // What the request may carry: nothing (GET, beacons), JSON, or a form (multipart or urlencoded).
  body?: Body;
  // Bytes read at most; the stream is cut off there whatever Content-Length said.
  maxBytes?: number;
  // The route's params ([id]…): a mismatch is "not found", not a validation error.
  params?: P;
  // The JSON body, or for a body-less request its query string (as an object of strings).
  input?: I;
  // The route's own words for a door refusal (an upload's "too large", say).
  messages?: Partial<Record<ErrorCode, string>>;
  // Open to a member who must still change the password an admin chose (newsroomRoute refuses
  // them otherwise, as newsroomAction does).
  beforePasswordChange?: boolean;
};

type Ctx<P extends z.ZodType, I extends z.ZodType> = {
  request: Request;
  params: z.infer<P>;
  input: z.infer<I>;
  form: FormData | null;
};

const JSON_MAX_BYTES = 64 * 1024;

export function newsroomRoute<P extends z.ZodType = z.ZodUnknown, I extends z.ZodType = z.ZodUnknown>(
  spec: Spec<P, I>,
  handler: (user: User, ctx: Ctx<P, I>) => Promise<object | Response> | object | Response,
): RouteDoor {
  const run = async (facts: RequestFacts, request: Request, rawParams: Params = {}) =>
    answer(spec, async () => {
      const session = sessionStateFor(facts.claims);
      if (!('user' in session)) throw new ActionError(session.refused);
      const user = session.user;
      if (user.mustChangePassword && !spec.beforePasswordChange)
        throw new ActionError('password_change_required');
      if (!safeMethod(request) && !sameOrigin(facts)) throw new ActionError('cross_origin');
      const ctx = await admit(spec, request, rawParams);
      // A write that finds another process holding the lock waits for it without blocking.
      return whenWritable(() => handler(user, ctx));
    });
  return mark(
    async (request: Request, context: Context) =>
      run(factsOfHeaders(request.headers, await currentSessionClaims()), request, await context.params),
    'newsroom-route',
    run,
  );
}

// sameOrigin: false only for GET-like routes that must not read the request (cached pages,
// feeds: reading its headers would make Next render them per request).
export function publicRoute<P extends z.ZodType = z.ZodUnknown, I extends z.ZodType = z.ZodUnknown>(
  spec: Spec<P, I> & { sameOrigin?: boolean },
  handler: (ctx: Ctx<P, I>) => Promise<Response> | Response,
): RouteDoor {
  const run = async (facts: RequestFacts, request: Request, rawParams: Params = {}) =>
    answer(spec, async () => {
      if (spec.sameOrigin !== false && !safeMethod(request) && !sameOrigin(facts))
        throw new ActionError('cross_origin');
      const ctx =
        spec.sameOrigin === false
          ? await paramsOnly(spec, request, rawParams)
          : await admit(spec, request, rawParams);
      return safeMethod(request) ? handler(ctx) : whenWritable(() => handler(ctx));
    });
  return mark(
    async (request: Request, context: Context | undefined) => {
      const params = context ? await context.params : {};
      if (spec.sameOrigin === false) return run(NO_FACTS, request, params);
      return run(factsOfHeaders(request.headers, null), request, params);
    },
    'public-route',
    run,
  );
}

const NO_FACTS: RequestFacts = { claims: null, origin: null, host: null, fetchSite: null };

const safeMethod = (request: Request) => request.method === 'GET' || request.method === 'HEAD';

async function paramsOnly<P extends z.ZodType, I extends z.ZodType>(
  spec: Spec<P, I>,
  request: Request,
  rawParams: Params,
): Promise<Ctx<P, I>> {
  return { request, params: parseParams(spec, rawParams), input: undefined as z.infer<I>, form: null };
}

function parseParams<P extends z.ZodType, I extends z.ZodType>(
  spec: Spec<P, I>,
  rawParams: Params,
): z.infer<P> {
  if (!spec.params) return rawParams as z.infer<P>;
  const parsed = spec.params.safeParse(rawParams);
  if (!parsed.success) throw new ActionError('not_found');
  return parsed.data;
}

async function admit<P extends z.ZodType, I extends z.ZodType>(
  spec: Spec<P, I>,
  request: Request,
  rawParams: Params,
): Promise<Ctx<P, I>> {
  const params = parseParams(spec, rawParams);
  const body = spec.body ?? 'none';
  // As sent: a multipart boundary is case-sensitive.
  const type = request.headers.get('content-type') ?? '';
  const limit = spec.maxBytes ?? JSON_MAX_BYTES;
  let raw: unknown = Object.fromEntries(new URL(request.url).searchParams);
  let form: FormData | null = null;
  if (body === 'none') {
    const bytes = await readAtMost(request, 0);
    if (!bytes) throw new ActionError('too_large');
  } else {
    if (!acceptsType(body, type)) throw new ActionError('unsupported_media_type');
    if (Number(request.headers.get('content-length') ?? 0) > limit) throw new ActionError('too_large');
    const bytes = await readAtMost(request, limit);
    if (!bytes) throw new ActionError('too_large');
    // The body has been read; the handler gets the request back whole (next-auth reads it again).
    request = new NextRequest(request.url, { method: request.method, headers: request.headers, body: bytes });
    if (body === 'json') {
      try {
        raw = JSON.parse(await bytes.text());
      } catch {
        throw new ActionError('invalid_input');
      }
    } else {
      try {
        form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
      } catch {
        throw new ActionError('invalid_input');
      }
      raw = undefined;
    }
  }
  let input = raw as z.infer<I>;
  if (spec.input && raw !== undefined) {
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) throw new ActionError('invalid_input', fieldErrorsOf(parsed.error));
    input = parsed.data;
  }
  return { request, params, input, form };
}

function acceptsType(body: Exclude<Body, 'none'>, type: string): boolean {
  const essence = type.split(';')[0]!.trim().toLowerCase();
  if (body === 'json') return essence === 'application/json';
  if (body === 'multipart') return essence === 'multipart/form-data' && /;\s*boundary=/i.test(type);
  return essence === 'application/x-www-form-urlencoded' || essence === 'multipart/form-data';
}

// The body, or null when it is longer than `limit` bytes.
async function readAtMost(request: Request, limit: number): Promise<Blob | null> {
  if (!request.body) return new Blob([]);
  const reader = request.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return new Blob(chunks);
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
}

// Runs the handler and turns its result, or what it threw, into the response: JSON for data,
// the Arabic message and the status from HTTP_STATUS for a refusal, never a stack trace.
async function answer(
  spec: { messages?: Partial<Record<ErrorCode, string>> },
  work: () => Promise<object | Response>,
): Promise<Response> {
  try {
    const result = await work();
    if (result instanceof Response) return result;
    return json(200, { ok: true, ...result });
  } catch (error) {
    if (error instanceof ActionError) {
      const own = spec.messages?.[error.code];
      if (own) return json(HTTP_STATUS[error.code], { ok: false, code: error.code, message: own });
      return refusal(error.code, error.fieldErrors);
    }
    if (error instanceof ForbiddenError) return refusal('forbidden');
    if (error instanceof DatabaseBusyError) return refusal('busy');
    if (error instanceof z.ZodError) return refusal('invalid_input', fieldErrorsOf(error));
    if (error instanceof Refusal) return json(error.status, { ok: false, message: error.message });
    console.error('route handler failed', error);
    return refusal('server_error');
  }
}

export function refusal(code: ErrorCode, fieldErrors?: FieldErrors): Response {
  const message = fieldErrors
    ? (Object.values(fieldErrors)[0] ?? ERROR_MESSAGES[code])
    : ERROR_MESSAGES[code];
  return json(HTTP_STATUS[code], { ok: false, code, message, fieldErrors });
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'private, no-store' } });
}

// `[id]` in a route's path: a positive integer written the way the site writes it.
export const idParams = z.object({
  id: z.string().transform((segment, ctx) => {
    const id = parseId(segment);
    if (id === null) ctx.addIssue({ code: 'custom', message: 'not an id' });
    return id ?? 0;
  }),
});

// `[slug]` in a route's path, as Next hands it over (still percent-encoded or not).
export const slugParams = z.object({ slug: z.string().min(1).max(1000) });
