// npm run bench:sync: the sync engine against the sandbox's bench organisation (10,000 contacts,
// 50,000 invoices, 20,000 payments by default), over HTTP with xero-node, in this process's
// database (in-memory PGlite, or the PostgreSQL at DATABASE_URL). Prints `key: value` lines, each
// figure beside its floor, the summary last:
// - Xero calls of the first import, against ceil(n/1000) per paged resource (at least 1) + 1 per reference list, and
//   against the pages of what the time walk read (each page's last second is read again by the next query);
// - calls to push 1,000 won deals for new customers, against ceil(1000/50) contacts + ceil(1000/50) invoices;
// - wall times with the sandbox's limits lifted, beside the time Xero's 60-calls-a-minute alone would impose;
// - webhook-to-visible latency p50/p95 over 100 contact edits made in Xero;
// - a burst of 10,000 contacts changed in Xero at once: time until all are visible, and its calls beside the 60-a-minute floor;
// - an idle organisation's calls a day: one idle run of each scheduled pull times its runs a day (polling-plan.ts).
// Sizes: `npm run bench:sync -- --contacts 2000 --invoices 10000 --payments 4000 --deals 200 --changes 50 --burst 2000`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, isNotNull } from "drizzle-orm";
import { POST as webhookRoute } from "@/app/api/webhooks/xero/route";
import { ensureDatabaseReady, getDb } from "@/db";
import { customers, dealLines, deals, syncItems, xeroConnections } from "@/db/schema";
import { saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { enqueueSyncMany } from "@/lib/crm/outbox";
import { listStages } from "@/lib/crm/pipeline-stages";
import { getEnv, overrideEnvForTests } from "@/lib/env";
import { drainOutbox } from "@/lib/sync/drain-outbox";
import { idleCallsPerDay, NIGHTLY_CONNECTION_CHECK_CALLS } from "@/lib/sync/pull/polling-plan";
import { ALL_RESOURCES, PAGE_SIZE, pullResources, type PullResource } from "@/lib/sync/pull/pull-resources";
import { makeOrg } from "@/test/factories";
import { connectThroughSandbox } from "@/test/xero-app-sandbox";
import { BENCH_TENANT, startXeroSandbox } from "@/xero-sandbox";
import { benchSizes } from "./bench-args";

const sizes = benchSizes({ contacts: 10_000, invoices: 50_000, payments: 20_000, deals: 1000, changes: 100, burst: 10_000 });

await ensureDatabaseReady();
const db = getDb();
const sandbox = await startXeroSandbox({ seed: "bench", bench: { contacts: sizes.contacts, invoices: sizes.invoices, payments: sizes.payments } });
const { xero } = getEnv();
overrideEnvForTests({ xero: { kind: "sandbox", url: sandbox.url, clientId: xero.clientId, clientSecret: xero.clientSecret, startSandbox: null }, xeroLimits: { concurrent: 5, perMinute: 1_000_000, perDay: 10_000_000 } });
sandbox.control.setLimits({ perMinute: 1_000_000, perDay: 10_000_000, concurrent: 5 });

const ctx = await makeOrg(db);
const orgId = ctx.org.id;
// One live organisation per Xero organisation: a previous run's bench organisation lets go of the bench tenant.
await db.update(xeroConnections).set({ status: "disconnected" }).where(eq(xeroConnections.xeroTenantId, BENCH_TENANT));
await connectThroughSandbox(db, ctx, BENCH_TENANT);
const calls = (filter: (r: { method: string; path: string }) => boolean = () => true) => sandbox.control.requests({ tenantId: BENCH_TENANT }).filter(filter).length;
/** Where the run is, on stderr: the figures stay the only lines on stdout. */
const progress = (stage: string) => process.stderr.write(`[bench:sync ${new Date().toISOString()}] ${stage}\n`);
const limitFloorSeconds = (n: number) => Math.floor(Math.max(0, n - 1) / 60) * 60;

// Baseline in the same run: the cheapest round trip, one small reference list fetched and mirrored.
const pageStart = performance.now();
await pullResources(db, orgId, ["currencies"], { mode: "full", trigger: "initial" });
const trivialMs = performance.now() - pageStart;

// 1. The first import.
progress("first import");
const before = calls();
const importStart = performance.now();
const counts = await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
const importMs = performance.now() - importStart;
const importCalls = calls() - before;
// A paged resource costs one call even when empty (the bench books have no credit notes, overpayments or prepayments): that is how one learns it is.
const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));
const importFloor = pages(sizes.contacts) + pages(sizes.invoices) + pages(sizes.payments) + pages(0) + pages(0) + pages(0) + 5;
const imported = await db.$count(customers, eq(customers.orgId, orgId));
// The walk goes by time (a record changed mid-walk is never skipped), so each page's last second is read
// again by the next query: the calls those reads need, beside the floor of reading every record once.
const pagedRead = { contacts: counts.contacts, invoices: counts.invoices, payments: counts.payments };
const readTwice = pagedRead.contacts - sizes.contacts + (pagedRead.invoices - sizes.invoices) + (pagedRead.payments - sizes.payments);
const floorForReads = pages(pagedRead.contacts) + pages(pagedRead.invoices) + pages(pagedRead.payments) + pages(0) + pages(0) + pages(0) + 5;

