import { defineConfig } from 'drizzle-kit';

// PostgreSQL's migrations (docs/decisions/postgres.md): `npm run db:generate:pg` after a change to
// db/pg-schema.ts; hand-written SQL for what Drizzle cannot say (drizzle/pg/0001).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg-schema.ts',
  out: './drizzle/pg',
});
