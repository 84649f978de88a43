import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XeroClient } from "xero-node";
import { DEMO_TENANTS, type RunningSandbox } from "../index";
import { failure, startConnected } from "./helpers";

let sandbox: RunningSandbox;
let xero: XeroClient;
const US = DEMO_TENANTS.us;

beforeAll(async () => {
  ({ sandbox, xero } = await startConnected());
});
afterAll(() => sandbox.close());

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sandbox.url}/__sandbox/api/${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

describe("sandbox control plane over HTTP", () => {
  it("summarises the organisations and the apps connected to them", async () => {
    const { body } = await call("GET", "state");
    expect(body.organisations.map((o: { name: string }) => o.name).sort()).toEqual(["Demo Company (UK)", "Demo Company (US)"]);
    expect(body.organisations[0].connectedApps).toEqual(["ledgerbridge-sandbox"]);
  });

  it("plays the accountant: a phone edit in Xero shows up for the API client with a newer UpdatedDateUTC", async () => {
    const before = sandbox.sandbox.clock.now();
    const contact = (await xero.accountingApi.getContacts(US)).body.contacts![0];
    const edited = await call("POST", `orgs/${US}/contacts/${contact.contactID}`, { phone: "555 0000" });
    expect(edited.status).toBe(200);
    const changed = await xero.accountingApi.getContacts(US, new Date(before - 1000));
    expect(changed.body.contacts!.find((c) => c.contactID === contact.contactID)!.phones![0].phoneNumber).toBe("555 0000");
  });

  it("plays the accountant typing a new contact: the API client sees it; a taken name or no name is refused", async () => {
    const made = await call("POST", `orgs/${US}/contacts`, { name: "  Typed In Ltd ", email: "typed@example.test", phone: "555 1234" });
    expect(made).toMatchObject({ status: 200, body: { Name: "Typed In Ltd", EmailAddress: "typed@example.test" } });
    const seen = await xero.accountingApi.getContact(US, made.body.ContactID);
    expect(seen.body.contacts![0]).toMatchObject({ name: "Typed In Ltd", phones: [{ phoneNumber: "555 1234" }] });
    expect(await call("POST", `orgs/${US}/contacts`, { name: "typed in ltd" })).toMatchObject({ status: 409, body: { error: expect.stringContaining("must be unique") } });
    expect(await call("POST", `orgs/${US}/contacts`, { email: "x@example.test" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("name is required") } });
  });

  it("approves, pays and marks an invoice viewed through the online invoice link", async () => {
    const draft = [...sandbox.sandbox.org(US)!.invoices.values()].find((i) => i.Status === "DRAFT" && i.LineItems.every((l) => l.AccountCode))!;
    expect((await call("POST", `orgs/${US}/invoices/${draft.InvoiceID}/approve`)).body.Status).toBe("AUTHORISED");
    const link = (await xero.accountingApi.getOnlineInvoice(US, draft.InvoiceID)).body.onlineInvoices![0].onlineInvoiceUrl!;
    expect((await fetch(link)).status).toBe(200);
    const history = await xero.accountingApi.getInvoiceHistory(US, draft.InvoiceID);
    expect(history.body.historyRecords!.map((h) => h.changes)).toContain("Viewed");
    const paid = await call("POST", `orgs/${US}/invoices/${draft.InvoiceID}/payment`, {});
    expect(paid.body).toMatchObject({ Status: "PAID", AmountDue: 0 });
    const refused = await call("POST", `orgs/${US}/invoices/${draft.InvoiceID}/payment`, { amount: 1 });
    expect(refused).toMatchObject({ status: 409, body: { error: "Payments can only be made against Authorised documents" } });
  });

  it("runs due repeating invoices when the clock moves on", async () => {
    const repeating = (await xero.accountingApi.getRepeatingInvoices(US)).body.repeatingInvoices!;
    await call("POST", "clock/advance", { days: 32 });
    // A month later the access token has long expired (30 minutes): refresh, as a client must.
    await xero.refreshWithRefreshToken("ledgerbridge-sandbox", "sandbox-secret", xero.readTokenSet().refresh_token!);
    const { body } = await call("POST", "repeating-invoices/run");
    expect(body.created.length).toBeGreaterThanOrEqual(repeating.length);
    const made = await xero.accountingApi.getInvoices(US, undefined, undefined, undefined, body.created);
    expect(made.body.invoices!.every((i) => repeating.some((r) => r.repeatingInvoiceID === i.repeatingInvoiceID))).toBe(true);
  });

  it("validates fault settings, injects them and clears them", async () => {
    expect((await call("POST", "faults", { failNext: { count: 1, status: 418 } })).status).toBe(400);
    expect((await call("POST", "faults", { force429: { count: 1, problem: "day" } })).status).toBe(200);
    const limited = await failure(xero.accountingApi.getCurrencies(US));
    expect(limited).toMatchObject({ status: 429, headers: { "x-rate-limit-problem": "day" } });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    await call("DELETE", "faults");
    expect((await xero.accountingApi.getCurrencies(US)).response.status).toBe(200);
    expect((await call("POST", "nonsense")).status).toBe(404);
  });
});
