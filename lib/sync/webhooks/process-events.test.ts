import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncItems, xeroInvoices, xeroWebhookEvents } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { drainAll, invoicesFor, invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { ECHO_WINDOW_MS } from "./own-writes";
import { HOLD_FOR_ANSWER_MS, processWebhookEvents } from "./process-events";
import { recordWebhookEvents, type WebhookPayload } from "./record-events";

type WebhookEvent = WebhookPayload["events"][number];

/**
 * The sandbox's own webhook events (the echo of our push, the accountant's approval), caught on a
 * port of this file instead of going to the portal's route, so each test hands them to the
 * processing in the deliveries it wants and runs the rounds itself.
 */
const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
let server: Server;
const caught: WebhookEvent[] = [];
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    caught.push(...(JSON.parse(Buffer.concat(chunks).toString("utf8")) as { events: WebhookEvent[] }).events);
    res.writeHead(200).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  sandboxOf().control.setWebhook("ledgerbridge-sandbox", `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, getEnv().xeroWebhookKey);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  sandbox = sandboxOf();
});

const delivery = (events: WebhookEvent[]) => ({ events, firstEventSequence: 1, lastEventSequence: events.length, entropy: "X" });

/**
 * Our push of a won deal's draft, then the accountant approving it in Xero 200 ms after the
 * UpdatedDateUTC Xero answered our write with: the two events Xero raises for that invoice.
 */
async function pushedThenApproved(customerName: string) {
  const org = await invoicingOrg(sandbox, { customerName });
  const deal = await org.newDeal("Year-end audit");
  await drainAll(org.orgId);
  const [invoice] = invoicesFor(sandbox, org.tenantId, deal.id);
  expect(invoice.Status).toBe("DRAFT");
  const writtenAt = invoice.UpdatedDateUTC;
  // Until the sandbox's own clock says 200 ms have passed: a timer may fire a millisecond early by it (CI saw 199).
  while (sandbox.sandbox.clock.now() < writtenAt + 200) await new Promise((r) => setTimeout(r, Math.max(1, writtenAt + 200 - sandbox.sandbox.clock.now())));
  sandbox.control.approveInvoice(org.tenantId, invoice.InvoiceID);
  await sandbox.control.flushWebhooks();
  const [echo, approval, ...more] = caught.filter((e) => e.resourceId === invoice.InvoiceID);
  expect(more).toEqual([]);
  expect({ echo: echo.eventType, approval: approval.eventType }).toEqual({ echo: "CREATE", approval: "UPDATE" });
  // Both dated within the echo window of our write: only the count of one echo per write tells them
  // apart. (The echo may be a millisecond before the answer's stamp: the sandbox stamps each record
  // of a batch a millisecond apart.)
  const after = (e: WebhookEvent) => Date.parse(e.eventDateUtc) - writtenAt;
  expect(Math.abs(after(echo))).toBeLessThan(50);
  expect(after(approval)).toBeGreaterThanOrEqual(200);
  expect(after(approval)).toBeLessThan(ECHO_WINDOW_MS);
  const invoiceGets = () => sandbox.control.requests({ tenantId: org.tenantId, pathPrefix: "/api.xro/2.0/Invoices" }).filter((c) => c.method === "GET").length;
  const mirrored = async () => (await getDb().select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, org.orgId), eq(xeroInvoices.xeroInvoiceId, invoice.InvoiceID))))[0].status;
  expect(await mirrored()).toBe("DRAFT");
  return { ...org, echo, approval, invoiceGets, mirrored };
}

describe("the accountant's change right after our write is not taken for its echo", () => {
  it("both events in one delivery: the invoice is fetched once and shows approved", async () => {
    const { db, orgId, echo, approval, invoiceGets, mirrored } = await pushedThenApproved("One Delivery");
    const before = invoiceGets();
    await recordWebhookEvents(db, delivery([echo, approval]));
    const round = await processWebhookEvents(db, orgId);
    console.info(`one delivery: GET /Invoices ${invoiceGets() - before}, round ${JSON.stringify(round)}`);
    expect({ gets: invoiceGets() - before, echoes: round.echoes, invoices: round.invoices, remaining: round.remaining }).toEqual({ gets: 1, echoes: 1, invoices: 1, remaining: 0 });
    expect(await mirrored()).toBe("AUTHORISED");
  });

  it("in two deliveries: our lone echo costs no fetch, the approval after it costs one and shows", async () => {
    const { db, orgId, echo, approval, invoiceGets, mirrored } = await pushedThenApproved("Two Deliveries");
    const before = invoiceGets();
    await recordWebhookEvents(db, delivery([echo]));
    const first = await processWebhookEvents(db, orgId);
    expect({ gets: invoiceGets() - before, echoes: first.echoes, invoices: first.invoices }).toEqual({ gets: 0, echoes: 1, invoices: 0 });
    expect(await mirrored()).toBe("DRAFT");

    await recordWebhookEvents(db, delivery([approval]));
    const second = await processWebhookEvents(db, orgId);
    console.info(`two deliveries: GET /Invoices ${invoiceGets() - before}, rounds ${JSON.stringify(first)} ${JSON.stringify(second)}`);
    expect({ gets: invoiceGets() - before, echoes: second.echoes, invoices: second.invoices }).toEqual({ gets: 1, echoes: 0, invoices: 1 });
    expect(await mirrored()).toBe("AUTHORISED");

    // Xero delivering the approval again changes nothing: it is kept once, and nothing is fetched.
    await recordWebhookEvents(db, delivery([echo, approval]));
    expect(await processWebhookEvents(db, orgId)).toMatchObject({ events: 0, calls: 0 });
    expect(invoiceGets() - before).toBe(1);
  });
});

describe("an event that may be the echo of a push still waiting for its answer", () => {
  it("waits while a push of its kind holds a live claim, at most HOLD_FOR_ANSWER_MS; other kinds and lapsed leases hold nothing", async () => {
    const { db, orgId, tenantId, echo, approval, invoiceGets } = await pushedThenApproved("Held Back");
    // A push of another deal is in flight: its answer (and what it lets us recognise) is still to come.
    const [claim] = await db
      .insert(syncItems)
      .values({ orgId, entityType: "deal", entityId: crypto.randomUUID(), operation: "upsert", status: "in_flight", claimToken: crypto.randomUUID(), claimedUntil: new Date(Date.now() + 60_000) })
      .returning();
    const contactEvent = { ...approval, eventCategory: "CONTACT", resourceId: crypto.randomUUID(), tenantId };
    await recordWebhookEvents(db, delivery([echo, approval, contactEvent]));
    const before = invoiceGets();
    const held = await processWebhookEvents(db, orgId);
    // Both invoice events wait; the contact event (no contact push in flight) is fetched at once.
    expect({ held: held.held, remaining: held.remaining, invoiceGets: invoiceGets() - before, contacts: held.contacts }).toEqual({ held: 2, remaining: 2, invoiceGets: 0, contacts: 1 });

    // Received longer ago than the hold allows: a push that hangs does not stall the webhooks.
    await db
      .update(xeroWebhookEvents)
      .set({ receivedAt: new Date(Date.now() - HOLD_FOR_ANSWER_MS - 1000) })
      .where(and(eq(xeroWebhookEvents.orgId, orgId), eq(xeroWebhookEvents.category, "INVOICE")));
    const late = await processWebhookEvents(db, orgId);
    expect({ held: late.held, remaining: late.remaining, echoes: late.echoes, invoices: late.invoices }).toEqual({ held: 0, remaining: 0, echoes: 1, invoices: 1 });

    // A lapsed lease is a dead worker, not an answer to wait for.
    await db.update(syncItems).set({ claimedUntil: new Date(Date.now() - 1000) }).where(eq(syncItems.id, claim.id));
    await recordWebhookEvents(db, delivery([{ ...approval, eventDateUtc: new Date().toISOString() }]));
    expect((await processWebhookEvents(db, orgId)).held).toBe(0);
  });
});