// 2. 1,000 won deals for new customers, pushed.
progress("push of won deals");
const actor = actorFromContext(ctx);
await saveInvoiceSettings(db, orgId, { invoiceOnWin: true, triggerStageId: null, status: "DRAFT", sendToCustomer: false, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [], paymentTermDays: null });
const won = (await listStages(db, orgId)).find((s) => s.kind === "won")!;
const newCustomers = await db
  .insert(customers)
  .values(Array.from({ length: sizes.deals }, (_, i) => ({ orgId, name: `Bench Buyer ${i}`, email: `buyer${i}@bench.test`, ownerId: actor.userId })))
  .returning({ id: customers.id });
const newDeals = [];
for (let i = 0; i < newCustomers.length; i += 500) {
  newDeals.push(
    ...(await db
      .insert(deals)
      .values(newCustomers.slice(i, i + 500).map((c, j) => ({ orgId, title: `Bench deal ${i + j}`, customerId: c.id, stageId: won.id, currency: "USD", amount: "100.00", wonAt: new Date(), ownerId: actor.userId })))
      .returning({ id: deals.id })),
  );
}
for (let i = 0; i < newDeals.length; i += 500) {
  await db.insert(dealLines).values(newDeals.slice(i, i + 500).map((d) => ({ orgId, dealId: d.id, description: "Services", quantity: "1", unitPrice: "100.00", discountPercent: "0", lineAmount: "100.00", position: 0 })));
}
await enqueueSyncMany(db, orgId, "customer", newCustomers.map((c) => c.id), "upsert");
await enqueueSyncMany(db, orgId, "deal", newDeals.map((d) => d.id), "upsert");
const pushBefore = calls();
const pushStart = performance.now();
for (let round = 0; round < 500; round++) {
  const outcome = await drainOutbox(db, orgId, "push", 50);
  if (outcome.kind === "done") break;
  if (outcome.kind === "paused") throw new Error(`push paused: ${outcome.reason}`);
  if (outcome.kind === "wait") await new Promise((r) => setTimeout(r, outcome.seconds * 1000));
}
const pushMs = performance.now() - pushStart;
const pushCalls = calls() - pushBefore;
const pushFloor = Math.ceil(sizes.deals / 50) * 2;
const invoiced = await db.$count(deals, and(eq(deals.orgId, orgId), eq(deals.stageId, won.id), isNotNull(deals.xeroInvoiceId)));
const unsent = await db.$count(syncItems, and(eq(syncItems.orgId, orgId), eq(syncItems.status, "failed")));
const inXero = [...sandbox.sandbox.org(BENCH_TENANT)!.invoices.values()].filter((i) => i.Reference?.includes("[lb:")).length;

// 3. Webhook to visible: a contact edited in Xero until the portal's customer shows it.
progress("webhook latency");
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const answer = await webhookRoute(new Request("http://localhost/api/webhooks/xero", { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }));
  res.writeHead(answer.status).end();
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
sandbox.control.setWebhook(xero.clientId, `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/xero`, getEnv().xeroWebhookKey);
const linked = await db.select({ id: customers.id, contact: customers.xeroContactId }).from(customers).where(eq(customers.orgId, orgId)).limit(sizes.changes);
const latencies: number[] = [];
for (const [i, c] of linked.entries()) {
  const phone = `+1 555 ${String(9000 + i)}`;
  const started = performance.now();
  sandbox.control.editContact(BENCH_TENANT, c.contact!, { phone });
  for (;;) {
    const [row] = await db.select({ phone: customers.phone }).from(customers).where(eq(customers.id, c.id));
    if (row.phone === phone) break;
    if (performance.now() - started > 30_000) throw new Error("a webhook change did not arrive within 30 s");
    await new Promise((r) => setTimeout(r, 10));
  }
  latencies.push(performance.now() - started);
}
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];

