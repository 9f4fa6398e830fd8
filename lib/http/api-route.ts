import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DatabaseBusyError, whenWritable } from '@/db/write-lock';
import { mark, type RequestFacts } from '@/lib/http/door';
import type { RouteDoor } from '@/lib/http/route';
import { callerOfKey, countRequest, type ApiCaller } from '@/lib/platform/keys';
import { ActionError, Refusal } from '@/lib/shared/errors';
import { ForbiddenError, keyMay, type ApiOperation } from '@/lib/shared/permissions';
import {
  problem,
  problemOfErrorCode,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type ProblemType,
} from '@/lib/shared/problem';

// The API's door (/api/v1, docs/api.md), twin of newsroomRoute: key → rate limit → scope and
// owner's role (lib/shared/permissions.ts keyMay) → content type and size → zod → handler, whose
// query asks the article table with the key's owner as actor inside its write transaction, as
// the UI's doors do. Every refusal is an RFC 9457 problem (lib/shared/problem.ts), never a 500 for
// bad input. No cookies are read: a browser's session cannot reach the API by accident, so there
// is no origin to check.

type Params = Record<string, string | string[] | undefined>;
type Context = { params: Promise<Params> };

export type ApiSpec<P extends z.ZodType, Q extends z.ZodType, I extends z.ZodType> = {
  operation: ApiOperation;
  body?: 'none' | 'json' | 'multipart';
  maxBytes?: number;
  params?: P;
  query?: Q;
  input?: I;
};

export type ApiCtx<P extends z.ZodType, Q extends z.ZodType, I extends z.ZodType> = {
  request: Request;
  params: z.infer<P>;
  query: z.infer<Q>;
  input: z.infer<I>;
  form: FormData | null;
};

export class ProblemError extends Error {
  constructor(
    readonly type: ProblemType,
    readonly detail?: string,
    readonly errors?: Record<string, string>,
    readonly headers: Record<string, string> = {},
  ) {
    super(type);
    this.name = 'ProblemError';
  }
}

const JSON_MAX_BYTES = 256 * 1024;

export function apiRoute<
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  I extends z.ZodType = z.ZodUnknown,
>(
  spec: ApiSpec<P, Q, I>,
  handler: (caller: ApiCaller, ctx: ApiCtx<P, Q, I>) => Promise<object | Response> | object | Response,
): RouteDoor {
  const run = async (_facts: RequestFacts, request: Request, rawParams: Params = {}) => {
    try {
      const caller = await admitKey(request, spec.operation);
      const ctx = await admit(spec, request, rawParams);
      const safe = request.method === 'GET' || request.method === 'HEAD';
      const result = await (safe ? handler(caller, ctx) : whenWritable(() => handler(caller, ctx)));
      if (result instanceof Response) return result;
      return Response.json(result, { status: request.method === 'POST' ? 201 : 200, headers: NO_STORE });
    } catch (error) {
      return problemResponse(toProblem(error), error instanceof ProblemError ? error.headers : {});
    }
  };
  return mark(
    async (request: Request, context: Context | undefined) =>
      run(NO_FACTS, request, context ? await context.params : {}),
    'api-route',
    run,
  );
}

const NO_FACTS: RequestFacts = { claims: null, origin: null, host: null, fetchSite: null };
const NO_STORE = { 'Cache-Control': 'private, no-store' };

async function admitKey(request: Request, operation: ApiOperation): Promise<ApiCaller> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const challenge = { 'WWW-Authenticate': 'Bearer realm="newsroom"' };
  if (!match) throw new ProblemError('missing-key', undefined, undefined, challenge);
  const caller = callerOfKey(match[1]!);
  if (!caller) throw new ProblemError('invalid-key', undefined, undefined, challenge);
  const verdict = await whenWritable(() => countRequest(caller));
  if (!verdict.allowed)
    throw new ProblemError('rate-limited', undefined, undefined, {
      'Retry-After': String(verdict.retryAfterSeconds),
    });
  if (!keyMay({ scopes: caller.scopes, owner: caller.owner }, operation))
    throw new ProblemError('insufficient-scope', `operation: ${operation}`);
  return caller;
}

