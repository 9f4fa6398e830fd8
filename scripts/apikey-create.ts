// Makes an API key from the command line (the operator of the machine needs no one's permission;
// the owner's role still bounds the key):
//   npm run apikey:create -- --name "تطبيق الهاتف" --scope content:read --owner chief@example.org
// --scope may be repeated or comma-separated. The key is printed once, alone on the last line,
// and stored only as its SHA-256.
import { parseArgs } from 'node:util';
import { db } from '@/db';
import { migrateDatabase } from '@/db/connection';
import { createApiKey } from '@/lib/platform/keys';
import { ActionError } from '@/lib/shared/errors';
import { API_SCOPES, type ApiScope } from '@/lib/shared/permissions';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    scope: { type: 'string', multiple: true },
    owner: { type: 'string' },
    rate: { type: 'string' },
  },
});

const scopes = (values.scope ?? [])
  .flatMap((s) => s.split(','))
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
if (!values.name || !values.owner || scopes.length === 0 || unknown.length > 0) {
  console.error(
    `usage: npm run apikey:create -- --name <name> --scope <${API_SCOPES.join('|')}> [--scope …] --owner <email> [--rate <per minute>]`,
  );
  if (unknown.length > 0) console.error(`unknown scope: ${unknown.join(', ')}`);
  process.exit(2);
}

migrateDatabase(db);
try {
  const created = createApiKey(null, {
    name: values.name,
    scopes: scopes as ApiScope[],
    ownerEmail: values.owner,
    ...(values.rate ? { ratePerMinute: Math.max(1, Number(values.rate) || 600) } : {}),
  });
  console.log(`created key ${created.prefix}… (id ${created.id}) for ${values.owner}: ${scopes.join(', ')}`);
  console.log(created.key);
} catch (error) {
  if (error instanceof ActionError) {
    console.error(Object.values(error.fieldErrors ?? {}).join('\n') || error.code);
    process.exit(2);
  }
  throw error;
} finally {
  db.$client.close();
}
