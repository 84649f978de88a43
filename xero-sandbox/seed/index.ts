import { Organisation } from "../store/organisation";
import { benchOrganisation } from "./bench";
import { demoOrganisations } from "./demo";

export type SeedName = "demo" | "empty" | "bench";

export function seedOrganisations(seed: SeedName, now: number, bench = { contacts: 1000, invoices: 5000 }): Organisation[] {
  if (seed === "empty") return demoOrganisations(now).map(emptied);
  if (seed === "bench") return [benchOrganisation(now, bench)];
  return demoOrganisations(now);
}

/** The same two organisations with their settings (accounts, tax rates, currencies) but no records. */
function emptied(org: Organisation): Organisation {
  return Organisation.fromJSON({ ...org.toJSON(), contacts: [], invoices: [], payments: [], items: [], quotes: [], repeatingInvoices: [], bankTransactions: [], invoiceSeq: 0, quoteSeq: 0 });
}
