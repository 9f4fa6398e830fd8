import type { User } from '@/db/schema';
import { createApiKey } from '@/lib/platform/keys';
import type { ApiScope } from '@/lib/shared/permissions';

// A key owned by `owner` with these scopes, made as an admin would make it on التكاملات.
export function createKeyFor(owner: User, scopes: ApiScope[], ratePerMinute = 100_000): string {
  return createApiKey(null, { name: `مفتاح ${scopes.join(' ')}`, scopes, ownerId: owner.id, ratePerMinute })
    .key;
}
