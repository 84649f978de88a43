import { randomUUID } from "node:crypto";
import { addDays, addMonths, round2 } from "../accounting/format";
import { Organisation } from "../store/organisation";
import type { Address, ItemRec } from "../store/types";
import { seedDayRates } from "../accounting/currency-rate";
import { buildLines, totals } from "../accounting/lines";
import { chartOfAccounts, UK_TAX_RATES, US_TAX_RATES } from "./reference-data";
import { seededRandom, seedInvoice, seedPayment } from "./seed-books";

export const DEMO_TENANTS = {
  us: "4b3a6c2e-8f1d-4e57-9a0b-2c5d7e9f1a01",
  uk: "9d2e1f3c-6a4b-4c8d-8e7f-0a1b2c3d4e02",
} as const;

interface ContactSeed {
  name: string;
  email: string;
  city: string;
  region?: string;
  postal: string;
  country: string;
  number?: string;
}

const US_CONTACTS: ContactSeed[] = [
  { name: "Bayside Dental Group", email: "accounts@baysidedental.example", city: "San Francisco", region: "CA", postal: "94107", country: "US" },
  { name: "Golden Gate Yoga", email: "hello@goldengateyoga.example", city: "Oakland", region: "CA", postal: "94612", country: "US" },
  { name: "Hudson Legal LLP", email: "billing@hudsonlegal.example", city: "New York", region: "NY", postal: "10013", country: "US" },
  { name: "Brooklyn Bicycle Co", email: "ap@brooklynbike.example", city: "Brooklyn", region: "NY", postal: "11201", country: "US" },
  { name: "Lone Star Logistics", email: "finance@lonestar.example", city: "Austin", region: "TX", postal: "78701", country: "US" },
  { name: "Alamo Coffee Roasters", email: "owner@alamocoffee.example", city: "San Antonio", region: "TX", postal: "78205", country: "US" },
  { name: "Evergreen Architects", email: "office@evergreen-arch.example", city: "Seattle", region: "WA", postal: "98101", country: "US" },
  { name: "Prairie Wind Farms", email: "accounts@prairiewind.example", city: "Des Moines", region: "IA", postal: "50309", country: "US" },
  { name: "Maple Leaf Imports", email: "ap@mapleleaf.example", city: "Toronto", region: "ON", postal: "M5V 2T6", country: "CA" },
  { name: "Sunrise Pediatrics", email: "admin@sunrisepeds.example", city: "Los Angeles", region: "CA", postal: "90012", country: "US" },
];

const UK_CONTACTS: ContactSeed[] = [
  { name: "Thames Valley Dental", email: "accounts@thamesvalleydental.example", city: "Reading", postal: "RG1 1AA", country: "GB" },
  { name: "Camden Climbing Centre", email: "hello@camdenclimbing.example", city: "London", postal: "NW1 8AH", country: "GB" },
  { name: "Pennine Brewing Co", email: "finance@penninebrewing.example", city: "Leeds", postal: "LS1 4AP", country: "GB" },
  { name: "Clyde Marine Services", email: "ap@clydemarine.example", city: "Glasgow", postal: "G2 1DY", country: "GB" },
  { name: "Bristol Bike Workshop", email: "shop@bristolbikes.example", city: "Bristol", postal: "BS1 5TR", country: "GB" },
  { name: "Cotswold Holiday Lets", email: "bookings@cotswoldlets.example", city: "Cirencester", postal: "GL7 1AA", country: "GB" },
  { name: "Berliner Design GmbH", email: "buchhaltung@berlinerdesign.example", city: "Berlin", postal: "10115", country: "DE" },
  { name: "Dublin Data Ltd", email: "accounts@dublindata.example", city: "Dublin", postal: "D02 X285", country: "IE" },
  { name: "Boston Analytics Inc", email: "ap@bostonanalytics.example", city: "Boston", region: "MA", postal: "02110", country: "US" },
  { name: "Kentish Orchards", email: "office@kentishorchards.example", city: "Canterbury", postal: "CT1 2EH", country: "GB" },
];

const RECENT_STATUSES = ["AUTHORISED", "DRAFT", "AUTHORISED", "SUBMITTED", "AUTHORISED", "VOIDED", "AUTHORISED", "DELETED", "AUTHORISED"] as const;

const US_TAX_BY_STATE: Record<string, string> = { CA: "TAX001", NY: "TAX002", TX: "TAX003" };

function address(c: ContactSeed): Address[] {
  const a: Address = { AddressType: "POBOX", AddressLine1: `${10 + c.name.length} Market Street`, City: c.city, Region: c.region, PostalCode: c.postal, Country: c.country };
  return [a, { ...a, AddressType: "STREET" }];
}

