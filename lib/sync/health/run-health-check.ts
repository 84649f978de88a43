import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Invoice } from "xero-node";
import type { Db } from "@/db";
import { healthChecks, organizations, syncItems, xeroConnections, xeroContacts, xeroInvoices } from "@/db/schema";
import { raiseAlert } from "@/lib/alerts/raise-alert";
import { dataHealthReport } from "@/lib/crm/data-health";
import { toCents } from "@/lib/crm/money";
import { leakageReport } from "@/lib/reports/leakage-report";
import { reportScope } from "@/lib/reports/report-scope";
import { callXero } from "@/lib/xero/call-xero";
import { toXeroError } from "@/lib/xero/xero-error";
import { SYNC_TYPES } from "../sync-types";
import { money2, ymd } from "../xero-values";

/** Invoices the spot check reads afresh from Xero each time. */
export const SPOT_CHECKS = 3;
/** Rows a list of the report names before it only counts. */
const LIST_LIMIT = 50;

export interface SpotCheck {
  invoiceNumber: string | null;
  xeroInvoiceId: string;
  matches: boolean;
  differences: { field: string; ours: string | null; xero: string | null }[];
}

export interface HealthCheckReport {
  ranAt: string;
  failingRecords: { syncType: string; recordId: string; message: string | null; since: string }[];
  duplicates: { side: "crm" | "xero"; reason: string; records: { id: string; name: string }[] }[];
  wonWithoutInvoice: { dealId: string; title: string; amount: string; currency: string }[];
  unmappedProducts: { id: string; code: string; name: string; missing: string[] }[];
  customersMissingDetails: { id: string; name: string; missing: string[] }[];
  spotChecks: SpotCheck[];
  /** Why there is no spot check (Xero not connected, or it did not answer). */
  spotCheckNote: string | null;
}

const syncTypeOfEntity = (entity: string) => SYNC_TYPES.find((t) => (t.entities as readonly string[]).includes(entity))?.syncType ?? entity;

/**
 * The data health check: records stuck failing, duplicates on either side (customers here, contacts
 * in Xero), won deals without an invoice, products without a mapping, customers missing an email or
 * an address, and a spot check of three random approved invoices compared field by field with a
 * fresh read from Xero (one call, not the mirror). Kept dated, posted to the notification centre
 * and emailed to finance with a link to it.
 */
export async function runHealthCheck(db: Db, orgId: string, trigger: "monthly" | "portal" | "api", now = new Date()): Promise<HealthCheckReport & { id: string }> {
  const [failing, data, leakage, xeroDuplicates, spot] = await Promise.all([
    db
      .select({ entityType: syncItems.entityType, entityId: syncItems.entityId, message: syncItems.lastErrorMessage, since: syncItems.updatedAt })
      .from(syncItems)
      .where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "failed")))
      .orderBy(desc(syncItems.updatedAt))
      .limit(LIST_LIMIT),
    dataHealthReport(db, orgId),
    reportScope(db, { orgId, canSeeAmounts: true }, now).then((scope) => leakageReport(db, scope)),
    duplicateXeroContacts(db, orgId),
    spotCheck(db, orgId),
  ]);
  const missing = new Map<string, { id: string; name: string; missing: string[] }>();
  for (const c of data.missingEmail) missing.set(c.id, { ...c, missing: ["email"] });
  for (const c of data.missingAddress) missing.set(c.id, { ...c, missing: [...(missing.get(c.id)?.missing ?? []), "address"] });
  const report: HealthCheckReport = {
    ranAt: now.toISOString(),
    failingRecords: failing.map((f) => ({ syncType: syncTypeOfEntity(f.entityType), recordId: f.entityId, message: f.message, since: f.since.toISOString() })),
    duplicates: [...data.duplicates.map((d) => ({ side: "crm" as const, reason: d.reason, records: d.customers.map((c) => ({ id: c.id, name: c.name })) })), ...xeroDuplicates].slice(0, LIST_LIMIT),
    wonWithoutInvoice: leakage.rows.filter((r) => r.kind === "no_invoice" && r.dealId).map((r) => ({ dealId: r.dealId!, title: r.dealTitle, amount: r.amount, currency: r.currency })).slice(0, LIST_LIMIT),
    unmappedProducts: data.unmappedProducts.slice(0, LIST_LIMIT),
    customersMissingDetails: [...missing.values()].slice(0, LIST_LIMIT),
    spotChecks: spot.checks,
    spotCheckNote: spot.note,
  };
  const [row] = await db.insert(healthChecks).values({ orgId, ranAt: now, trigger, report: report as unknown as Record<string, unknown> }).returning({ id: healthChecks.id });
  await announce(db, orgId, report);
  return { ...report, id: row.id };
}

/** Active contacts in Xero sharing an email address: the same customer twice on Xero's side. */
async function duplicateXeroContacts(db: Db, orgId: string): Promise<HealthCheckReport["duplicates"]> {
  const { rows } = await db.execute<{ email: string; records: { id: string; name: string }[] }>(sql`
    select lower(${xeroContacts.email}) as email, json_agg(json_build_object('id', ${xeroContacts.xeroContactId}, 'name', ${xeroContacts.name}) order by ${xeroContacts.name}) as records
    from ${xeroContacts}
    where ${xeroContacts.orgId} = ${orgId} and ${xeroContacts.email} is not null and ${xeroContacts.email} <> '' and ${xeroContacts.status} = 'ACTIVE'
    group by lower(${xeroContacts.email})
    having count(*) > 1
    order by 1
    limit ${LIST_LIMIT}`);
  return rows.map((r) => ({ side: "xero" as const, reason: `same email in Xero (${r.email})`, records: typeof r.records === "string" ? JSON.parse(r.records) : r.records }));
}

