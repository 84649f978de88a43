import type { Db } from "@/db";
import { marketingSpend, type Customer, type Product } from "@/db/schema";
import { saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal } from "@/lib/crm/deals";
import { listStages } from "@/lib/crm/pipeline-stages";
import { createProduct } from "@/lib/crm/products";
import { customerInput, dealInput, productInput, subscriptionInput } from "@/lib/crm/schemas";
import { saveSubscription } from "@/lib/crm/subscriptions";
import { parseInput } from "@/lib/validation";

// Mapped to the items of the sandbox's demo books; tax comes from the customer's location (the invoicing rules below).
const PRODUCTS = [
  { code: "DESIGN-DAY", name: "Design day", unitPrice: 1200, xeroItemCode: "DESIGN-DAY", salesAccountCode: "200" },
  { code: "DEV-DAY", name: "Development day", unitPrice: 1400, xeroItemCode: "DEV-DAY", salesAccountCode: "200" },
  { code: "RETAINER", name: "Monthly retainer", unitPrice: 3000, xeroItemCode: "RETAINER", salesAccountCode: "200" },
  { code: "HOSTING", name: "Managed hosting", unitPrice: 99, xeroItemCode: "HOSTING", salesAccountCode: "200" },
  { code: "AUDIT", name: "Accessibility audit", unitPrice: 2500 },
];

/** US sales tax by state, as the demo Xero organisation (US) has it; elsewhere no tax. */
const INVOICING = {
  invoiceOnWin: true,
  triggerStageId: null,
  status: "DRAFT" as const,
  sendToCustomer: false,
  defaultSalesAccountCode: "200",
  defaultTaxType: "NONE",
  taxRules: [
    { country: "US", region: "CA", taxType: "TAX001" },
    { country: "US", region: "NY", taxType: "TAX002" },
    { country: "US", region: "TX", taxType: "TAX003" },
  ],
  paymentTermDays: null,
};

const CUSTOMERS = [
  { name: "Northwind Traders", email: "ap@northwind.test", city: "Seattle", region: "WA", country: "US", leadSource: "Referral", addressLine1: "1 Pike St", postalCode: "98101" },
  { name: "Globex Corporation", email: "billing@globex.test", city: "Springfield", region: "IL", country: "US", leadSource: "Google Ads", addressLine1: "742 Evergreen Ter", postalCode: "62701" },
  { name: "Globex Corp", email: "accounts@globex.test", city: "Springfield", region: "IL", country: "US", leadSource: "Website" },
  { name: "Initech", email: "finance@initech.test", city: "Austin", region: "TX", country: "US", leadSource: "LinkedIn", addressLine1: "4120 Freidrich Ln", postalCode: "78744" },
  { name: "Umbrella Health", email: "ap@umbrella.test", city: "Raccoon City", region: "PA", country: "US", leadSource: "Event", addressLine1: "9 Hive Rd", postalCode: "19001", paymentTermDays: 15 },
  { name: "Stark Studio", email: "hello@stark.test", city: "London", country: "GB", leadSource: "Referral", addressLine1: "10 Park Ln", postalCode: "W1K 1AA", currency: "GBP" },
  { name: "Hooli", city: "Palo Alto", region: "CA", country: "US", leadSource: "Google Ads" },
  { name: "Soylent Foods", email: "pay@soylent.test", city: "Portland", region: "OR", country: "US", leadSource: "Website", addressLine1: "77 Green St", postalCode: "97201", paymentTermDays: 60 },
];

/** The demo organisation's CRM: products, customers (two of them duplicates, for Data health), deals across the pipeline, subscriptions, spend. */
export async function seedDemoCrm(tx: Db, actor: CrmActor, salesActor: CrmActor): Promise<void> {
  await saveInvoiceSettings(tx, actor.orgId, INVOICING);
  const products: Product[] = [];
  for (const p of PRODUCTS) products.push(await createProduct(tx, actor, parseInput(productInput, p)));
  const customers: Customer[] = [];
  for (const [i, c] of CUSTOMERS.entries()) customers.push(await createCustomer(tx, i % 3 === 0 ? salesActor : actor, parseInput(customerInput, c)));
  const stages = await listStages(tx, actor.orgId);
  const stage = (name: string) => stages.find((s) => s.name === name)!.id;
  const deal = (who: CrmActor, title: string, customer: number, stageName: string, lines: { p: number; q: number }[]) =>
    createDeal(tx, who, parseInput(dealInput, { title, customerId: customers[customer].id, stageId: stage(stageName), lines: lines.map((l) => ({ productId: products[l.p].id, quantity: l.q })) }));
  await deal(salesActor, "Northwind website refresh", 0, "Proposal", [{ p: 0, q: 5 }, { p: 1, q: 10 }]);
  await deal(actor, "Globex brand sprint", 1, "Qualified", [{ p: 0, q: 3 }]);
  await deal(actor, "Initech intranet", 3, "Won", [{ p: 1, q: 8 }, { p: 3, q: 12 }]);
  await deal(actor, "Umbrella patient portal", 4, "Lead", [{ p: 1, q: 20 }]);
  await deal(actor, "Soylent packaging site", 7, "Lost", [{ p: 0, q: 2 }]);
  await deal(salesActor, "Hooli landing pages", 6, "Won", [{ p: 0, q: 2 }, { p: 1, q: 3 }]);
  await saveSubscription(tx, actor, null, parseInput(subscriptionInput, { customerId: customers[3].id, interval: "monthly", startDate: "2026-01-01", lines: [{ productId: products[2].id, quantity: 1 }, { productId: products[3].id, quantity: 1 }] }));
  await saveSubscription(tx, actor, null, parseInput(subscriptionInput, { customerId: customers[0].id, interval: "monthly", startDate: "2026-06-01", lines: [{ productId: products[3].id, quantity: 2 }] }));
  const months = ["2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"];
  await tx.insert(marketingSpend).values(
    months.flatMap((month, i) => [
      { orgId: actor.orgId, leadSource: "Google Ads", month, amount: String(1500 + i * 100), currency: "USD" },
      { orgId: actor.orgId, leadSource: "LinkedIn", month, amount: String(800 + i * 50), currency: "USD" },
      { orgId: actor.orgId, leadSource: "Event", month, amount: i === 2 ? "4000" : "0", currency: "USD" },
    ]),
  );
}
