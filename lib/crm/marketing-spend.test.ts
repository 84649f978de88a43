import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { parseInput } from "@/lib/validation";
import { listMarketingSpend, saveMarketingSpend } from "./marketing-spend";
import { marketingSpendInput } from "./schemas";
import { makeCrmOrg } from "./test-actors";

describe("marketing spend", () => {
  it("keeps one figure per source and month, refuses sales and a malformed month", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    await saveMarketingSpend(db, org.finance, parseInput(marketingSpendInput, { leadSource: "Google Ads", month: "2026-10", amount: "1200" }));
    await saveMarketingSpend(db, org.finance, parseInput(marketingSpendInput, { leadSource: "Google Ads", month: "2026-10", amount: "1350.50" }));
    expect(await listMarketingSpend(db, org.orgId)).toMatchObject([{ leadSource: "Google Ads", month: "2026-10-01", amount: "1350.50", currency: "USD" }]);
    await expect(saveMarketingSpend(db, org.sales, parseInput(marketingSpendInput, { leadSource: "X", month: "2026-10", amount: 1 }))).rejects.toMatchObject({ code: "forbidden" });
    expect(() => parseInput(marketingSpendInput, { leadSource: "X", month: "October", amount: 1 })).toThrowError(/month: Month must look like 2026-11/);
  });
});
