import { describe, expect, it } from "vitest";
import { getInvoiceSettings, saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal } from "@/lib/crm/deals";
import { createProduct } from "@/lib/crm/products";
import { customerInput, dealInput, productInput } from "@/lib/crm/schemas";
import { makeOrg } from "@/test/factories";
import { parseInput } from "@/lib/validation";
import { invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import { getDb } from "@/db";
import { goLiveCheck } from "./go-live-check";

const sandboxOf = sandboxForFile();

describe("the go-live check", () => {
  it("lists what would stop the sync before anything is sent, each with where to fix it; a clean setup lists nothing", async () => {
    const sandbox = sandboxOf();
    const org = await invoicingOrg(sandbox, { customerName: "Go Live" });
    const { db, orgId, actor, open } = org;
    // invoicingOrg's settings are clean (account 200, tax NONE, drafts).
    expect(await goLiveCheck(db, orgId)).toEqual([]);

    await saveInvoiceSettings(db, orgId, { ...(await getInvoiceSettings(db, orgId)), status: "AUTHORISED", defaultSalesAccountCode: null, defaultTaxType: "NOPE", sendByLedgerbridge: true });
    await createProduct(db, actor, parseInput(productInput, { code: "GL-TAX", name: "Odd tax", unitPrice: "1.00", taxType: "MADEUP", salesAccountCode: "200" }));
    await createProduct(db, actor, parseInput(productInput, { code: "GL-ACCT", name: "Odd account", unitPrice: "1.00", salesAccountCode: "999" }));
    await createProduct(db, actor, parseInput(productInput, { code: "GL-NONE", name: "No account", unitPrice: "1.00" }));
    const silent = await createCustomer(db, actor, parseInput(customerInput, { name: "Silent Ltd" }));
    await createDeal(db, actor, parseInput(dealInput, { title: "Yen deal", customerId: silent.id, stageId: open.id, currency: "JPY", lines: [{ description: "x", quantity: 1, unitPrice: 100 }] }));

    const problems = await goLiveCheck(db, orgId);
    const byCode = (code: string) => problems.filter((p) => p.code === code).flatMap((p) => p.examples.map((e) => e.label));
    expect(byCode("tax_rate_unknown").sort()).toEqual(["GL-TAX (MADEUP)", "NOPE"]);
    expect(byCode("account_unknown")).toEqual(["GL-ACCT (999)"]);
    expect(byCode("account_missing")).toContain("GL-NONE");
    expect(byCode("currency_not_enabled")).toEqual(["Yen deal (JPY)"]);
    expect(byCode("customer_without_email")).toEqual(["Silent Ltd"]);
    expect(problems.every((p) => p.link.startsWith("/o/") && p.message.length > 20)).toBe(true);

    // Not connected: that is the one problem.
    const bare = await makeOrg(getDb());
    expect((await goLiveCheck(getDb(), bare.org.id)).map((p) => p.code)).toEqual(["not_connected"]);
  });
});
