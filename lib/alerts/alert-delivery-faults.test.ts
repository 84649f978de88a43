import { and, eq, sql } from "drizzle-orm";
import type { Invoice } from "xero-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { alertDeliveries, alertsRaised, alertWebhooks, deals, devMailbox, notifications, xeroConnections } from "@/db/schema";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { mirrorInvoices } from "@/lib/sync/invoices/mirror-invoices";
import { markConnectionBroken } from "@/lib/xero/connection-store";
import { startChatWebhookReceiver } from "@/test/chat-webhook-receiver";
import { addMember, makeOrg } from "@/test/factories";
import { reportBooks } from "@/test/report-fixtures";
import { saveAlertChoices } from "./alert-preferences";
import { saveAlertWebhook } from "./alert-webhook";
import { organisationsDueForDailyAlerts } from "./daily-alert-orgs";
import { deliverDueAlerts } from "./deliver-alerts";
import { raiseOverdueAlerts } from "./overdue-alerts";
import { isPrivateAddress, parseWebhookUrl } from "./webhook-url";

let receiver: Awaited<ReturnType<typeof startChatWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startChatWebhookReceiver();
});
afterAll(() => receiver.close());
const db = getDb();
const webhookRows = (orgId: string) => db.select().from(alertDeliveries).where(and(eq(alertDeliveries.orgId, orgId), eq(alertDeliveries.channel, "webhook")));

