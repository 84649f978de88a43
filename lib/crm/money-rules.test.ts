import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { parseInput } from "@/lib/validation";
import { createCustomer } from "./customers";
import { createDeal, getDeal, updateDeal } from "./deals";
import { lineAmount, lineCents } from "./money";
import { createProduct, updateProduct } from "./products";
import { customerInput, dealInput, dealPatch, productInput, subscriptionInput, subscriptionUpdate } from "./schemas";
import { getSubscription, saveSubscription } from "./subscriptions";
import { makeCrmOrg } from "./test-actors";

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { fields: { field: string; message: string }[] }).fields;
  }
  return [];
};

describe("money parsing", () => {
  it("accepts plain decimals only: no decimal commas, hex, exponents or thousands separators", () => {
    expect(parseInput(productInput, { code: "A", name: "A", unitPrice: "1250.50" }).unitPrice).toBe(1250.5);
    for (const bad of ["12,50", "0x1F4", "1e3", "1,250.00", "$12", "12 50", "Infinity"]) {
      const fields = fieldsOf(() => parseInput(productInput, { code: "A", name: "A", unitPrice: bad }));
      expect(fields, bad).toEqual([{ field: "unitPrice", message: expect.stringMatching(/no commas/) }]);
    }
  });

  it("refuses more decimals than are stored, so the amount is computed from what is kept", () => {
    expect(fieldsOf(() => parseInput(dealInput, { title: "T", customerId: crypto.randomUUID(), lines: [{ description: "x", quantity: 1.00005, unitPrice: 1 }] }))).toEqual([
      { field: "lines.0.quantity", message: expect.stringMatching(/at most 4 decimals/) },
    ]);
    expect(fieldsOf(() => parseInput(dealInput, { title: "T", customerId: crypto.randomUUID(), lines: [{ description: "x", quantity: 1, unitPrice: 1, discountPercent: 33.333 }] }))[0].field).toBe("lines.0.discountPercent");
    expect(fieldsOf(() => parseInput(dealInput, { title: "T", customerId: crypto.randomUUID(), expectedCloseDate: "0000-01-01" }))[0].field).toBe("expectedCloseDate");
  });

  it("rounds a line once, exactly, half away from zero", () => {
    expect(lineAmount(3, 0.1)).toBe("0.30");
    expect(lineAmount(1.005, 1)).toBe("1.01");
    expect(lineAmount(0.3333, 3, 12.5)).toBe("0.87");
    expect(lineCents(1_000_000, 999_999_999)).toBe(99_999_999_900_000_000);
  });
});

describe("amount rules", () => {
  it("an overflowing line or total is a 400 naming the line, never a 500", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const c = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Big" }));
    await expect(createDeal(db, org.owner, parseInput(dealInput, { title: "Huge", customerId: c.id, lines: [{ description: "x", quantity: 1_000_000, unitPrice: 999_999_999 }] }))).rejects.toMatchObject({
      code: "validation",
      fields: [{ field: "lines.0.quantity" }],
    });
    const lines = Array.from({ length: 200 }, () => ({ description: "x", quantity: 1000, unitPrice: 999_999_999 }));
    await expect(createDeal(db, org.owner, parseInput(dealInput, { title: "Huge", customerId: c.id, lines }))).rejects.toMatchObject({ fields: [{ field: "lines" }] });
  });

  it("changing a deal's currency without re-pricing its lines is refused; with lines it re-prices", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const c = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Curr" }));
    const eur = await createProduct(db, org.owner, parseInput(productInput, { code: "EUR-SEAT", name: "Seat", unitPrice: 40, currency: "EUR" }));
    const deal = await createDeal(db, org.owner, parseInput(dealInput, { title: "D", customerId: c.id, currency: "USD", lines: [{ description: "Work", quantity: 1, unitPrice: 100 }] }));
    await expect(updateDeal(db, org.owner, deal.id, parseInput(dealPatch, { currency: "EUR" }))).rejects.toMatchObject({ fields: [{ field: "currency" }] });
    expect((await getDeal(db, org.orgId, deal.id)).currency).toBe("USD");
    const repriced = await updateDeal(db, org.owner, deal.id, parseInput(dealPatch, { currency: "EUR", lines: [{ productId: eur.id, quantity: 2 }] }));
    expect(repriced).toMatchObject({ currency: "EUR", amount: "80.00" });
  });

  it("a key or member without amounts cannot set a product's price", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const blindKey = { ...org.admin, role: "api" as const, userId: null, canSeeAmounts: false };
    await expect(createProduct(db, blindKey, parseInput(productInput, { code: "P1", name: "P", unitPrice: 5 }))).rejects.toMatchObject({ code: "forbidden", fields: [{ field: "unitPrice" }] });
    const p = await createProduct(db, org.owner, parseInput(productInput, { code: "P2", name: "P", unitPrice: 5 }));
    await expect(updateProduct(db, blindKey, p.id, { unitPrice: 1 })).rejects.toMatchObject({ code: "forbidden" });
    expect((await updateProduct(db, blindKey, p.id, { name: "Renamed" })).unitPrice).toBe("5.00");
  });

  it("a subscription's status can change without its lines (and their prices) being sent", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const c = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Sub" }));
    const sub = await saveSubscription(db, org.owner, null, parseInput(subscriptionInput, { customerId: c.id, interval: "monthly", startDate: "2026-01-01", lines: [{ description: "Plan", quantity: 1, unitPrice: 99 }] }));
    const blindKey = { ...org.admin, role: "api" as const, userId: null, canSeeAmounts: false };
    const paused = await saveSubscription(db, blindKey, sub.id, parseInput(subscriptionUpdate, { customerId: c.id, interval: "monthly", startDate: "2026-01-01", currency: "USD", status: "paused" }));
    expect(paused).toMatchObject({ status: "paused", amount: "99.00" });
    expect((await getSubscription(db, org.orgId, sub.id)).lines.map((l) => l.unitPrice)).toEqual(["99.00"]);
    await expect(saveSubscription(db, org.owner, sub.id, parseInput(subscriptionUpdate, { customerId: c.id, interval: "monthly", startDate: "2026-01-01", currency: "EUR" }))).rejects.toMatchObject({ fields: [{ field: "currency" }] });
  });
});
