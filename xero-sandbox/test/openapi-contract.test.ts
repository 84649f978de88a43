import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XeroClient } from "xero-node";
import { parse } from "yaml";
import { DEMO_TENANTS, type RunningSandbox } from "../index";
import { ALL_SCOPES, BALANCE_SHEET_SCOPE, startConnected } from "./helpers";

// Xero's own OpenAPI file is the contract. It lives in ../shared beside the project (CI has it);
// it is not copied into the repository, so without it these tests cannot run and say so.
const SPEC = path.resolve(import.meta.dirname, "../../../shared/xero-openapi/xero_accounting.yaml");
const haveSpec = existsSync(SPEC);

describe.skipIf(!haveSpec)("sandbox answers validate against Xero's OpenAPI schemas (needs ../shared/xero-openapi)", () => {
  let sandbox: RunningSandbox;
  let xero: XeroClient;
  let ajv: Ajv;
  const US = DEMO_TENANTS.us;

  beforeAll(async () => {
    ({ sandbox, xero } = await startConnected({}, [...ALL_SCOPES, BALANCE_SHEET_SCOPE]));
    const doc = parse(readFileSync(SPEC, "utf8"));
    // OpenAPI 3.0 schemas: `nullable`, `example` and x- keywords are not JSON Schema; formats are
    // Xero's own (double, uuid, date); the shapes, types, enums and required fields are checked.
    ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: "xero", components: doc.components });
  }, 60_000);
  afterAll(() => sandbox?.close());

  async function get(pathAndQuery: string) {
    const res = await fetch(`${sandbox.url}/api.xro/2.0/${pathAndQuery}`, {
      headers: { authorization: `Bearer ${xero.readTokenSet().access_token}`, "xero-tenant-id": US, accept: "application/json" },
    });
    return { status: res.status, body: await res.json() };
  }

  function expectValid(schema: string, body: unknown) {
    const validate = ajv.getSchema(`xero#/components/schemas/${schema}`);
    if (!validate) throw new Error(`No schema ${schema} in the OpenAPI file`);
    const ok = validate(body);
    expect(ok ? [] : validate.errors!.slice(0, 5).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
  }

  const reads: [string, string][] = [
    ["Contacts?page=1&pageSize=50", "Contacts"],
    ["Invoices?page=1&pageSize=200", "Invoices"],
    ["Payments?page=1", "Payments"],
    ["CreditNotes?page=1", "CreditNotes"],
    ["Items", "Items"],
    ["TaxRates", "TaxRates"],
    ["Accounts", "Accounts"],
    ["Currencies", "Currencies"],
    ["Organisation", "Organisations"],
    ["Quotes?page=1", "Quotes"],
    ["RepeatingInvoices", "RepeatingInvoices"],
    ["BankTransactions?page=1", "BankTransactions"],
    ["Reports/ProfitAndLoss?fromDate=2025-01-01&toDate=2025-12-31&periods=2&timeframe=QUARTER", "ReportWithRows"],
    ["Reports/BankSummary?fromDate=2025-01-01&toDate=2025-12-31", "ReportWithRows"],
    ["Reports/BalanceSheet?date=2025-12-31&periods=3&timeframe=MONTH", "ReportWithRows"],
  ];

  it.each(reads)("GET %s matches %s", async (url, schema) => {
    const { status, body } = await get(url);
    expect(status).toBe(200);
    expectValid(schema, body);
  });

  it("single invoice, online invoice link and history match their schemas", async () => {
    const inv = [...sandbox.sandbox.org(US)!.invoices.values()].find((i) => i.Status === "AUTHORISED")!;
    expectValid("Invoices", (await get(`Invoices/${inv.InvoiceID}`)).body);
    expectValid("OnlineInvoices", (await get(`Invoices/${inv.InvoiceID}/OnlineInvoice`)).body);
    expectValid("HistoryRecords", (await get(`Invoices/${inv.InvoiceID}/History`)).body);
  });

  it("overpayments and prepayments, allocated to an invoice, match Overpayments, Prepayments and Allocations", async () => {
    const org = sandbox.sandbox.org(US)!;
    const inv = [...org.invoices.values()].find((i) => i.Type === "ACCREC" && i.Status === "AUTHORISED" && i.AmountDue >= 2)!;
    for (const kind of ["overpayment", "prepayment"] as const) sandbox.control.recordCashCredit(US, { kind, contactId: inv.ContactID, amount: 5, invoiceId: inv.InvoiceID, allocate: 1 });
    const overs = await get("Overpayments?page=1&pageSize=100");
    expect(overs.body.Overpayments[0].Allocations).toHaveLength(1);
    expectValid("Overpayments", overs.body);
    expectValid("Prepayments", (await get("Prepayments?page=1")).body);
    const pre = [...org.prepayments.values()][0];
    const res = await fetch(`${sandbox.url}/api.xro/2.0/Prepayments/${pre.ID}/Allocations?summarizeErrors=false`, {
      method: "PUT",
      headers: { authorization: `Bearer ${xero.readTokenSet().access_token}`, "xero-tenant-id": US, "content-type": "application/json" },
      body: JSON.stringify({ Allocations: [{ Invoice: { InvoiceID: inv.InvoiceID }, Amount: 1, Date: "2026-11-01" }, { Invoice: { InvoiceID: inv.InvoiceID }, Amount: 1000000, Date: "2026-11-01" }] }),
    });
    const answer = await res.json();
    expect(answer.Allocations.map((a: { StatusAttributeString: string }) => a.StatusAttributeString)).toEqual(["OK", "ERROR"]);
    expectValid("Allocations", answer);
  });

  it("PUT /Currencies answers Currencies, and its refusal is an Error", async () => {
    const put = async (body: unknown) => {
      const res = await fetch(`${sandbox.url}/api.xro/2.0/Currencies`, {
        method: "PUT",
        headers: { authorization: `Bearer ${xero.readTokenSet().access_token}`, "xero-tenant-id": US, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    const enabled = await put({ Code: "NZD", Description: "New Zealand Dollar" });
    expect(enabled.status).toBe(200);
    expectValid("Currencies", enabled.body);
    const refused = await put({ Code: "NOPE" });
    expect(refused.status).toBe(400);
    expectValid("Error", refused.body);
  });

  it("write answers (with per-element errors) and the 400 ValidationException match", async () => {
    const post = async (query: string, body: unknown) => {
      const res = await fetch(`${sandbox.url}/api.xro/2.0/Contacts${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${xero.readTokenSet().access_token}`, "xero-tenant-id": US, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    const batch = { Contacts: [{ Name: `Schema Check ${Date.now()}` }, { Name: "Bad", EmailAddress: "nope" }] };
    const lenient = await post("?summarizeErrors=false", batch);
    expect(lenient.status).toBe(200);
    expectValid("Contacts", lenient.body);
    const strict = await post("", { Contacts: [{ Name: "Bad 2", EmailAddress: "nope" }] });
    expect(strict.status).toBe(400);
    expectValid("Error", strict.body);
  });
});
