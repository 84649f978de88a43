import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { alertDeliveries, alertWebhooks, devMailbox, notifications } from "@/db/schema";
import { addMember, makeOrg } from "@/test/factories";
import { reportBooks } from "@/test/report-fixtures";
import { startChatWebhookReceiver } from "@/test/chat-webhook-receiver";
import { memberAlertChoices, saveAlertChoices } from "./alert-preferences";
import { getAlertWebhook, removeAlertWebhook, saveAlertWebhook } from "./alert-webhook";
import { deliverDueAlerts, DELIVERY_MAX_ATTEMPTS, sendTestWebhookMessage } from "./deliver-alerts";
import { raiseLeakageDigest } from "./leakage-digest";
import { raiseOverdueAlerts } from "./overdue-alerts";

let receiver: Awaited<ReturnType<typeof startChatWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startChatWebhookReceiver();
});
afterAll(() => receiver.close());

const db = getDb();
const notesOf = (userId: string, orgId: string, kind: string) => db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.orgId, orgId), eq(notifications.kind, kind)));
/** Makes every queued message due now, as if its wait had passed. */
const makeDue = (orgId: string) => db.update(alertDeliveries).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(alertDeliveries.orgId, orgId));

describe("overdue alerts", () => {
  it("raise each invoice once per ageing stage, to finance roles by their chosen channels, with the amounts hidden from no one who may see them", async () => {
    const owner = await makeOrg(db);
    const finance = await addMember(db, owner.org.id, owner.org.slug, "finance");
    const sales = await addMember(db, owner.org.id, owner.org.slug, "sales");
    await saveAlertChoices(db, owner.org.id, finance.user.id, [{ kind: "invoice.overdue", inApp: true, email: true }]);
    const books = reportBooks(db, owner.org.id);
    const acme = await books.customer("Acme");
    await books.invoice({ contact: acme.xeroContactId, number: "INV-1", date: "2026-10-01", dueDate: "2026-10-31", total: "1200.00", amountDue: "700.50" });
    // 218 days late on 5 November: its stage began long ago, history rather than news.
    await books.invoice({ contact: acme.xeroContactId, number: "INV-OLD", date: "2026-03-01", dueDate: "2026-04-01", total: "80.00" });
    await books.invoice({ contact: acme.xeroContactId, number: "INV-2", date: "2026-11-01", dueDate: "2026-12-01", total: "300.00" });
    await books.invoice({ contact: acme.xeroContactId, number: "INV-3", date: "2026-10-01", dueDate: "2026-10-02", total: "50.00", status: "DRAFT" });
    await books.invoice({ contact: acme.xeroContactId, number: "INV-4", date: "2026-10-01", dueDate: "2026-10-02", total: "50.00", amountDue: "0.00", status: "PAID" });

    // 2026-11-05: INV-1 is 5 days late (1-30); INV-2 not yet due; drafts and paid ones are not overdue.
    expect(await raiseOverdueAlerts(db, owner.org.id, "2026-11-05")).toEqual({ invoices: 1 });
    const [note] = await notesOf(finance.user.id, owner.org.id, "invoice.overdue");
    expect(note.title).toBe("Overdue: INV-1 is 1-30 days past due");
    expect(note.body).toBe("INV-1 · Acme · $700.50 due · 5 days late (1-30 days)");
    expect(note.link).toBe(`/o/${owner.org.slug}/reports/cash-flow#ageing`);
    expect(await notesOf(owner.user.id, owner.org.id, "invoice.overdue")).toHaveLength(1);
    expect(await notesOf(sales.user.id, owner.org.id, "invoice.overdue")).toHaveLength(0);
    // Emails are queued with the alert and sent after it commits.
    expect(await db.select().from(devMailbox).where(eq(devMailbox.to, finance.user.email))).toHaveLength(0);
    await deliverDueAlerts(db, { orgId: owner.org.id });
    const mails = await db.select().from(devMailbox).where(eq(devMailbox.to, finance.user.email));
    expect(mails.map((m) => m.subject)).toEqual([`${owner.org.name}: Overdue: INV-1 is 1-30 days past due`]);
    // The owner kept the default (no email for overdue).
    expect(await db.select().from(devMailbox).where(eq(devMailbox.to, owner.user.email))).toHaveLength(0);

    // The same day again (a rerun): nothing new. The next day INV-1 enters 31-60 and INV-2 is 1 day late.
    expect(await raiseOverdueAlerts(db, owner.org.id, "2026-11-05")).toEqual({ invoices: 0 });
    expect(await raiseOverdueAlerts(db, owner.org.id, "2026-12-02")).toEqual({ invoices: 2 });
    const notes = await notesOf(finance.user.id, owner.org.id, "invoice.overdue");
    expect(notes).toHaveLength(2);
    const latest = notes.find((n) => n.id !== note.id)!;
    expect(latest.title).toBe("2 invoices moved into an overdue stage");
    expect(latest.body).toBe("INV-1 · Acme · $700.50 due · 32 days late (31-60 days)\nINV-2 · Acme · $300.00 due · 1 day late (1-30 days)");
  });

  it("two runs at once raise each invoice stage once", async () => {
    const owner = await makeOrg(db);
    const books = reportBooks(db, owner.org.id);
    const c = await books.contact("Loose Ltd");
    for (let n = 0; n < 12; n++) await books.invoice({ contact: c.xeroContactId, number: `INV-${100 + n}`, date: "2026-01-01", dueDate: "2026-08-31", total: "10.00" });
    const results = await Promise.all([raiseOverdueAlerts(db, owner.org.id, "2026-11-30"), raiseOverdueAlerts(db, owner.org.id, "2026-11-30")]);
    expect(results.map((r) => r.invoices).sort((a, b) => a - b)).toEqual([0, 12]);
    const [note] = await notesOf(owner.user.id, owner.org.id, "invoice.overdue");
    // Ten lines, then the rest counted; a contact linked to no customer is named by its Xero name.
    expect(note.body!.split("\n")).toHaveLength(11);
    expect(note.body!.split("\n")[0]).toBe("INV-100 · Loose Ltd · $10.00 due · 91 days late (over 90 days)");
    expect(note.body!.split("\n")[10]).toBe("and 2 more");
  });
});

