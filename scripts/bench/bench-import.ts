// npm run bench:import: imports a generated 10,000-row customer CSV through the real import path
// (parse, validate, match, write, outbox) and prints rows per second, against the write floor
// measured in the same run: the same rows as bare multi-row INSERTs. Prints `key: value` lines.
// The npm script runs it in test mode: in-memory PGlite, or the PostgreSQL at DATABASE_URL.
// Size: `npm run bench:import -- --rows 20000`.
import { closeDb, ensureDatabaseReady, getDb } from "@/db";
import { customers } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createImportJob, queueImport } from "@/lib/crm/import/import-jobs";
import { runImport } from "@/lib/crm/import/run-import";
import { getEnv } from "@/lib/env";
import { makeOrg } from "@/test/factories";
import { benchSizes } from "./bench-args";

const { rows: ROWS } = benchSizes({ rows: 10_000 });
const COUNTRIES = ["US", "GB", "NZ", "AU", "DE"];
const SOURCES = ["Referral", "Website", "Google Ads", "LinkedIn", "Event"];

function generateCsv(rows: number, termDays: number): string {
  const lines = ["Record ID,Company Name,Email Address,Phone,Street,City,State,Zip,Country,Lead Source,Payment Terms,Tags"];
  for (let i = 0; i < rows; i++) {
    lines.push([`crm-${i}`, `"Customer ${i}, Inc."`, `billing${i}@customer${i}.test`, `+1 555 ${String(i).padStart(4, "0")}`, `${i} Main St`, "Springfield", "IL", "62701", COUNTRIES[i % 5], SOURCES[i % 5], termDays, "imported;bench"].join(","));
  }
  return lines.join("\n");
}

await ensureDatabaseReady();
const db = getDb();

// Baseline: the same number of rows as bare INSERTs in 500-row statements, no validation or outbox.
const floorOrg = await makeOrg(db);
const floorStart = performance.now();
for (let i = 0; i < ROWS; i += 500) {
  await db.insert(customers).values(Array.from({ length: Math.min(500, ROWS - i) }, (_, j) => ({ orgId: floorOrg.org.id, name: `Floor ${i + j}`, email: `f${i + j}@floor.test`, externalId: `f-${i + j}` })));
}
const floorMs = performance.now() - floorStart;

const ctx = await makeOrg(db);
const actor = actorFromContext(ctx, "import");
async function timedImport(text: string) {
  const start = performance.now();
  const job = await createImportJob(db, actor, { type: "customers", fileName: "bench.csv", text });
  await queueImport(db, actor, job.id, "valid_only");
  const done = await runImport(db, job.id);
  return { ms: performance.now() - start, done };
}

const csv = generateCsv(ROWS, 30);
const first = await timedImport(csv);
if (first.done.status !== "done" || first.done.createdCount !== ROWS) throw new Error(`first import: ${first.done.status}, ${first.done.createdCount} created, ${first.done.rejectedRows.length} rejected`);
const again = await timedImport(generateCsv(ROWS, 45));
if (again.done.updatedCount !== ROWS) throw new Error(`re-import updated ${again.done.updatedCount}, expected ${ROWS}`);

const perSecond = (ms: number) => Math.round((ROWS / ms) * 1000);
console.log(`database: ${getEnv().database.driver}`);
console.log(`rows: ${ROWS}`);
console.log(`csv_bytes: ${Buffer.byteLength(csv)}`);
console.log(`baseline_bare_insert_ms: ${floorMs.toFixed(0)}`);
console.log(`baseline_bare_insert_rows_per_second: ${perSecond(floorMs)}`);
console.log(`import_create_ms: ${first.ms.toFixed(0)}`);
console.log(`import_create_rows_per_second: ${perSecond(first.ms)}`);
console.log(`import_update_ms: ${again.ms.toFixed(0)}`);
console.log(`import_update_rows_per_second: ${perSecond(again.ms)}`);
console.log(`create_vs_bare_insert: ${(first.ms / floorMs).toFixed(1)}x`);
console.log(`summary: ${ROWS} customers imported at ${perSecond(first.ms)} rows/s (${(first.ms / floorMs).toFixed(1)}x the bare-insert floor), re-imported as updates at ${perSecond(again.ms)} rows/s`);
await closeDb();