function items(org: Organisation, now: number, salesTax: string, price: (usd: number) => number): void {
  const item = (Code: string, Name: string, usd: number, tracked = false, qty = 0): ItemRec => ({
    ItemID: randomUUID(),
    Code,
    Name,
    Description: Name,
    IsSold: true,
    IsPurchased: tracked,
    IsTrackedAsInventory: tracked,
    InventoryAssetAccountCode: tracked ? "630" : undefined,
    QuantityOnHand: tracked ? qty : undefined,
    TotalCostPool: tracked ? round2(qty * price(usd) * 0.4) : undefined,
    SalesDetails: { UnitPrice: price(usd), AccountCode: "200", TaxType: salesTax },
    PurchaseDetails: tracked ? { UnitPrice: round2(price(usd) * 0.4), COGSAccountCode: "310" } : {},
    UpdatedDateUTC: now,
  });
  for (const i of [
    item("CONSULT", "Consulting (per hour)", 150),
    item("RETAINER", "Monthly support retainer", 2000),
    item("TRAINING", "Team training day", 1200),
    item("AUDIT", "Website audit", 900),
    item("WIDGET", "Smart widget (boxed)", 49, true, 120),
    item("GADGET", "Pro gadget kit", 249, true, 6),
    // The agency services the portal's demo CRM sells (its products map to these codes).
    item("DESIGN-DAY", "Design day", 1200),
    item("DEV-DAY", "Development day", 1400),
    item("HOSTING", "Managed hosting (monthly)", 99),
  ])
    org.items.put(i);
}

