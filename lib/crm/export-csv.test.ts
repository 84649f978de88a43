import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { parseInput } from "@/lib/validation";
import { createCustomer } from "./customers";
import { createDeal } from "./deals";
import { exportCsv } from "./export-csv";
import { customerInput, dealInput } from "./schemas";
import { makeCrmOrg } from "./test-actors";

describe("CSV export", () => {
  it("leaves amounts out for members without financial visibility, and only holds the organisation's rows", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const other = await makeCrmOrg(db);
    const c = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Pied Piper" }));
    await createDeal(db, org.owner, parseInput(dealInput, { title: "Compression", customerId: c.id, lines: [{ description: "Licence", quantity: 1, unitPrice: 1234.5 }] }));
    await createCustomer(db, other.owner, parseInput(customerInput, { name: "Other tenant" }));
    const seen = await exportCsv(db, org.orgId, "deals", true);
    expect(seen.split("\r\n")[1]).toMatch(/Compression,Pied Piper,Lead,1234\.50,USD/);
    const blind = await exportCsv(db, org.orgId, "deals", false);
    expect(blind).not.toContain("1234");
    expect(blind.split("\r\n")[1]).toMatch(/Compression,Pied Piper,Lead,,USD/);
    const people = await exportCsv(db, org.orgId, "customers", true);
    expect(people).toContain("Pied Piper");
    expect(people).not.toContain("Other tenant");
    await expect(exportCsv(db, org.orgId, "invoices", true)).rejects.toMatchObject({ code: "not_found" });
  });
});
