// npm run admin:token -- --email <platform admin email> [--name <what the token is for>]
// Makes an admin API token for a platform admin and prints it as the last line (shown once, stored hashed).
// On a fresh clone it migrates the database and, for the demo admin (admin@ledgerbridge.test), seeds the demo.
// With the embedded database, stop the portal first: one process at a time may open its data folder.
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { closeDb, ensureDatabaseReady, getDb } from "@/db";
import { users } from "@/db/schema";
import { createAdminToken } from "@/lib/admin/admin-tokens";
import { auditAdminAction } from "@/lib/admin/admin-audit";
import { getEnv } from "@/lib/env";
import { DEMO_ADMIN, seedDemo } from "@/scripts/seed/demo-seed";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true });
const email = values.email?.trim().toLowerCase();
if (!email) {
  console.error("Usage: npm run admin:token -- --email <platform admin email> [--name <what the token is for>]");
  process.exit(2);
}
await ensureDatabaseReady();
const db = getDb();
const find = async () => (await db.select().from(users).where(eq(sql`lower(${users.email})`, email)))[0];
let user = await find();
if (!user && email === DEMO_ADMIN.email && getEnv().mode !== "production") {
  await seedDemo(db);
  user = await find();
}
if (!user) {
  console.error(`No user with the email ${email}. Platform admins are users with is_platform_admin set (the demo's is ${DEMO_ADMIN.email}).`);
  await closeDb();
  process.exit(1);
}
if (!user.isPlatformAdmin) {
  console.error(`${email} is not a platform admin: admin tokens are only for platform admins.`);
  await closeDb();
  process.exit(1);
}
const made = await createAdminToken(db, user.id, { name: values.name ?? `CLI ${new Date().toISOString().slice(0, 10)}` });
await auditAdminAction(db, { userId: user.id, actor: user.email, via: "cli", action: "token.create", status: 201, details: { prefix: made.prefix } });
await closeDb();
console.log(`Admin token for ${user.email} (shown once; revoke it on /admin/tokens). Use it as: Authorization: Bearer <token>`);
console.log(made.token);
