import { defineConfig } from 'drizzle-kit';

// PostgreSQL's migrations (docs/decisions/postgres.md): `npx drizzle-kit generate --config
// drizzle-pg.config.ts`, then hand-written SQL for what Drizzle cannot say (drizzle/pg/0001).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg-schema.ts',
  out: './drizzle/pg',
});