/** Three random approved invoices, read afresh from Xero in one call and compared with what we keep. */
async function spotCheck(db: Db, orgId: string): Promise<{ checks: SpotCheck[]; note: string | null }> {
  const [connection] = await db.select({ status: xeroConnections.status }).from(xeroConnections).where(eq(xeroConnections.orgId, orgId));
  if (connection?.status !== "connected") return { checks: [], note: "Xero is not connected: no invoice could be read afresh." };
  const ours = await db
    .select()
    .from(xeroInvoices)
    .where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.type, "ACCREC"), inArray(xeroInvoices.status, ["AUTHORISED", "PAID"])))
    .orderBy(sql`random()`)
    .limit(SPOT_CHECKS);
  if (!ours.length) return { checks: [], note: "No approved invoice to check yet." };
  let theirs: Invoice[];
  try {
    const answer = await callXero(db, orgId, { method: "GET", path: "/Invoices?IDs", purpose: "poll" }, (x, t) => x.accountingApi.getInvoices(t, undefined, undefined, undefined, ours.map((i) => i.xeroInvoiceId), undefined, undefined, undefined, 1, undefined, undefined, 4));
    theirs = answer.body.invoices ?? [];
  } catch (error) {
    return { checks: [], note: `Xero did not answer the spot check: ${toXeroError(error).message}` };
  }
  const byId = new Map(theirs.map((i) => [i.invoiceID!.toLowerCase(), i]));
  return {
    note: null,
    checks: ours.map((mine) => {
      const x = byId.get(mine.xeroInvoiceId.toLowerCase());
      const differences: SpotCheck["differences"] = [];
      if (!x) differences.push({ field: "invoice", ours: mine.number, xero: null });
      else {
        const compare = (field: string, a: string | null, b: string | null) => {
          if (a !== b) differences.push({ field, ours: a, xero: b });
        };
        const cents = (v: string | null) => (v === null ? null : String(toCents(v)));
        compare("number", mine.number, x.invoiceNumber ?? null);
        compare("status", mine.status, String(x.status ?? ""));
        compare("contact", mine.xeroContactId, x.contact?.contactID ?? null);
        compare("currency", mine.currency, String(x.currencyCode ?? ""));
        compare("date", mine.date, ymd(x.date) ?? null);
        compare("dueDate", mine.dueDate, ymd(x.dueDate) ?? null);
        // Money compared in cents, shown as Xero's 2 dp.
        for (const [field, a, b] of [["total", mine.total, money2(x.total)], ["amountDue", mine.amountDue, money2(x.amountDue)], ["amountPaid", mine.amountPaid, money2(x.amountPaid)]] as const) {
          if (cents(a) !== cents(b)) differences.push({ field, ours: a, xero: b });
        }
      }
      return { invoiceNumber: mine.number, xeroInvoiceId: mine.xeroInvoiceId, matches: differences.length === 0, differences };
    }),
  };
}

/** The notification centre and finance's email: what the check found, with a link to the report. */
async function announce(db: Db, orgId: string, r: HealthCheckReport) {
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
  const mismatched = r.spotChecks.filter((s) => !s.matches).length;
  const lines = [
    `${r.failingRecords.length} record${r.failingRecords.length === 1 ? "" : "s"} failing to sync`,
    `${r.duplicates.length} possible duplicate${r.duplicates.length === 1 ? "" : "s"}`,
    `${r.wonWithoutInvoice.length} won deal${r.wonWithoutInvoice.length === 1 ? "" : "s"} without an invoice`,
    `${r.unmappedProducts.length} product${r.unmappedProducts.length === 1 ? "" : "s"} without a full mapping`,
    `${r.customersMissingDetails.length} customer${r.customersMissingDetails.length === 1 ? "" : "s"} missing an email or address`,
    r.spotChecks.length ? `spot check: ${r.spotChecks.length - mismatched} of ${r.spotChecks.length} invoices match Xero` : `spot check: ${r.spotCheckNote ?? "none"}`,
  ];
  await raiseAlert(db, { orgId, kind: "health.check", message: { title: mismatched ? `Data health check: ${mismatched} invoice${mismatched === 1 ? "" : "s"} differ from Xero` : "Data health check", body: lines.join("\n"), link: `/o/${org.slug}/sync/health` } });
}

/** The newest check of the organisation, or null. */
export async function latestHealthCheck(db: Db, orgId: string) {
  const [row] = await db.select().from(healthChecks).where(eq(healthChecks.orgId, orgId)).orderBy(desc(healthChecks.ranAt)).limit(1);
  return row ? { id: row.id, trigger: row.trigger, ...(row.report as unknown as HealthCheckReport) } : null;
}

/** The dates of the organisation's checks, newest first. */
export async function listHealthChecks(db: Db, orgId: string, limit = 24) {
  return db.select({ id: healthChecks.id, ranAt: healthChecks.ranAt, trigger: healthChecks.trigger }).from(healthChecks).where(eq(healthChecks.orgId, orgId)).orderBy(desc(healthChecks.ranAt)).limit(limit);
}

/** Connected organisations whose last check is older than a month (or that never had one). */
export async function organisationsDueForHealthCheck(db: Db, now = new Date()): Promise<string[]> {
  const { rows } = await db.execute<{ org_id: string }>(sql`
    select c.org_id from ${xeroConnections} c
    where c.status = 'connected'
      and not exists (select 1 from ${healthChecks} h where h.org_id = c.org_id and h.ran_at > ${new Date(now.getTime() - 30 * 86_400_000)})`);
  return rows.map((r) => r.org_id);
}
