import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema files and committed; they are applied by
// `npm run db:migrate` (or automatically on the embedded default's first start).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
});
