import { describe, expect, it } from "vitest";
import type { SyncedContactValues } from "@/db/schema";
import { contactPayload } from "./contact-payload";

const v = (over: Partial<SyncedContactValues> = {}): SyncedContactValues => ({ name: "Acme", email: "ap@acme.test", phone: "1", addressLine1: "1 High St", addressLine2: null, city: "Leeds", region: null, postalCode: "LS1", country: "GB", taxNumber: "GB1", paymentTermDays: null, currency: null, ...over });
const street = { addressLine1: "1 High St", addressLine2: null, city: "Leeds", region: null, postalCode: "LS1", country: "GB" };

describe("contactPayload", () => {
  it("a create sends what the CRM has, and no blanks", () => {
    const p = contactPayload("cust-1", v({ phone: null, taxNumber: null, addressLine1: null }), null, null);
    expect(p).toMatchObject({ contactNumber: "cust-1", name: "Acme", emailAddress: "ap@acme.test" });
    expect(p.phones).toBeUndefined();
    expect(p.taxNumber).toBeUndefined();
    expect(p.addresses?.map((a) => String(a.addressType))).toEqual(["STREET", "POBOX"]);
    expect(p.addresses?.[0]).not.toHaveProperty("addressLine1");
  });

  it("an update sends only the fields that differ from the last sync; '' only for one synced non-empty and cleared", () => {
    const p = contactPayload("cust-1", v({ city: "York", taxNumber: null }), "xc-1", { synced: v(), contactNumber: "cust-1", postal: street });
    expect(Object.keys(p).sort()).toEqual(["addresses", "contactID", "taxNumber"]);
    expect(p.taxNumber).toBe("");
    // The postal address was a copy of the street one: it follows.
    expect(p.addresses).toEqual([expect.objectContaining({ addressType: "STREET", city: "York", addressLine1: "1 High St" }), expect.objectContaining({ addressType: "POBOX", city: "York" })]);
  });

  it("never overwrites a distinct postal address, nor an unknown one, nor the accountant's ContactNumber", () => {
    const distinct = contactPayload("cust-1", v({ city: "York" }), "xc-1", { synced: v(), contactNumber: "ACC-7", postal: { ...street, addressLine1: "PO Box 9" } });
    expect(distinct.addresses?.map((a) => String(a.addressType))).toEqual(["STREET"]);
    expect(distinct.contactNumber).toBeUndefined();
    const unknown = contactPayload("cust-1", v({ city: "York" }), "xc-1", { synced: v(), contactNumber: "cust-1", postal: undefined });
    expect(unknown.addresses?.map((a) => String(a.addressType))).toEqual(["STREET"]);
  });

  it("linked but never merged (no snapshot): only what the CRM has goes, nothing blanked", () => {
    const p = contactPayload("cust-1", v({ phone: null, taxNumber: null }), "xc-1", { synced: null, contactNumber: null, postal: null });
    expect(p.phones).toBeUndefined();
    expect(p.taxNumber).toBeUndefined();
    expect(p.contactNumber).toBe("cust-1");
  });
});
