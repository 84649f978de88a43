import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XeroClient } from "xero-node";
import { DEFAULT_APP, DEMO_TENANTS, type RunningSandbox } from "../index";
import { startConnected } from "./helpers";

interface Received {
  signature: string;
  body: string;
  validSignature: boolean;
}

let sandbox: RunningSandbox;
let xero: XeroClient;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const KEY = DEFAULT_APP.webhook.key;
let answerWith: "correct" | "always-200" | "500" = "correct";

beforeAll(async () => {
  ({ sandbox, xero } = await startConnected());
  // A receiver that checks the signature the way a real one must: HMAC over the raw bytes.
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const signature = String(req.headers["x-xero-signature"] ?? "");
      const expected = createHmac("sha256", KEY).update(raw).digest("base64");
      const validSignature = signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
      received.push({ signature, body: raw.toString(), validSignature });
      const status = answerWith === "500" ? 500 : answerWith === "always-200" || validSignature ? 200 : 401;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/xero`;
  sandbox.control.setWebhook(DEFAULT_APP.clientId, receiverUrl);
});

afterAll(async () => {
  await sandbox.close();
  await new Promise((r) => receiver.close(r));
});

describe("webhooks", () => {
  it("delivers contact and invoice events, batched, signed and numbered", async () => {
    received.length = 0;
    answerWith = "correct";
    const created = await xero.accountingApi.createContacts(DEMO_TENANTS.us, { contacts: [{ name: `Webhook Contact ${Date.now()}` }] });
    const contactId = created.body.contacts![0].contactID!;
    const unpaid = [...sandbox.sandbox.org(DEMO_TENANTS.us)!.invoices.values()].find((i) => i.Status === "AUTHORISED" && i.AmountDue > 0)!;
    sandbox.control.recordPayment(DEMO_TENANTS.us, unpaid.InvoiceID, { amount: 1 });
    await sandbox.control.flushWebhooks();
    expect(received).toHaveLength(1);
    expect(received[0].validSignature).toBe(true);
    const payload = JSON.parse(received[0].body);
    expect(payload.lastEventSequence - payload.firstEventSequence + 1).toBe(payload.events.length);
    expect(payload.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ resourceId: contactId, eventCategory: "CONTACT", eventType: "CREATE", tenantId: DEMO_TENANTS.us, tenantType: "ORGANISATION" }),
        // A payment shows up as an INVOICE UPDATE: Xero has no payment webhook.
        expect.objectContaining({ resourceId: unpaid.InvoiceID, eventCategory: "INVOICE", eventType: "UPDATE" }),
      ]),
    );
  });

  it("retries a failed delivery", async () => {
    received.length = 0;
    answerWith = "500";
    sandbox.sandbox.webhooks.options.retryDelaysMs = [50, 50];
    sandbox.control.editContact(DEMO_TENANTS.us, [...sandbox.sandbox.org(DEMO_TENANTS.us)!.contacts.values()][0].ContactID, { phone: "555 9999" });
    await sandbox.control.flushWebhooks();
    await new Promise((r) => setTimeout(r, 400));
    expect(received.length).toBe(3);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    answerWith = "correct";
  });

  it("runs Xero's intent-to-receive check: passes a correct receiver, fails one that accepts bad signatures", async () => {
    answerWith = "correct";
    expect(await sandbox.control.intentToReceive(DEFAULT_APP.clientId)).toEqual({ ok: true, goodStatus: 200, badStatus: 401 });
    answerWith = "always-200";
    expect(await sandbox.control.intentToReceive(DEFAULT_APP.clientId)).toMatchObject({ ok: false, badStatus: 200 });
    answerWith = "correct";
  });
});
