import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL migrations (drizzle-pg/), generated from db/schema-pg.ts (derived from db/schema.ts). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-pg.ts',
  out: './drizzle-pg',
  strict: true,
});