function buildOrg(tenantId: string, name: string, country: "US" | "GB", currency: string, now: number, today: string): Organisation {
  const org = new Organisation({ tenantId, name, legalName: `${name} Ltd`, baseCurrency: currency, countryCode: country, timezone: country === "US" ? "EASTERNSTANDARDTIME" : "GMTSTANDARDTIME", shortCode: `!${tenantId.slice(0, 5)}`, createdAt: now - 3 * 365 * 86_400_000 });
  const us = country === "US";
  org.taxRates = structuredClone(us ? US_TAX_RATES : UK_TAX_RATES);
  org.accounts = chartOfAccounts(now, us ? "NONE" : "OUTPUT2", us ? "INPUT" : "INPUT2", currency);
  org.currencies = us ? [{ Code: "USD", Description: "United States Dollar" }] : [
    { Code: "GBP", Description: "British Pound" },
    { Code: "EUR", Description: "Euro" },
  ];
  // Day rates for the foreign currencies, so foreign documents convert as at Xero (a fixed table per day).
  for (const { Code } of org.currencies) seedDayRates(org, Code, today);
  items(org, now, us ? "NONE" : "OUTPUT2", (usd) => (us ? usd : round2(usd * 0.8)));
  const seeds = us ? US_CONTACTS : UK_CONTACTS;
  const contacts = seeds.map((c, i) =>
    org.contacts.put({ ContactID: randomUUID(), ContactNumber: `DEMO-${i + 1}`, ContactStatus: "ACTIVE", Name: c.name, EmailAddress: c.email, Addresses: address(c), Phones: [{ PhoneType: "DEFAULT", PhoneNumber: `555 01${String(i).padStart(2, "0")}` }], UpdatedDateUTC: now - 700 * 86_400_000 + i }),
  );
  org.contacts.put({ ContactID: randomUUID(), ContactStatus: "ARCHIVED", Name: us ? "Defunct Widgets Inc" : "Closed Shop Ltd", EmailAddress: "old@defunct.example", Addresses: [], Phones: [], UpdatedDateUTC: now - 400 * 86_400_000 });

  const taxFor = (i: number) => {
    const c = seeds[i];
    if (us) return US_TAX_BY_STATE[c.region ?? ""] ?? "NONE";
    return c.country === "GB" ? "OUTPUT2" : c.country === "DE" || c.country === "IE" ? "ECZROUTPUT" : "ZERORATEDOUTPUT";
  };
  const random = seededRandom(us ? 2026 : 1066);
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
  const codes = ["CONSULT", "RETAINER", "TRAINING", "AUDIT", "WIDGET"];
  let stamp = now - 730 * 86_400_000;
  let recent = 0;

  // Two years of history: about six invoices a month; older ones paid, recent ones in every status.
  for (let m = 24; m >= 0; m--) {
    const monthStart = addMonths(`${today.slice(0, 8)}01`, -m);
    for (let k = 0; k < 6; k++) {
      const ci = Math.floor(random() * contacts.length);
      const date = addDays(monthStart, Math.floor(random() * 27));
      if (date > today) continue;
      const code = pick(codes);
      const qty = code === "CONSULT" ? 4 + Math.floor(random() * 30) : code === "WIDGET" ? 1 + Math.floor(random() * 5) : 1;
      const age = (Date.parse(today) - Date.parse(date)) / 86_400_000;
      const roll = random();
      // Recent months cycle through every status, so each one is always there to test against.
      const status = age > 75 ? (roll < 0.04 ? "VOIDED" : "AUTHORISED") : RECENT_STATUSES[recent++ % RECENT_STATUSES.length];
      stamp += 3_600_000 + Math.floor(random() * 3_600_000);
      const inv = seedInvoice(org, Math.min(stamp, now), { contactId: contacts[ci].ContactID, date, status, lines: [{ itemCode: code, quantity: qty, taxType: taxFor(ci) }], reference: `PO-${1000 + m * 10 + k}` });
      if (inv.Status !== "AUTHORISED") continue;
      // Old invoices are paid (a few late or part-paid); recent ones are often still open or overdue.
      const payRoll = random();
      if (age > 75 && payRoll < 0.93) seedPayment(org, Math.min(stamp + 1, now), inv.InvoiceID, inv.Total, addDays(date, 5 + Math.floor(random() * 40)), "090", true);
      else if (age > 75 || (age > 20 && payRoll < 0.5)) seedPayment(org, Math.min(stamp + 1, now), inv.InvoiceID, round2(inv.Total / 2), addDays(date, 10));
      else if (age > 10 && payRoll < 0.4) seedPayment(org, Math.min(stamp + 1, now), inv.InvoiceID, inv.Total, addDays(date, 7));
    }
  }
  if (!us) {
    seedInvoice(org, now - 5 * 86_400_000, { contactId: contacts[6].ContactID, date: addDays(today, -12), status: "AUTHORISED", currency: "EUR", lines: [{ itemCode: "AUDIT", quantity: 1, taxType: "ECZROUTPUT" }], reference: "EU-1" });
  }

  // Quotes in each status, a few repeating retainers, and monthly bank spending for the reports.
  const priced = (itemCode: string, quantity: number, taxType: string) => {
    const errors: string[] = [];
    const lines = buildLines(org, [{ ItemCode: itemCode, Quantity: quantity, TaxType: taxType }], "Exclusive", { strict: true, sales: true }, errors);
    if (errors.length) throw new Error(`Seed lines are invalid: ${errors.join("; ")}`);
    return { lines, ...totals(lines, "Exclusive") };
  };
  (["DRAFT", "SENT", "DECLINED", "ACCEPTED", "INVOICED"] as const).forEach((Status, i) => {
    const q = priced("TRAINING", 1 + i, taxFor(i));
    const date = addDays(today, -20 + i);
    org.quotes.put({ QuoteID: randomUUID(), QuoteNumber: `QU-${String(++org.quoteSeq).padStart(4, "0")}`, ContactID: contacts[i].ContactID, Date: date, ExpiryDate: addDays(date, 30), Status, LineAmountTypes: "Exclusive", CurrencyCode: currency, Title: "Training proposal", LineItems: q.lines, SubTotal: q.SubTotal, TotalTax: q.TotalTax, Total: q.Total, UpdatedDateUTC: now - (10 - i) * 86_400_000 });
  });
  [0, 2, 4].forEach((ci, i) => {
    const r = priced("RETAINER", 1, taxFor(ci));
    const day = `0${i + 1}`;
    const next = addMonths(`${today.slice(0, 8)}${day}`, today.slice(8) > day ? 1 : 0);
    org.repeatingInvoices.put({ RepeatingInvoiceID: randomUUID(), Type: "ACCREC", ContactID: contacts[ci].ContactID, Schedule: { Period: 1, Unit: "MONTHLY", DueDate: 14, DueDateType: "DAYSAFTERBILLDATE", StartDate: addMonths(next, -6), NextScheduledDate: next }, LineItems: r.lines, LineAmountTypes: "Exclusive", CurrencyCode: currency, Status: "AUTHORISED", ApprovedForSending: false, SubTotal: r.SubTotal, TotalTax: r.TotalTax, Total: r.Total, UpdatedDateUTC: now - i });
  });

  const bank = org.accountByCode("090")!;
  for (let m = 24; m >= 0; m--) {
    const date = addMonths(`${today.slice(0, 8)}03`, -m);
    if (date > today) continue;
    for (const [code, amount, ref] of [["469", us ? 3200 : 2600, "Office rent"], ["400", 400 + Math.floor(random() * 900), "Online ads"]] as const) {
      org.bankTransactions.put({ BankTransactionID: randomUUID(), Type: "SPEND", BankAccountID: bank.AccountID, Date: date, Reference: ref, LineAmountTypes: "NoTax", LineItems: [{ LineItemID: randomUUID(), Description: ref, Quantity: 1, UnitAmount: amount, AccountCode: code, TaxType: "NONE", TaxAmount: 0, LineAmount: amount }], SubTotal: amount, TotalTax: 0, Total: amount, CurrencyCode: currency, IsReconciled: true, Status: "AUTHORISED", UpdatedDateUTC: now - m * 30 * 86_400_000 });
    }
  }
  return org;
}

export function demoOrganisation(tenantId: string, name: string, country: "US" | "GB", now: number): Organisation {
  return buildOrg(tenantId, name, country, country === "US" ? "USD" : "GBP", now, new Date(now).toISOString().slice(0, 10));
}

export function demoOrganisations(now: number): Organisation[] {
  const today = new Date(now).toISOString().slice(0, 10);
  return [buildOrg(DEMO_TENANTS.us, "Demo Company (US)", "US", "USD", now, today), buildOrg(DEMO_TENANTS.uk, "Demo Company (UK)", "GB", "GBP", now, today)];
}