describe("alerts under faults", () => {
  it("a failure after the once-only record leaves nothing recorded, so the rerun raises the alert", async () => {
    const owner = await makeOrg(db);
    const books = reportBooks(db, owner.org.id);
    const c = await books.contact("Fragile Ltd");
    await books.invoice({ contact: c.xeroContactId, number: "INV-F1", date: "2026-11-01", dueDate: "2026-11-02", total: "10.00" });
    // The notification insert fails for this organisation (a database hiccup half-way).
    await db.execute(sql.raw(`create or replace function fail_alert() returns trigger language plpgsql as $$ begin if new.org_id = '${owner.org.id}' then raise exception 'db hiccup'; end if; return new; end $$`));
    await db.execute(sql`create trigger fail_alert before insert on notifications for each row execute function fail_alert()`);
    try {
      await expect(raiseOverdueAlerts(db, owner.org.id, "2026-11-05")).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger fail_alert on notifications`);
    }
    expect(await db.select().from(alertsRaised).where(eq(alertsRaised.orgId, owner.org.id))).toHaveLength(0);
    expect(await raiseOverdueAlerts(db, owner.org.id, "2026-11-05")).toEqual({ invoices: 1 });
  });

  it("a message that cannot be sent is failed with its reason and does not hold back the queue", async () => {
    const owner = await makeOrg(db);
    await db.insert(alertWebhooks).values({ orgId: owner.org.id, urlSealed: "v1.nokey.abc.def.ghi", urlHint: "https://x/…", kinds: ["invoice.overdue"] });
    await db.insert(alertDeliveries).values({ orgId: owner.org.id, channel: "webhook", kind: "invoice.overdue", text: "to a hook we cannot open", nextAttemptAt: sql`now() - interval '1 minute'` });
    await db.insert(alertDeliveries).values({ orgId: owner.org.id, channel: "email", kind: "invoice.overdue", recipient: owner.user.email, subject: "After it", text: "still sent" });
    expect(await deliverDueAlerts(db, { orgId: owner.org.id })).toEqual({ delivered: 1, retrying: 0, failed: 1 });
    const [bad] = await webhookRows(owner.org.id);
    expect(bad).toMatchObject({ status: "failed", attempts: 1 });
    expect(bad.lastError).toContain("cannot be decrypted");
    expect(await db.select().from(devMailbox).where(and(eq(devMailbox.to, owner.user.email), eq(devMailbox.subject, "After it")))).toHaveLength(1);
  });

  it("a 429 with Retry-After holds every message of that hook for as long, costs no attempt, and the hook is asked once", async () => {
    const owner = await makeOrg(db);
    await saveAlertWebhook(db, owner.org.id, owner.user.id, { url: receiver.url, kinds: ["invoice.overdue"] });
    await db.insert(alertDeliveries).values(Array.from({ length: 10 }, (_, n) => ({ orgId: owner.org.id, channel: "webhook", kind: "invoice.overdue", text: `slow ${n}` })));
    const posts = receiver.posts();
    receiver.script([{ status: 429, retryAfter: "120" }]);
    expect(await deliverDueAlerts(db, { orgId: owner.org.id })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(receiver.posts() - posts).toBe(1);
    const rows = await webhookRows(owner.org.id);
    expect(rows.every((r) => r.status === "pending" && r.attempts === 0)).toBe(true);
    const { rows: wait } = await db.execute<{ min: number }>(sql`select min(extract(epoch from next_attempt_at - now()))::float as min from alert_deliveries where org_id = ${owner.org.id}`);
    expect(wait[0].min).toBeGreaterThan(100);
  });

  it("the channel gets no amounts unless asked, and text from the CRM cannot ping or disguise links", async () => {
    const org = await makeCrmOrg(db);
    const books = reportBooks(db, org.orgId);
    const customer = await books.customer("Payer");
    const deal = await books.deal({ customerId: customer.id, title: "<!channel> <https://evil.example|click> & co", amount: "250.00" });
    await db.update(deals).set({ ownerId: org.sales.userId }).where(eq(deals.id, deal.id));
    await saveAlertWebhook(db, org.orgId, org.owner.userId!, { url: receiver.url, kinds: ["payment.received"] });
    const invoice = (paid: number, at: string) => ({ invoiceID: "inv-hook", type: "ACCREC", invoiceNumber: "INV-HOOK", reference: `[lb:${deal.id}]`, contact: { contactID: customer.xeroContactId }, status: paid >= 250 ? "PAID" : "AUTHORISED", currencyCode: "USD", currencyRate: 1, lineAmountTypes: "Exclusive", subTotal: 250, totalTax: 0, total: 250, amountDue: 250 - paid, amountPaid: paid, amountCredited: 0, date: "2026-11-01", dueDate: "2026-11-15", updatedDateUTC: new Date(at) }) as unknown as Invoice;
    await mirrorInvoices(db, org.orgId, [invoice(0, "2026-11-02T00:00:00Z")], "schedule");
    await mirrorInvoices(db, org.orgId, [invoice(100, "2026-11-03T00:00:00Z")], "webhook");
    await saveAlertWebhook(db, org.orgId, org.owner.userId!, { url: "", kinds: ["payment.received"], includeAmounts: true });
    await mirrorInvoices(db, org.orgId, [invoice(250, "2026-11-04T00:00:00Z")], "webhook");
    const texts = (await webhookRows(org.orgId)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((r) => r.text);
    expect(texts[0]).toBe(`*Payment received: INV-HOOK for "&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co"*\nA part payment was received; some is still due.\n<http://localhost:3000/o/${org.slug}/deals/${deal.id}|Open in Ledgerbridge>`);
    expect(texts[1]).toContain("\n$150.00 received in Xero; the invoice is paid in full.\n");
  });

  it("an invoice settled by a credit note tells the owner it is paid, and a catch-up of several payments is one alert", async () => {
    const org = await makeCrmOrg(db);
    const books = reportBooks(db, org.orgId);
    const customer = await books.customer("Catch-up Co");
    const deal = await books.deal({ customerId: customer.id, title: "Many invoices", amount: "300.00" });
    await db.update(deals).set({ ownerId: org.finance.userId }).where(eq(deals.id, deal.id));
    const inv = (id: string, paid: number, credited: number, at: string) => ({ invoiceID: id, type: "ACCREC", invoiceNumber: id.toUpperCase(), reference: `[lb:${deal.id}]`, contact: { contactID: customer.xeroContactId }, status: paid + credited >= 100 ? "PAID" : "AUTHORISED", currencyCode: "USD", currencyRate: 1, lineAmountTypes: "Exclusive", subTotal: 100, totalTax: 0, total: 100, amountDue: 100 - paid - credited, amountPaid: paid, amountCredited: credited, date: "2026-11-01", dueDate: "2026-11-15", updatedDateUTC: new Date(at) }) as unknown as Invoice;
    await mirrorInvoices(db, org.orgId, ["inv-a", "inv-b", "inv-c"].map((id) => inv(id, 0, 0, "2026-11-02T00:00:00Z")), "schedule");
    await mirrorInvoices(db, org.orgId, [inv("inv-a", 0, 100, "2026-11-03T00:00:00Z")], "webhook");
    const owner = (await db.select().from(deals).where(eq(deals.id, deal.id)))[0].ownerId!;
    const notes = () => db.select().from(notifications).where(and(eq(notifications.userId, owner), eq(notifications.kind, "payment.received")));
    expect((await notes()).map((n) => [n.title, n.body])).toEqual([['Paid: INV-A for "Many invoices"', "Settled in Xero (a credit note or other allocation); the invoice is paid in full."]]);
    // A pull after a day offline brings two payments at once: one alert listing both.
    await mirrorInvoices(db, org.orgId, [inv("inv-b", 40, 0, "2026-11-04T00:00:00Z"), inv("inv-c", 100, 0, "2026-11-04T00:00:00Z")], "schedule");
    const latest = (await notes()).find((n) => n.title.startsWith("2 payments"));
    expect(latest?.body).toBe('Payment received: INV-B for "Many invoices": $40.00 received in Xero; $60.00 still due.\nPaid: INV-C for "Many invoices": $100.00 received in Xero; the invoice is paid in full.');
  });

  it("a broken connection tells owners and admins by their channels, once, in the same transaction as the status", async () => {
    const owner = await makeOrg(db);
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    await saveAlertChoices(db, owner.org.id, admin.user.id, [{ kind: "xero.attention", inApp: false, email: false }]);
    await db.insert(xeroConnections).values({ orgId: owner.org.id, status: "connected", xeroTenantId: crypto.randomUUID(), xeroTenantName: "Books" });
    expect(await markConnectionBroken(db, owner.org.id, "needs_reauth", "refresh token expired")).toBe(true);
    expect(await markConnectionBroken(db, owner.org.id, "needs_reauth", "again")).toBe(false);
    expect(await db.select().from(notifications).where(and(eq(notifications.orgId, owner.org.id), eq(notifications.kind, "xero.needs_reauth")))).toHaveLength(1);
    const emails = await db.select().from(alertDeliveries).where(and(eq(alertDeliveries.orgId, owner.org.id), eq(alertDeliveries.channel, "email")));
    expect(emails.map((e) => e.recipient)).toEqual([owner.user.email]);
  });

  it("daily alerts go to connected organisations from 07:00 their own time", async () => {
    const owner = await makeOrg(db);
    await db.insert(xeroConnections).values({ orgId: owner.org.id, status: "connected", xeroTenantId: crypto.randomUUID(), xeroTenantName: "Books" });
    const { organizations } = await import("@/db/schema");
    await db.update(organizations).set({ timezone: "Pacific/Auckland" }).where(eq(organizations.id, owner.org.id));
    const mine = async (at: string) => (await organisationsDueForDailyAlerts(db, new Date(at))).filter((o) => o.orgId === owner.org.id);
    // 17:30 UTC on 1 December is 06:30 on 2 December in Auckland (UTC+13): not yet; an hour later it is.
    expect(await mine("2026-12-01T17:30:00Z")).toEqual([]);
    expect(await mine("2026-12-01T18:30:00Z")).toEqual([{ orgId: owner.org.id, today: "2026-12-02" }]);
    await db.update(xeroConnections).set({ status: "needs_reauth" }).where(eq(xeroConnections.orgId, owner.org.id));
    expect(await mine("2026-12-01T18:30:00Z")).toEqual([]);
  });
});

describe("webhook addresses", () => {
  it("in production refuse every way of naming this machine or a private network", () => {
    for (const url of ["https://localhost/x", "https://localhost./x", "https://foo.localhost/x", "https://127.0.0.1/x", "https://[::1]/x", "https://[::ffff:7f00:1]/x", "https://[::ffff:a9fe:a9fe]/x", "https://169.254.169.254/x", "https://10.1.2.3/x", "https://[fec0::1]/x", "https://198.18.0.1/x", "https://[fd00::1]/x"]) {
      expect(() => parseWebhookUrl(url, "production"), url).toThrow(/private network/);
    }
    expect(parseWebhookUrl("https://hooks.slack.com/services/T/B/x", "production").host).toBe("hooks.slack.com");
    expect(() => parseWebhookUrl("http://127.0.0.1:9/x", "production")).toThrow();
    expect(parseWebhookUrl("http://127.0.0.1:9/x", "embedded").port).toBe("9");
  });

  it("check resolved addresses the same way (a public name that resolves inside is refused when connecting)", () => {
    expect(["127.0.0.1", "::ffff:127.0.0.1", "::ffff:a9fe:a9fe", "10.0.0.1", "172.20.1.1", "192.168.1.1", "100.64.0.1", "fe80::1", "::1"].every(isPrivateAddress)).toBe(true);
    expect(["8.8.8.8", "2606:4700::1111", "172.32.0.1"].some(isPrivateAddress)).toBe(false);
  });
});
