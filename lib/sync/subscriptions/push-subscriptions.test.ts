import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { subscriptions, syncItems, xeroInvoices } from "@/db/schema";
import { listInvoicesAfter } from "@/lib/billing/invoice-queries";
import { saveSubscription } from "@/lib/crm/subscriptions";
import { subscriptionInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { drainAll, invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { pullResources } from "../pull/pull-resources";
import { subscriptionMarker } from "./subscription-reference";

/** Subscriptions become repeating invoices in the sandbox over HTTP; the sandbox runs them on its clock. */
const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

async function subscribed(name: string, today: string) {
  const org = await invoicingOrg(sandbox, { customerName: name });
  const input = { customerId: org.customer.id, interval: "monthly", startDate: today, lines: [{ description: "Managed hosting", quantity: 1, unitPrice: 99 }] };
  const sub = await saveSubscription(org.db, org.actor, null, parseInput(subscriptionInput, input));
  const repeating = () => [...sandbox.sandbox.org(org.tenantId)!.repeatingInvoices.values()].filter((r) => r.Reference?.includes(subscriptionMarker(sub.id)));
  const row = async () => (await org.db.select().from(subscriptions).where(eq(subscriptions.id, sub.id)))[0];
  return { ...org, sub, input, repeating, row };
}

describe("subscriptions as Xero repeating invoices", () => {
  it("an active subscription makes an AUTHORISED monthly repeating invoice from its next billing date; each run's invoice is linked to it and its customer; pausing deletes it in Xero (its invoices stay), resuming makes a new one", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { db, orgId, tenantId, actor, customer, sub, input, repeating, row } = await subscribed("Hosted", today);
    await drainAll(orgId);
    const [made] = repeating();
    expect({ status: made.Status, unit: made.Schedule.Unit, period: made.Schedule.Period, start: made.Schedule.StartDate, total: made.Total, lines: made.LineItems.map((l) => [l.Description, l.UnitAmount]) }).toEqual({
      status: "AUTHORISED",
      unit: "MONTHLY",
      period: 1,
      start: today,
      total: 99,
      lines: [["Managed hosting", 99]],
    });
    expect(await row()).toMatchObject({ xeroRepeatingInvoiceId: made.RepeatingInvoiceID, xeroNextScheduledDate: today });

    // The run: Xero makes the invoice; our pull links it to the subscription and its customer.
    const [generated] = sandbox.control.runRepeatingInvoices().filter((id) => sandbox.sandbox.org(tenantId)!.invoices.get(id)?.RepeatingInvoiceID === made.RepeatingInvoiceID);
    await pullResources(db, orgId, ["invoices"], { mode: "incremental", trigger: "schedule" });
    const [mirrored] = await db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, generated)));
    expect({ subscriptionId: mirrored.subscriptionId, customerId: mirrored.customerId, total: mirrored.total }).toEqual({ subscriptionId: sub.id, customerId: customer.id, total: "99.00" });
    const { subscriptionsResource } = await import("@/lib/api/v1-resources");
    expect(await subscriptionsResource.get(db, { ...actor, via: "api" }, sub.id)).toMatchObject({ xeroRepeatingInvoiceId: made.RepeatingInvoiceID, lastInvoiceId: mirrored.id, nextBillingDate: today });

    // Paused: the repeating invoice is deleted in Xero; the invoice it made stays, still the subscription's.
    await saveSubscription(db, actor, sub.id, parseInput(subscriptionInput, { ...input, status: "paused" }));
    await drainAll(orgId);
    expect(repeating().map((r) => r.Status)).toEqual(["DELETED"]);
    expect(sandbox.sandbox.org(tenantId)!.invoices.get(generated)).toBeTruthy();
    expect((await row()).xeroRepeatingInvoiceId).toBeNull();
    // Active again: a new repeating invoice; the subscription's invoices are still listed by it.
    await saveSubscription(db, actor, sub.id, parseInput(subscriptionInput, { ...input, status: "active" }));
    await drainAll(orgId);
    expect(repeating().map((r) => r.Status).sort()).toEqual(["AUTHORISED", "DELETED"]);
    expect((await row()).xeroRepeatingInvoiceId).toBe(repeating().find((r) => r.Status === "AUTHORISED")!.RepeatingInvoiceID);
    const listed = await listInvoicesAfter(db, orgId, { subscriptionId: sub.id, limit: 50 });
    expect(listed.data.map((i) => i.xeroInvoiceId)).toEqual([generated]);
  });

  it("a lost answer makes no second repeating invoice: the next attempt finds it by its marker", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { db, orgId, repeating, row } = await subscribed("Lost Repeat", today);
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    await drainAll(orgId);
    sandbox.control.clearFaults();
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "subscription")));
    await drainAll(orgId);
    expect(repeating()).toHaveLength(1);
    expect((await row()).xeroRepeatingInvoiceId).toBe(repeating()[0].RepeatingInvoiceID);
  });

  it("resumed with a billing date long past, it starts on the next one, never billing the past at once; Xero's refusal is a failure, not a success; a lost create then a pause still stops it in Xero", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { db, orgId, actor, sub, input, repeating, row } = await subscribed("Resumed", today);
    await drainAll(orgId);
    await saveSubscription(db, actor, sub.id, parseInput(subscriptionInput, { ...input, status: "paused" }));
    await drainAll(orgId);
    // Months pass; the form sends back the billing date it was opened with.
    const past = new Date(Date.now() - 75 * 86_400_000).toISOString().slice(0, 10);
    await saveSubscription(db, actor, sub.id, parseInput(subscriptionInput, { ...input, status: "active", nextBillingDate: past }));
    await drainAll(orgId);
    const live = repeating().find((r) => r.Status === "AUTHORISED")!;
    expect(live.Schedule.StartDate >= today).toBe(true);
    expect((await row()).xeroBillingFrom! >= today).toBe(true);

    // Deleted in Xero behind our back: the next change is refused there, and the row says so.
    live.Status = "DELETED";
    await saveSubscription(db, actor, sub.id, parseInput(subscriptionInput, { ...input, status: "active", lines: [{ description: "Managed hosting", quantity: 2, unitPrice: 99 }] }));
    await drainAll(orgId);
    const [last] = (await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, sub.id)))).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    expect(last.status).toBe("failed");
    expect(last.lastXeroMessage).toMatch(/deleted repeating invoice/i);

    // A create whose answer was lost, then a pause: what the lost write made is found and deleted.
    const other = await subscribed("Lost Then Paused", today);
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    await drainAll(other.orgId);
    sandbox.control.clearFaults();
    await saveSubscription(other.db, other.actor, other.sub.id, parseInput(subscriptionInput, { ...other.input, status: "paused" }));
    await other.db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, other.orgId), eq(syncItems.entityType, "subscription")));
    await drainAll(other.orgId);
    expect(other.repeating().map((r) => r.Status)).toEqual(["DELETED"]);
  });
});