async function admit<P extends z.ZodType, Q extends z.ZodType, I extends z.ZodType>(
  spec: ApiSpec<P, Q, I>,
  request: Request,
  rawParams: Params,
): Promise<ApiCtx<P, Q, I>> {
  let params = rawParams as z.infer<P>;
  if (spec.params) {
    const parsed = spec.params.safeParse(rawParams);
    if (!parsed.success) throw new ProblemError('not-found');
    params = parsed.data;
  }
  let query = undefined as z.infer<Q>;
  if (spec.query) {
    const parsed = spec.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new ProblemError('invalid-parameters', undefined, issuesOf(parsed.error));
    query = parsed.data;
  }
  const body = spec.body ?? 'none';
  let input = undefined as z.infer<I>;
  let form: FormData | null = null;
  if (body !== 'none') {
    const type = request.headers.get('content-type') ?? '';
    const essence = type.split(';')[0]!.trim().toLowerCase();
    const wanted = body === 'json' ? 'application/json' : 'multipart/form-data';
    if (essence !== wanted) throw new ProblemError('unsupported-media-type', `Content-Type: ${wanted}`);
    const limit = spec.maxBytes ?? JSON_MAX_BYTES;
    if (Number(request.headers.get('content-length') ?? 0) > limit) throw new ProblemError('too-large');
    const bytes = await readAtMost(request, limit);
    if (!bytes) throw new ProblemError('too-large');
    if (body === 'json') {
      let raw: unknown;
      try {
        raw = JSON.parse(await bytes.text());
      } catch {
        throw new ProblemError('malformed-json');
      }
      if (spec.input) {
        const parsed = spec.input.safeParse(raw);
        if (!parsed.success) throw new ProblemError('validation-failed', undefined, issuesOf(parsed.error));
        input = parsed.data;
      } else input = raw as z.infer<I>;
    } else {
      try {
        form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
      } catch {
        throw new ProblemError('validation-failed');
      }
    }
  }
  return { request, params, query, input, form };
}

// Every issue by its path ("changes.headline"), first message each.
function issuesOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const keys =
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) {
      const field = path.map(String).join('.') || 'body';
      out[field] ??= issue.code === 'unrecognized_keys' ? 'حقل غير معروف' : issue.message;
    }
  }
  return out;
}

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

// An upload's refusals by their status: too large, or (nothing wrong with the request) a picture
// store that did not answer; any other is a request the newsroom cannot take.
const REFUSAL_PROBLEMS: Partial<Record<number, ProblemType>> = { 413: 'too-large', 503: 'busy' };

function toProblem(error: unknown): Problem {
  if (error instanceof ProblemError) return problem(error.type, error.detail, error.errors);
  if (error instanceof ActionError) return problemOfErrorCode(error.code, error.fieldErrors);
  if (error instanceof ForbiddenError) return problem('forbidden');
  if (error instanceof DatabaseBusyError) return problem('busy');
  if (error instanceof z.ZodError) return problem('validation-failed', undefined, issuesOf(error));
  if (error instanceof Refusal)
    return problem(REFUSAL_PROBLEMS[error.status] ?? 'validation-failed', error.message);
  console.error('api handler failed', error);
  return problem('server-error');
}

export function problemResponse(body: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...NO_STORE, ...headers },
  });
}

// A cacheable read: a strong ETag of the bytes, 304 to a matching If-None-Match, the reader
// pages' Cache-Control and Surrogate-Key names (so a publication's purge reaches API answers too).
export function cacheableAnswer(
  request: Request,
  body: unknown,
  {
    cacheControl,
    surrogateKeys,
    contentType = 'application/json; charset=utf-8',
  }: {
    cacheControl: string;
    surrogateKeys: readonly string[];
    contentType?: string;
  },
): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': cacheControl,
    'Surrogate-Key': [...new Set(surrogateKeys)].join(' '),
    Vary: 'Accept, Authorization',
  };
  const match = request.headers.get('if-none-match');
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    return new Response(null, { status: 304, headers });
  return new Response(text, { status: 200, headers: { ...headers, 'Content-Type': contentType } });
}