progress("webhook burst");
// 4. A burst: `burst` contacts changed in Xero at once (a bulk edit, an import), delivered by webhook, until every customer shows it.
const burstContacts = await db.select({ id: customers.id, contact: customers.xeroContactId }).from(customers).where(and(eq(customers.orgId, orgId), isNotNull(customers.xeroContactId))).limit(sizes.burst);
const burstStart = performance.now();
const burstCallsBefore = calls();
for (const c of burstContacts) sandbox.control.editContact(BENCH_TENANT, c.contact!, { phone: "+1 555 0000" });
for (;;) {
  const seen = await db.$count(customers, and(eq(customers.orgId, orgId), eq(customers.phone, "+1 555 0000")));
  if (seen >= burstContacts.length) break;
  if (performance.now() - burstStart > 20 * 60_000) throw new Error(`the burst did not arrive within 20 minutes (${seen} of ${burstContacts.length})`);
  await new Promise((r) => setTimeout(r, 250));
}
const burstMs = performance.now() - burstStart;
const burstCalls = calls() - burstCallsBefore;
server.close();

progress("idle organisation");
// 5. An idle organisation's day: the calls of one idle run of each scheduled pull, times its runs a day.
const idle = sandbox.control.addOrganisation({ name: "Bench Idle Books", seed: "demo", country: "US" });
const idleCtx = await makeOrg(db);
await connectThroughSandbox(db, idleCtx, idle.tenantId);
await pullResources(db, idleCtx.org.id, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
const idleCalls = async (resources: readonly PullResource[], mode: "incremental" | "full") => {
  const at = sandbox.control.requests({ tenantId: idle.tenantId }).length;
  await pullResources(db, idleCtx.org.id, resources, { mode, trigger: "schedule" });
  return sandbox.control.requests({ tenantId: idle.tenantId }).length - at;
};
const idleRun = { paged: await idleCalls(["contacts", "invoices", "payments", "credit_notes"], "incremental"), cashCredits: await idleCalls(["overpayments", "prepayments"], "incremental"), reference: await idleCalls(["organisation", "currencies", "tax_rates", "accounts"], "incremental"), items: await idleCalls(["items"], "incremental"), reconcile: await idleCalls(ALL_RESOURCES, "full") };
const idlePerDay = idleCallsPerDay(idleRun);
await sandbox.close();

const s = (ms: number) => (ms / 1000).toFixed(1);
console.log(`database: ${getEnv().database.driver}`);
console.log(`xero_records: ${sizes.contacts} contacts, ${sizes.invoices} invoices, ${sizes.payments} payments`);
console.log(`baseline_reference_list_pull_ms: ${trivialMs.toFixed(0)}`);
console.log(`import_calls: ${importCalls}`);
console.log(`import_calls_floor: ${importFloor}`);
console.log(`import_records_read_twice: ${readTwice}`);
console.log(`import_calls_floor_for_records_read: ${floorForReads}`);
console.log(`import_records: contacts ${counts.contacts}, invoices ${counts.invoices}, payments ${counts.payments}; crm_customers ${imported}`);
console.log(`import_wall_seconds_limits_lifted: ${s(importMs)}`);
console.log(`import_seconds_imposed_by_60_per_minute: ${limitFloorSeconds(importCalls)}`);
console.log(`push_deals: ${sizes.deals} won deals for new customers (invoices in Xero ${inXero}, deals linked to them ${invoiced}, failed ${unsent})`);
console.log(`push_calls: ${pushCalls}`);
console.log(`push_calls_floor: ${pushFloor}`);
console.log(`push_wall_seconds_limits_lifted: ${s(pushMs)}`);
console.log(`push_seconds_imposed_by_60_per_minute: ${limitFloorSeconds(pushCalls)}`);
console.log(`webhook_to_visible_p50_ms: ${pct(50).toFixed(0)}`);
console.log(`webhook_to_visible_p95_ms: ${pct(95).toFixed(0)}`);
console.log(`webhook_changes: ${latencies.length}`);
console.log(`webhook_burst_${burstContacts.length}_s: ${s(burstMs)}`);
console.log(`webhook_burst_calls: ${burstCalls}`);
console.log(`webhook_burst_seconds_imposed_by_60_per_minute: ${limitFloorSeconds(burstCalls)}`);
console.log(`idle_calls_per_run: lists ${idleRun.paged}, cash credits ${idleRun.cashCredits}, settings ${idleRun.reference}, items ${idleRun.items}, nightly reconcile ${idleRun.reconcile}, nightly /connections check ${NIGHTLY_CONNECTION_CHECK_CALLS}`);
console.log(`idle_calls_per_day: ${idlePerDay}`);
console.log(
  `summary: import ${importCalls} calls (floor ${importFloor}, ${(((importCalls - importFloor) / importFloor) * 100).toFixed(1)}% over; ${floorForReads} for the ${readTwice} boundary re-reads of the time walk) in ${s(importMs)} s; push ${pushCalls} calls (floor ${pushFloor}) in ${s(pushMs)} s; webhook p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms; burst of ${burstContacts.length} in ${s(burstMs)} s; idle ${idlePerDay} calls a day`,
);
process.exit(0);