describe("alert preferences", () => {
  it("offer each member the kinds their role receives and refuse one it does not, by name", async () => {
    const owner = await makeOrg(db);
    const sales = await addMember(db, owner.org.id, owner.org.slug, "sales");
    // A sales member: their deals' payments, and their customers' failed subscription payments.
    expect((await memberAlertChoices(db, owner.org.id, sales.user.id)).map((c) => c.kind)).toEqual(["payment.received", "subscription.unpaid"]);
    expect((await memberAlertChoices(db, owner.org.id, owner.user.id)).map((c) => c.kind)).toEqual(["invoice.overdue", "payment.received", "leakage.digest", "xero.attention", "subscription.unpaid", "health.check"]);
    await expect(saveAlertChoices(db, owner.org.id, sales.user.id, [{ kind: "invoice.overdue", inApp: true, email: true }])).rejects.toMatchObject({ code: "validation", fields: [{ field: "kind" }] });
    await saveAlertChoices(db, owner.org.id, owner.user.id, [{ kind: "leakage.digest", inApp: false, email: false }]);
    expect((await memberAlertChoices(db, owner.org.id, owner.user.id)).find((c) => c.kind === "leakage.digest")).toEqual({ kind: "leakage.digest", inApp: false, email: false });
  });
});

describe("leakage digest", () => {
  it("lists new leakage once per deal and kind, leaves out deals won within the hour, and totals per currency", async () => {
    const owner = await makeOrg(db);
    const books = reportBooks(db, owner.org.id);
    const acme = await books.customer("Acme");
    const now = new Date("2026-12-02T07:00:00Z");
    await books.deal({ customerId: acme.id, title: "Old win", amount: "1000.00", wonAt: new Date("2026-11-20T10:00:00Z") });
    await books.deal({ customerId: acme.id, title: "Euro win", amount: "250.25", currency: "EUR", wonAt: new Date("2026-11-21T10:00:00Z") });
    await books.deal({ customerId: acme.id, title: "Just won", amount: "99.00", wonAt: new Date("2026-12-02T06:30:00Z") });
    // Won in September: history, listed on the report but not news for the digest.
    await books.deal({ customerId: acme.id, title: "Long ago", amount: "7.00", wonAt: new Date("2026-09-01T10:00:00Z") });
    const billed = await books.deal({ customerId: acme.id, title: "Billed", amount: "500.00", wonAt: new Date("2026-11-01T10:00:00Z") });
    await books.invoice({ contact: acme.xeroContactId, date: "2026-11-02", total: "500.00", dealId: billed.id });

    expect(await raiseLeakageDigest(db, owner.org.id, now)).toEqual({ rows: 2 });
    const [note] = await notesOf(owner.user.id, owner.org.id, "leakage.digest");
    expect(note.title).toBe("Revenue leakage: 2 new won deals not billed as won (€250.25 + $1,000.00 at risk)");
    expect(note.body!.split("\n").sort()).toEqual(['"Euro win": no invoice, €250.25', '"Old win": no invoice, $1,000.00']);
    // Default for the digest: email too.
    await deliverDueAlerts(db, { orgId: owner.org.id });
    expect((await db.select().from(devMailbox).where(eq(devMailbox.to, owner.user.email))).map((m) => m.subject)).toEqual([`${owner.org.name}: ${note.title}`]);

    // Two hours later "Just won" is leakage; the others were already told.
    expect(await raiseLeakageDigest(db, owner.org.id, new Date("2026-12-02T09:00:00Z"))).toEqual({ rows: 1 });
    expect(await raiseLeakageDigest(db, owner.org.id, new Date("2026-12-02T09:00:00Z"))).toEqual({ rows: 0 });
  });
});

