import type { User } from '@/db/schema';
import { createApiKey } from '@/lib/platform/keys';
import type { ApiScope } from '@/lib/shared/permissions';

// A key owned by `owner` with these scopes, made as an admin would make it on التكاملات.
export function createKeyFor(owner: User, scopes: ApiScope[], ratePerMinute = 100_000): string {
  return createApiKey(null, { name: `مفتاح ${scopes.join(' ')}`, scopes, ownerId: owner.id, ratePerMinute })
    .key;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

// A request to a route handler as Next would hand it over, with the key as a bearer token.
export async function call(
  handler: unknown,
  {
    method = 'GET',
    path = '/api/v1/x',
    key,
    params = {},
    json,
    body,
    headers = {},
  }: {
    method?: string;
    path?: string;
    key?: string;
    params?: Record<string, string>;
    json?: unknown;
    body?: BodyInit;
    headers?: Record<string, string>;
  } = {},
): Promise<Response> {
  const h: Record<string, string> = { ...headers };
  if (key) h.authorization = `Bearer ${key}`;
  if (json !== undefined) h['content-type'] ??= 'application/json';
  const request = new Request(`http://127.0.0.1${path}`, {
    method,
    headers: h,
    body: json !== undefined ? JSON.stringify(json) : body,
  });
  return (handler as Handler)(request, { params: Promise.resolve(params) });
}
