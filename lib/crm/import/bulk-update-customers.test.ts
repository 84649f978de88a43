import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers } from "@/db/schema";
import { parseInput } from "@/lib/validation";
import { createCustomer, getCustomer } from "../customers";
import { customerInput } from "../schemas";
import { makeCrmOrg } from "../test-actors";
import { bulkUpdateCustomers } from "./bulk-update-customers";

describe("bulkUpdateCustomers", () => {
  it("updates rows of different shapes in set statements, touching only the columns each row carries and only this organisation", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const other = await makeCrmOrg(db);
    const a = await createCustomer(db, org.owner, parseInput(customerInput, { name: "A", phone: "1", tags: "old" }));
    const b = await createCustomer(db, org.owner, parseInput(customerInput, { name: "B", phone: "2", paymentTermDays: 30 }));
    const foreign = await createCustomer(db, other.owner, parseInput(customerInput, { name: "Foreign" }));
    await bulkUpdateCustomers(db, org.orgId, [
      { id: a.id, input: parseInput(customerInput, { name: "A2", tags: "x, y", kind: "person" }) },
      { id: b.id, input: parseInput(customerInput, { name: "B2", paymentTermDays: "", country: "nz" }) },
      { id: foreign.id, input: parseInput(customerInput, { name: "Hijacked" }) },
    ]);
    expect(await getCustomer(db, org.orgId, a.id)).toMatchObject({ name: "A2", tags: ["x", "y"], kind: "person", phone: "1" });
    expect(await getCustomer(db, org.orgId, b.id)).toMatchObject({ name: "B2", paymentTermDays: null, country: "NZ", phone: "2" });
    const [f] = await db.select().from(customers).where(eq(customers.id, foreign.id));
    expect(f.name).toBe("Foreign");
  });
});