describe("the organisation's webhook", () => {
  it("refuses a bad URL by field, keeps the URL sealed, and shows only a hint", async () => {
    const owner = await makeOrg(db);
    await expect(saveAlertWebhook(db, owner.org.id, owner.user.id, { url: "not a url", kinds: [] })).rejects.toMatchObject({ code: "validation", fields: [{ field: "webhookUrl" }] });
    await expect(saveAlertWebhook(db, owner.org.id, owner.user.id, { url: "http://hooks.example.com/x", kinds: [] })).rejects.toThrow(/https/);
    await expect(saveAlertWebhook(db, owner.org.id, owner.user.id, { url: "https://hooks.example.com/x", kinds: ["bogus"] })).rejects.toMatchObject({ fields: [{ field: "kinds" }] });
    const saved = await saveAlertWebhook(db, owner.org.id, owner.user.id, { url: "https://hooks.slack.com/services/T1/B2/abcdefgh", kinds: ["leakage.digest"] });
    expect(saved).toMatchObject({ urlHint: "https://hooks.slack.com/…efgh", kinds: ["leakage.digest"] });
    const [row] = await db.select().from(alertWebhooks).where(eq(alertWebhooks.orgId, owner.org.id));
    expect(row.urlSealed).not.toContain("abcdefgh");
    // Saving without a URL changes only the kinds.
    await saveAlertWebhook(db, owner.org.id, owner.user.id, { url: "", kinds: ["invoice.overdue"] });
    expect(await getAlertWebhook(db, owner.org.id)).toMatchObject({ urlHint: "https://hooks.slack.com/…efgh", kinds: ["invoice.overdue"] });
  });

  it("gets the kinds it takes, retries a failure a bounded number of times with the reason logged, and stops at a permanent refusal", async () => {
    const owner = await makeOrg(db);
    const books = reportBooks(db, owner.org.id);
    const c = await books.contact("Hooked Ltd");
    await saveAlertWebhook(db, owner.org.id, owner.user.id, { url: receiver.url, kinds: ["invoice.overdue"] });
    await books.invoice({ contact: c.xeroContactId, number: "INV-H1", date: "2026-10-01", dueDate: "2026-11-25", total: "42.00" });
    await books.deal({ customerId: (await books.customer("Leaky")).id, title: "Leaky win", amount: "5.00", wonAt: new Date("2026-11-20T00:00:00Z") });

    receiver.script([500, 503]);
    await raiseOverdueAlerts(db, owner.org.id, "2026-11-30");
    await raiseLeakageDigest(db, owner.org.id, new Date("2026-12-02T07:00:00Z"));
    // Only the overdue kind is queued for the webhook.
    expect(await db.select().from(alertDeliveries).where(and(eq(alertDeliveries.orgId, owner.org.id), eq(alertDeliveries.channel, "webhook")))).toHaveLength(1);

    const before = receiver.received.length;
    expect(await deliverDueAlerts(db, { orgId: owner.org.id })).toMatchObject({ retrying: 1 });
    // Not due again until its wait has passed.
    expect(await deliverDueAlerts(db, { orgId: owner.org.id })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    await makeDue(owner.org.id);
    expect(await deliverDueAlerts(db, { orgId: owner.org.id })).toMatchObject({ retrying: 1 });
    await makeDue(owner.org.id);
    expect(await deliverDueAlerts(db, { orgId: owner.org.id })).toMatchObject({ delivered: 1 });
    const [delivered] = await db.select().from(alertDeliveries).where(and(eq(alertDeliveries.orgId, owner.org.id), eq(alertDeliveries.channel, "webhook")));
    expect(delivered).toMatchObject({ status: "delivered", attempts: 3, lastError: null });
    // Amounts stay out of the channel unless the webhook is set to include them.
    expect(receiver.received.slice(before)).toEqual([{ text: expect.stringMatching(/^\*Overdue: INV-H1 is 1-30 days past due\*\nINV-H1 · Hooked Ltd · 5 days late \(1-30 days\)\n<http.*\/reports\/cash-flow#ageing\|Open in Ledgerbridge>$/) }]);

    // A hook that keeps failing: DELIVERY_MAX_ATTEMPTS attempts, then failed with the reason.
    await db.insert(alertDeliveries).values({ orgId: owner.org.id, channel: "webhook", kind: "invoice.overdue", text: "again" });
    receiver.script(Array(DELIVERY_MAX_ATTEMPTS).fill(500));
    for (let n = 0; n < DELIVERY_MAX_ATTEMPTS + 2; n++) {
      await makeDue(owner.org.id);
      await deliverDueAlerts(db, { orgId: owner.org.id });
    }
    const [failed] = await db.select().from(alertDeliveries).where(and(eq(alertDeliveries.orgId, owner.org.id), eq(alertDeliveries.text, "again")));
    expect(failed).toMatchObject({ status: "failed", attempts: DELIVERY_MAX_ATTEMPTS, lastError: `The webhook answered HTTP 500: server_error. Gave up after ${DELIVERY_MAX_ATTEMPTS} attempts.` });

    // A 404 (the hook was deleted in Slack) is not retried.
    receiver.script([404]);
    const test = await sendTestWebhookMessage(db, owner.org.id, owner.org.name);
    expect(test).toEqual({ status: "failed", error: "The webhook answered HTTP 404: no_service. Gave up after 1 attempt (the answer will not change on a retry: check the URL in Settings > Alerts)." });
    expect(await sendTestWebhookMessage(db, owner.org.id, owner.org.name)).toEqual({ status: "delivered", error: null });
  });

  it("two workers at once post a message once, and a removed webhook fails what was waiting", async () => {
    const owner = await makeOrg(db);
    await saveAlertWebhook(db, owner.org.id, owner.user.id, { url: receiver.url, kinds: ["invoice.overdue"] });
    await db.insert(alertDeliveries).values(Array.from({ length: 6 }, (_, n) => ({ orgId: owner.org.id, channel: "webhook", kind: "invoice.overdue", text: `once ${owner.org.id} ${n}` })));
    await Promise.all([deliverDueAlerts(db, { orgId: owner.org.id }), deliverDueAlerts(db, { orgId: owner.org.id })]);
    expect(receiver.received.filter((m) => m.text.startsWith(`once ${owner.org.id}`))).toHaveLength(6);

    await db.insert(alertDeliveries).values({ orgId: owner.org.id, channel: "webhook", kind: "invoice.overdue", text: "orphan" });
    await removeAlertWebhook(db, owner.org.id);
    const [orphan] = await db.select().from(alertDeliveries).where(and(eq(alertDeliveries.orgId, owner.org.id), eq(alertDeliveries.text, "orphan")));
    expect(orphan).toMatchObject({ status: "failed", lastError: "The webhook was removed before this message was delivered." });
  });
});
