// Makes an account from the command line, e.g. the first admin of an empty newsroom:
//   npm run user:create -- --email chief@example.org --name "رئيسة التحرير" --role admin
// The password is read from NEWSROOM_USER_PASSWORD or, if unset, from standard input.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { db } from '@/db';
import { migrateDatabase } from '@/db/connection';
import { createUser, findUserByEmail } from '@/lib/auth/users';
import { newUserInput } from '@/lib/shared/validation/article';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', default: 'admin' },
  },
});

async function readPassword(): Promise<string> {
  if (process.env.NEWSROOM_USER_PASSWORD) return process.env.NEWSROOM_USER_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question('كلمة المرور (10 أحرف على الأقل): ');
  rl.close();
  return answer;
}

migrateDatabase(db);
const parsed = newUserInput.safeParse({ ...values, password: await readPassword() });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
if (findUserByEmail(parsed.data.email)) {
  console.error(`an account with ${parsed.data.email} already exists`);
  process.exit(2);
}
const user = await createUser(parsed.data);
console.log(`created ${user.role} ${user.email} (id ${user.id})`);
db.$client.close();
