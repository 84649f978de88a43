import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { xeroInvoices } from "@/db/schema";
import { customerFinance } from "@/lib/billing/invoice-queries";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { makeOrg } from "@/test/factories";
import { logSync } from "../sync-log";
import { listSyncLog } from "./sync-log-query";

describe("sync log query", () => {
  it("filters by record, direction, result and time, newest first, and pages by keyset", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const other = await makeOrg(db);
    const record = crypto.randomUUID();
    const base = { orgId: ctx.org.id, recordType: "customer", trigger: "push" as const };
    await logSync(db, [
      { ...base, recordId: record, xeroId: "x-1", direction: "push", operation: "create", result: "ok" },
      { ...base, recordId: record, direction: "pull", operation: "update", result: "conflict" },
      { ...base, recordId: crypto.randomUUID(), direction: "push", operation: "create", result: "failed" },
      { ...base, orgId: other.org.id, recordId: record, direction: "push", operation: "create", result: "ok" },
    ]);
    expect((await listSyncLog(db, ctx.org.id, { recordId: record })).rows).toHaveLength(2);
    expect((await listSyncLog(db, ctx.org.id, { recordId: "x-1" })).rows.map((r) => r.operation)).toEqual(["create"]);
    expect((await listSyncLog(db, ctx.org.id, { direction: "pull" })).rows.map((r) => r.result)).toEqual(["conflict"]);
    expect((await listSyncLog(db, ctx.org.id, { result: "failed" })).rows).toHaveLength(1);
    expect((await listSyncLog(db, ctx.org.id, { from: new Date(Date.now() + 60_000) })).rows).toEqual([]);
    const first = await listSyncLog(db, ctx.org.id, { limit: 2 });
    expect(first.more).toBe(true);
    const last = first.rows[1];
    const next = await listSyncLog(db, ctx.org.id, { limit: 2, before: { at: last.at, id: last.id } });
    expect(next.rows).toHaveLength(1);
    expect(new Set([...first.rows, ...next.rows].map((r) => r.id)).size).toBe(3);
  });
});

describe("customer finance", () => {
  it("adds up what is outstanding and overdue per currency; past due shows without amounts", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const c = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Owes Money" }));
    const inv = (n: string, status: string, due: string, amountDue: string, currency = "USD") => ({
      orgId: ctx.org.id, xeroInvoiceId: crypto.randomUUID(), type: "ACCREC", number: n, xeroContactId: "c", customerId: c.id, status, lineAmountTypes: "Exclusive", currency, subTotal: amountDue, totalTax: "0", total: amountDue, amountDue, amountPaid: "0", amountCredited: "0", date: "2026-10-01", dueDate: due, xeroUpdatedAt: new Date(),
    });
    await db.insert(xeroInvoices).values([inv("INV-1", "AUTHORISED", "2026-11-01", "100.00"), inv("INV-2", "AUTHORISED", "2026-12-31", "50.00"), inv("INV-3", "PAID", "2026-11-01", "0.00"), inv("INV-4", "DRAFT", "2026-11-01", "999.00"), inv("INV-5", "AUTHORISED", "2026-12-31", "20.00", "EUR")]);
    const f = await customerFinance(db, ctx.org.id, c.id, "2026-12-01");
    expect(f.pastDue).toBe(true);
    expect(f.balances.sort((a, b) => a.currency.localeCompare(b.currency))).toEqual([
      { currency: "EUR", outstanding: "20.00", overdue: "0.00" },
      { currency: "USD", outstanding: "150.00", overdue: "100.00" },
    ]);
    expect(f.invoices).toHaveLength(5);
    expect((await customerFinance(db, ctx.org.id, c.id, "2026-10-15")).pastDue).toBe(false);
  });
});
