import { describe, expect, it } from "vitest";
import type { SyncedContactValues } from "@/db/schema";
import { mergeContact } from "./merge-contact";

const v = (over: Partial<SyncedContactValues> = {}): SyncedContactValues => ({ name: "Acme", email: "ap@acme.test", phone: "1", addressLine1: null, addressLine2: null, city: "Leeds", region: null, postalCode: null, country: "GB", taxNumber: null, paymentTermDays: 30, currency: null, ...over });
const early = new Date("2026-11-01T10:00:00Z");
const late = new Date("2026-11-01T11:00:00Z");

describe("mergeContact", () => {
  it("takes a field changed only in Xero, keeps one changed only in the CRM, and asks to push the CRM's", () => {
    const r = mergeContact({ synced: v(), crm: v({ city: "York" }), crmUpdatedAt: late, xero: v({ phone: "2" }), xeroUpdatedAt: early });
    expect(r.toCrm).toEqual({ phone: "2" });
    expect(r.pushToXero).toBe(true);
    expect(r.synced).toMatchObject({ phone: "2", city: "Leeds" });
    expect(r.conflicts).toEqual([]);
  });

  it("a field changed on both sides: the later change wins, and the conflict names what was overwritten", () => {
    const xeroLater = mergeContact({ synced: v(), crm: v({ phone: "crm" }), crmUpdatedAt: early, xero: v({ phone: "xero" }), xeroUpdatedAt: late });
    expect(xeroLater.toCrm).toEqual({ phone: "xero" });
    expect(xeroLater.conflicts).toEqual([{ field: "phone", crm: "crm", xero: "xero", winner: "xero" }]);
    expect(xeroLater.pushToXero).toBe(false);
    const crmLater = mergeContact({ synced: v(), crm: v({ phone: "crm" }), crmUpdatedAt: late, xero: v({ phone: "xero" }), xeroUpdatedAt: early });
    expect(crmLater.toCrm).toEqual({});
    expect(crmLater.pushToXero).toBe(true);
    expect(crmLater.conflicts[0].winner).toBe("crm");
  });

  it("just linked (no base): empty fields are filled from the other side, never wiped", () => {
    const r = mergeContact({ synced: null, crm: v({ phone: null, city: "York" }), crmUpdatedAt: late, xero: v({ phone: "9", city: null }), xeroUpdatedAt: early });
    expect(r.toCrm).toEqual({ phone: "9" });
    expect(r.pushToXero).toBe(true);
    // The base is Xero's side, so the city the CRM keeps differs from it and is what the push sends.
    expect(r.synced).toMatchObject({ phone: "9", city: null });
  });

  it("just linked: a name differing only in case keeps the accountant's spelling, even when the CRM's record is later", () => {
    const r = mergeContact({ synced: null, crm: v({ name: "golden gate yoga" }), crmUpdatedAt: late, xero: v({ name: "Golden Gate Yoga" }), xeroUpdatedAt: early });
    expect(r.toCrm).toEqual({ name: "Golden Gate Yoga" });
    expect(r.pushToXero).toBe(false);
  });

  it("nothing to do when both sides agree", () => {
    expect(mergeContact({ synced: null, crm: v(), crmUpdatedAt: early, xero: v(), xeroUpdatedAt: late })).toMatchObject({ toCrm: {}, pushToXero: false, conflicts: [] });
  });
});
