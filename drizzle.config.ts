import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // The platform's tables, and each capability module's own.
  schema: ['./src/db/schema.ts', './src/modules/*/*-schema.ts'],
  out: './drizzle',
});
