import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/xero/route";
import { getDb } from "@/db";
import { customers, xeroInvoices, xeroWebhookEvents } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { connectedSyncOrg, liftXeroLimits, startSandboxForApp } from "@/test/xero-app-sandbox";
import { signWebhook, type RunningSandbox } from "@/xero-sandbox";
import { ALL_RESOURCES, pullResources } from "../pull/pull-resources";
import { verifyXeroSignature } from "./verify-signature";

let sandbox: RunningSandbox;
let server: Server;
let hookUrl: string;

/** The portal's webhook route behind a real HTTP port, as the sandbox (or Xero) reaches it. */
beforeAll(async () => {
  sandbox = await startSandboxForApp();
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = await POST(new Request("http://localhost/api/webhooks/xero", { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/xero`;
  sandbox.control.setWebhook("ledgerbridge-sandbox", hookUrl, getEnv().xeroWebhookKey);
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await sandbox.close();
});
beforeEach(() => {
  sandbox.control.clearFaults();
  liftXeroLimits(sandbox);
});

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("Xero webhooks", () => {
  it("verifies HMAC-SHA256 over the raw bytes", () => {
    const body = Buffer.from('{"events":[]}');
    const key = "a-webhook-key-for-tests";
    expect(verifyXeroSignature(body, signWebhook(key, body.toString()), key)).toBe(true);
    expect(verifyXeroSignature(Buffer.from('{"events": []}'), signWebhook(key, body.toString()), key)).toBe(false);
    expect(verifyXeroSignature(body, signWebhook("another-key", body.toString()), key)).toBe(false);
    expect(verifyXeroSignature(body, null, key)).toBe(false);
    expect(verifyXeroSignature(body, "not base64 at all!", key)).toBe(false);
  });

  it("answers a bad signature with 401 and passes Xero's intent-to-receive", async () => {
    const res = await fetch(hookUrl, { method: "POST", headers: { "x-xero-signature": "bad" }, body: '{"events":[]}' });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
    const intent = await sandbox.control.intentToReceive("ledgerbridge-sandbox");
    expect(intent).toEqual({ ok: true, goodStatus: 200, badStatus: 401 });
  });

  it("a phone edited in Xero and a payment recorded there show in the portal within seconds; repeated events are kept once", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const contact = [...sandbox.sandbox.org(tenantId)!.contacts.values()].find((c) => c.Name === "Golden Gate Yoga")!;
    const [customer] = await db.select().from(customers).where(and(eq(customers.orgId, orgId), eq(customers.xeroContactId, contact.ContactID)));
    expect(customer).toBeDefined();

    const started = Date.now();
    sandbox.control.editContact(tenantId, contact.ContactID, { phone: "+1 510 555 0199" });
    await sandbox.control.flushWebhooks();
    const updated = await until("the phone to arrive", async () => (await db.select().from(customers).where(eq(customers.id, customer.id)))[0].phone === "+1 510 555 0199");
    expect(updated).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);

    const open = [...sandbox.sandbox.org(tenantId)!.invoices.values()].find((i) => i.Type === "ACCREC" && i.Status === "AUTHORISED" && i.AmountPaid === 0)!;
    sandbox.control.recordPayment(tenantId, open.InvoiceID, {});
    await sandbox.control.flushWebhooks();
    await until("the invoice to be paid", async () => (await db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, open.InvoiceID))))[0]?.status === "PAID");

    // The same event delivered again is kept once.
    const before = await db.$count(xeroWebhookEvents, eq(xeroWebhookEvents.orgId, orgId));
    const events = [{ resourceUrl: "x", resourceId: contact.ContactID, eventDateUtc: "2026-12-01T10:00:00.000Z", eventType: "UPDATE", eventCategory: "CONTACT", tenantId, tenantType: "ORGANISATION" }];
    for (let i = 0; i < 2; i++) {
      const body = JSON.stringify({ events, firstEventSequence: 1, lastEventSequence: 1, entropy: "X" });
      const res = await fetch(hookUrl, { method: "POST", headers: { "x-xero-signature": signWebhook(getEnv().xeroWebhookKey, body), "content-type": "application/json" }, body });
      expect(res.status).toBe(200);
    }
    expect(await db.$count(xeroWebhookEvents, eq(xeroWebhookEvents.orgId, orgId))).toBe(before + 1);
  });
});

describe("credit notes", () => {
  it("a credit applied in Xero arrives as a mirrored credit note and an invoice that owes less", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const open = [...sandbox.sandbox.org(tenantId)!.invoices.values()].find((i) => i.Type === "ACCREC" && i.Status === "AUTHORISED" && i.AmountPaid === 0 && i.AmountDue > 20)!;
    const note = sandbox.control.creditInvoice(tenantId, open.InvoiceID, { amount: 10, reason: "Goodwill" });
    await sandbox.control.flushWebhooks();
    const { xeroCreditNotes } = await import("@/db/schema");
    const mirrored = await until("the credit note", async () => (await db.select().from(xeroCreditNotes).where(and(eq(xeroCreditNotes.orgId, orgId), eq(xeroCreditNotes.xeroCreditNoteId, note.CreditNoteID))))[0]);
    expect(mirrored).toMatchObject({ total: "10.00", remainingCredit: "0.00", status: "PAID", allocations: [{ xeroInvoiceId: open.InvoiceID, amount: "10.00" }] });
    const invoice = await until("the invoice to owe less", async () => {
      const [row] = await db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, open.InvoiceID)));
      return row?.amountCredited === "10.00" ? row : null;
    });
    expect(invoice.amountDue).toBe((open.Total - 10).toFixed(2));
  });
});
