// Seeds the demo organisation (idempotent). Refused in production: demo users have a public password.
import { closeDb, ensureDatabaseReady, getDb } from "@/db";
import { demoCredentialsText, seedDemo } from "@/scripts/seed/demo-seed";
import { getEnv } from "@/lib/env";

const env = getEnv();
if (env.mode === "production") {
  console.error("db:seed refuses to run in production: the demo users' password is published in README.md.");
  process.exit(1);
}
await ensureDatabaseReady();
const { created } = await seedDemo(getDb());
console.log(created ? "Demo data created." : "Demo data was already there; nothing changed.");
console.log(demoCredentialsText(env.appUrl));
await closeDb();
