import { describe, expect, it } from "vitest";
import { invoiceGate } from "./invoice-gate";

const stages = [
  { id: "lead", name: "Lead", kind: "open" as const, position: 0 },
  { id: "proposal", name: "Proposal", kind: "open" as const, position: 1 },
  { id: "signed", name: "Contract signed", kind: "open" as const, position: 2 },
  { id: "won", name: "Won", kind: "won" as const, position: 3 },
  { id: "lost", name: "Lost", kind: "lost" as const, position: 4 },
];
const at = (id: string) => stages.find((s) => s.id === id)!;
const draft = { triggerStageId: null, status: "DRAFT" as const, sendToCustomer: false };

describe("who may press Create invoice, and when", () => {
  it("at the invoicing stage or later it goes ahead; before it, finance confirms and sales is refused; a lost deal never", () => {
    expect(invoiceGate(draft, at("won"), stages, { role: "sales" })).toEqual({ kind: "open" });
    expect(invoiceGate(draft, at("lead"), stages, { role: "finance" })).toMatchObject({ kind: "confirm", message: "This deal is at Lead, before a Won stage where deals are invoiced. Confirm to invoice it now." });
    expect(invoiceGate(draft, at("lead"), stages, { role: "api" })).toMatchObject({ kind: "confirm" });
    expect(invoiceGate(draft, at("lead"), stages, { role: "sales" })).toMatchObject({ kind: "refused", message: expect.stringContaining("ask finance to invoice it early") });
    for (const role of ["owner", "sales", "api"] as const) expect(invoiceGate(draft, at("lost"), stages, { role })).toMatchObject({ kind: "refused", message: "Lost deals are not invoiced: move the deal out of Lost first." });
  });

  it("a chosen trigger stage counts with every later open or won stage", () => {
    const signed = { ...draft, triggerStageId: "signed" };
    expect(invoiceGate(signed, at("signed"), stages, { role: "sales" })).toEqual({ kind: "open" });
    expect(invoiceGate(signed, at("won"), stages, { role: "sales" })).toEqual({ kind: "open" });
    expect(invoiceGate(signed, at("proposal"), stages, { role: "admin" })).toMatchObject({ kind: "confirm", confirmLabel: "Invoice it now, before Contract signed" });
    expect(invoiceGate(signed, at("lost"), stages, { role: "admin" }).kind).toBe("refused");
  });

  it("approved or emailed invoices are made by hand only by those who see finance", () => {
    for (const settings of [{ ...draft, status: "AUTHORISED" as const }, { ...draft, sendToCustomer: true }]) {
      expect(invoiceGate(settings, at("won"), stages, { role: "sales" })).toMatchObject({ kind: "refused", message: expect.stringContaining("ask finance or an admin") });
      expect(invoiceGate(settings, at("won"), stages, { role: "finance" })).toEqual({ kind: "open" });
    }
  });
});
