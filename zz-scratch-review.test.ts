import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { subscriptions, syncItems } from "@/db/schema";
import { saveSubscription, deleteSubscription } from "@/lib/crm/subscriptions";
import { subscriptionInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { drainAll, invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { subscriptionMarker } from "@/lib/sync/subscriptions/subscription-reference";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => { sandbox = sandboxOf(); });

async function subscribed(name: string, extra: Record<string, unknown> = {}) {
  const today = new Date().toISOString().slice(0, 10);
  const org = await invoicingOrg(sandbox, { customerName: name });
  const input = { customerId: org.customer.id, interval: "monthly", startDate: today, lines: [{ description: "Managed hosting", quantity: 1, unitPrice: 99 }], ...extra };
  const sub = await saveSubscription(org.db, org.actor, null, parseInput(subscriptionInput, input));
  const repeating = () => [...sandbox.sandbox.org(org.tenantId)!.repeatingInvoices.values()].filter((r) => r.Reference?.includes(subscriptionMarker(sub.id)));
  const row = async () => (await org.db.select().from(subscriptions).where(eq(subscriptions.id, sub.id)))[0];
  const due = () => org.db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, org.orgId), eq(syncItems.entityType, "subscription"), eq(syncItems.status, "pending")));
  return { ...org, sub, input, repeating, row, today, due };
}

describe("review", () => {
  it("A: lost create answer, then paused before the retry: the repeating invoice stays AUTHORISED in Xero", async () => {
    const { orgId, db, actor, sub, input, repeating, due } = await subscribed("LostPause");
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    await drainAll(orgId).catch(() => undefined);
    sandbox.control.clearFaults();
    console.log("A after lost:", repeating().map((r) => r.Status));
    await saveSubscription(db, actor, sub.id, parseInput(subscriptionInput, { ...input, status: "paused" }));
    await due();
    await drainAll(orgId);
    const rows = await db.select().from(syncItems).where(eq(syncItems.entityId, sub.id));
    console.log("A rows:", rows.map((r) => [r.operation, r.status, r.lastErrorCode, r.uncertain]));
    console.log("A final:", repeating().map((r) => r.Status));
    expect(repeating().map((r) => r.Status)).toEqual(["DELETED"]);
  });

  it("B: lost create answer, then the subscription deleted: the repeating invoice stays AUTHORISED", async () => {
    const { orgId, db, actor, sub, repeating, due } = await subscribed("LostDelete");
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    await drainAll(orgId).catch(() => undefined);
    sandbox.control.clearFaults();
    await deleteSubscription(db, actor, sub.id);
    await due();
    await drainAll(orgId);
    const rows = await db.select().from(syncItems).where(eq(syncItems.entityId, sub.id));
    console.log("B rows:", rows.map((r) => [r.operation, r.status, r.lastErrorCode, r.uncertain]));
    console.log("B final:", repeating().map((r) => r.Status));
    expect(repeating().map((r) => r.Status)).toEqual(["DELETED"]);
  });

  it("C: lost create answer recovered by marker: xeroBillingFrom is never set", async () => {
    const { orgId, db, repeating, row, due } = await subscribed("LostBillingFrom");
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    await drainAll(orgId).catch(() => undefined);
    sandbox.control.clearFaults();
    await due();
    await drainAll(orgId);
    const r = await row();
    console.log("C:", repeating().length, r.xeroRepeatingInvoiceId, r.xeroBillingFrom);
    expect(r.xeroBillingFrom).not.toBeNull();
  });

  it("D: resumed via the API PATCH months later: Xero start date is the stale nextBillingDate (back-billing)", async () => {
    const { orgId, db, actor, sub, repeating, row } = await subscribed("StaleResume");
    await drainAll(orgId);
    // Nothing advances nextBillingDate: three months on, it still holds the first date. Simulate that age.
    const old = new Date(Date.now() - 92 * 86400_000).toISOString().slice(0, 10);
    await db.update(subscriptions).set({ nextBillingDate: old, startDate: old }).where(eq(subscriptions.id, sub.id));
    const { subscriptionsResource } = await import("@/lib/api/v1-resources");
    await subscriptionsResource.update!(db, { ...actor, via: "api" } as never, sub.id, { status: "paused" });
    await drainAll(orgId);
    await subscriptionsResource.update!(db, { ...actor, via: "api" } as never, sub.id, { status: "active" });
    await drainAll(orgId);
    const live = repeating().find((r) => r.Status === "AUTHORISED")!;
    console.log("D new start:", live.Schedule.StartDate, "old", old, "billingFrom", (await row()).xeroBillingFrom);
    const made = sandbox.control.runRepeatingInvoices().filter((id) => sandbox.sandbox.org(live ? (sandbox.sandbox.orgs.values().next().value as never) : "") && true);
    const forLive = [...sandbox.sandbox.orgs.values()].flatMap((o) => [...o.invoices.values()]).filter((i) => i.RepeatingInvoiceID === live.RepeatingInvoiceID);
    console.log("D invoices generated by the resumed repeating invoice at once:", forLive.map((i) => i.Date), made.length);
    expect(live.Schedule.StartDate >= new Date().toISOString().slice(0, 10)).toBe(true);
  });

  it("E: end date cleared on an active subscription: Xero keeps the old end date", async () => {
    const end = new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10);
    const { orgId, db, actor, sub, input, repeating } = await subscribed("EndCleared", { endDate: end });
    await drainAll(orgId);
    console.log("E before:", repeating()[0].Schedule.EndDate);
    await saveSubscription(db, actor, sub.id, parseInput(subscriptionInput, { ...input, endDate: null }));
    await drainAll(orgId);
    console.log("E after:", repeating().map((r) => [r.Status, r.Schedule.EndDate]));
    expect(repeating()[0].Schedule.EndDate ?? null).toBeNull();
  });

  it("F: paused then resumed while the delete is in flight: the resume updates a DELETED repeating invoice", async () => {
    const { orgId, db, actor, sub, input, repeating, row, due } = await subscribed("RaceResume");
    await drainAll(orgId);
    await saveSubscription(db, actor, sub.id, parseInput(subscriptionInput, { ...input, status: "paused" }));
    sandbox.control.setFaults({ slowAnswerAfterWriteMs: 1500 });
    const draining = drainAll(orgId);
    await new Promise((r) => setTimeout(r, 700));
    await saveSubscription(db, actor, sub.id, parseInput(subscriptionInput, { ...input, status: "active" }));
    await draining;
    sandbox.control.clearFaults();
    await due();
    await drainAll(orgId);
    const rows = await db.select().from(syncItems).where(eq(syncItems.entityId, sub.id));
    console.log("F rows:", rows.map((r) => [r.operation, r.status, r.lastErrorCode, r.lastXeroMessage, r.xeroId]));
    console.log("F final:", repeating().map((r) => r.Status), (await row()).xeroRepeatingInvoiceId);
    expect(repeating().map((r) => r.Status).sort()).toEqual(["AUTHORISED", "DELETED"]);
  });
});
