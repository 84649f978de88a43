import { Organisation } from "../store/organisation";
import { benchOrganisation } from "./bench";
import { demoOrganisation, demoOrganisations } from "./demo";

export type SeedName = "demo" | "empty" | "bench";

export function seedOrganisations(seed: SeedName, now: number, bench: { contacts: number; invoices: number; payments?: number } = { contacts: 1000, invoices: 5000 }): Organisation[] {
  if (seed === "empty") return demoOrganisations(now).map(emptied);
  if (seed === "bench") return [benchOrganisation(now, bench)];
  return demoOrganisations(now);
}

/**
 * One more organisation, as a Xero user would add to their account: the demo's books (`demo`) or only
 * its settings (`empty`: chart of accounts, tax rates, currencies, no records), in the US or the UK.
 */
export function extraOrganisation(input: { tenantId: string; name: string; country: "US" | "GB"; seed: "demo" | "empty" }, now: number): Organisation {
  const org = demoOrganisation(input.tenantId, input.name, input.country, now);
  return input.seed === "empty" ? emptied(org) : org;
}

/** The same two organisations with their settings (accounts, tax rates, currencies) but no records. */
function emptied(org: Organisation): Organisation {
  return Organisation.fromJSON({ ...org.toJSON(), contacts: [], invoices: [], payments: [], items: [], quotes: [], repeatingInvoices: [], bankTransactions: [], creditNotes: [], overpayments: [], prepayments: [], invoiceSeq: 0, quoteSeq: 0, creditNoteSeq: 0 });
}
