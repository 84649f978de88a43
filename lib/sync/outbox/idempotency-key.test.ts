import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncItems } from "@/db/schema";
import { saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal } from "@/lib/crm/deals";
import { listStages } from "@/lib/crm/pipeline-stages";
import { customerInput, dealInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { drainOutbox } from "../drain-outbox";
import { ALL_RESOURCES, pullResources } from "../pull/pull-resources";
import { idempotencyKeyFor } from "./idempotency-key";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

async function drain(orgId: string, rounds: number) {
  const db = getDb();
  for (let i = 0; i < rounds; i++) {
    const outcome = await drainOutbox(db, orgId, "push");
    if (outcome.kind === "done" || outcome.kind === "paused") return outcome;
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending")));
  }
  return { kind: "not drained" };
}

describe("the Idempotency-Key after a 5xx", () => {
  it("Xero replays a key's 5xx for minutes: the retry goes with a new key and makes the one invoice", async () => {
    const db = getDb();
    const sync = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, sync.orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const actor = actorFromContext(sync.ctx);
    await saveInvoiceSettings(db, sync.orgId, { invoiceOnWin: true, triggerStageId: null, status: "DRAFT", sendToCustomer: false, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [], paymentTermDays: null });
    const customer = await createCustomer(db, actor, parseInput(customerInput, { name: `Five Hundred ${Math.random().toString(36).slice(2, 7)}`, email: "ap@500.test" }));
    await drain(sync.orgId, 5);
    const won = (await listStages(db, sync.orgId)).find((s) => s.kind === "won")!;
    const deal = await createDeal(db, actor, parseInput(dealInput, { title: "Behind a 500", customerId: customer.id, stageId: won.id, lines: [{ description: "Work", quantity: 1, unitPrice: 100 }] }));
    sandbox.control.setFaults({ failNext: { count: 1, status: 500 } });
    expect(await drain(sync.orgId, 6)).toMatchObject({ kind: "done" });
    const posts = sandbox.control.requests({ tenantId: sync.tenantId }).filter((r) => r.method === "POST" && r.path.endsWith("/Invoices"));
    expect(posts.map((p) => p.status)).toEqual([500, 200]);
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(2);
    expect([...sandbox.sandbox.org(sync.tenantId)!.invoices.values()].filter((i) => i.Reference?.includes(`[lb:${deal.id}]`))).toHaveLength(1);
  });

  it("a lost answer (no 5xx seen) keeps the key, so Xero replays the write instead of making it twice", () => {
    const item = { id: "00000000-0000-0000-0000-000000000001", revision: 2, keyGeneration: 0 };
    expect(idempotencyKeyFor("org", "invoices", [item], { a: 1 })).toBe(idempotencyKeyFor("org", "invoices", [{ ...item }], { a: 1 }));
    expect(idempotencyKeyFor("org", "invoices", [{ ...item, keyGeneration: 1 }], { a: 1 })).not.toBe(idempotencyKeyFor("org", "invoices", [item], { a: 1 }));
  });
});
