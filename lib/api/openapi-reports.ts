/** The report endpoints of the tenant API in the OpenAPI document: shapes as lib/reports answers them. */

const money = { type: "string", description: "Decimal string, 2 places, in the base currency unless a currency is named" };
const nullableMoney = { type: ["string", "null"], description: money.description };
const obj = (properties: Record<string, unknown>) => ({ type: "object", properties, required: Object.keys(properties) });

export const REPORT_SCHEMAS = {
  RevenueSplit: obj({
    currency: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    split: { type: "string", enum: ["customer", "product", "owner", "leadSource"] },
    rows: { type: "array", items: obj({ kind: { type: "string", enum: ["top", "other", "none"] }, key: { type: ["string", "null"] }, label: { type: "string" }, invoiced: money, credited: nullableMoney, collected: nullableMoney }) },
    otherCount: { type: "integer" },
    totals: obj({ invoiced: money, credited: money, collected: money }),
  }),
  RevenueReport: obj({ currency: { type: "string" }, goal: nullableMoney, from: { type: "string" }, to: { type: "string" }, months: { type: "array", items: obj({ month: { type: "string", example: "2026-11" }, invoiced: money, credited: money, collected: money }) } }),
  AgeingReport: obj({ currency: { type: "string" }, asOf: { type: "string", format: "date" }, current: money, days1to30: money, days31to60: money, days61to90: money, over90: money, total: money, dso: { type: ["string", "null"], description: "Days sales outstanding, 1 place" },
    foreignCurrencies: {
      type: "array",
      description: "Open receivables in other currencies: at each invoice's booked rate (inside the totals) and at the latest rate Xero used (the newest-dated live invoice or payment in that currency), with the difference",
      items: obj({ currency: { type: "string" }, amount: money, atBookedRates: money, latestRate: { type: "string" }, latestRateDate: { type: "string", format: "date" }, latestRateSource: { type: "string" }, atLatestRate: money, exchangeDifference: money }),
    },
  }),
  CashFlowReport: obj({
    currency: { type: "string" },
    asOf: { type: "string", format: "date" },
    weeks: { type: "array", items: obj({ weekStart: { type: "string", format: "date" }, fromInvoices: money, fromDeals: money, fromSubscriptions: money, expected: money }) },
    later: money,
    overdue: money,
    dso: { type: ["string", "null"] },
    otherCurrencies: { type: "array", items: obj({ currency: { type: "string" }, fromDeals: money, fromSubscriptions: money }) },
  }),
  LtvBySourceReport: obj({
    currency: { type: "string" },
    from: { type: ["string", "null"], format: "date" },
    to: { type: ["string", "null"], format: "date" },
    rows: {
      type: "array",
      items: obj({ leadSource: { type: "string" }, customers: { type: "integer" }, payingCustomers: { type: "integer" }, totalPaid: money, averageLtv: nullableMoney, medianLtv: nullableMoney, share: { type: "string", description: "4 places" }, spend: nullableMoney, newCustomers: { type: "integer" }, cac: nullableMoney, ltvToCac: { type: ["string", "null"], description: "2 places" }, paybackMonths: { type: ["string", "null"], description: "CAC / what the source's paying new customers paid per customer-month, 1 place" } }),
    },
    unlinkedPaid: money,
  }),
  LeakageReport: obj({
    rows: {
      type: "array",
      items: obj({
        kind: { type: "string", enum: ["currency_mismatch", "amount_mismatch", "not_approved", "voided", "no_invoice", "subscription_period"] },
        dealId: { type: ["string", "null"], format: "uuid", description: "null for subscription_period" },
        dealTitle: { type: "string", description: "The deal's title, or the subscription's name for subscription_period" },
        invoiceId: { type: ["string", "null"], format: "uuid" },
        xeroInvoiceId: { type: ["string", "null"] },
        invoiceNumber: { type: ["string", "null"] },
        currency: { type: "string", description: "The deal's currency: the amount is in it" },
        amount: money,
        wonAt: { type: ["string", "null"], format: "date-time" },
        subscriptionId: { type: ["string", "null"], format: "uuid", description: "subscription_period: an active subscription's billing date before today with no invoice of it dated in that period" },
        customerId: { type: ["string", "null"], format: "uuid" },
        period: { type: ["string", "null"], format: "date", description: "subscription_period: the period's billing date" },
      }),
    },
    totals: { type: "array", items: obj({ currency: { type: "string" }, amount: money }) },
  }),
};

export function reportPaths(errors: Record<string, unknown>) {
  const q = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: "query", schema, description });
  const answer = (ref: string) => ({ "200": { description: "The report", content: { "application/json": { schema: { type: "object", properties: { data: { $ref: `#/components/schemas/${ref}` } } } } } }, ...errors });
  const month = { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" };
  const day = { type: "string", format: "date" };
  const needsAmounts = "Needs a key that may see amounts (403 otherwise).";
  return {
    "/api/v1/reports/revenue-split": { get: { summary: "Invoiced, credited and collected over a month range by customer, product, owner or lead source", description: needsAmounts, parameters: [q("from", month, "first month"), q("to", month, "last month"), q("split", { type: "string", enum: ["customer", "product", "owner", "leadSource"] }, "default: customer")], responses: answer("RevenueSplit") } },
    "/api/v1/reports/revenue": { get: { summary: "Invoiced, credited and collected per month, with the monthly goal", description: needsAmounts, parameters: [q("from", month, "first month (default: 23 months before to)"), q("to", month, "last month (default: the current one)")], responses: answer("RevenueReport") } },
    "/api/v1/reports/ageing": { get: { summary: "Receivables by days past due, and DSO", description: needsAmounts, parameters: [q("asOf", day, "the day past-due days count from (default: today)")], responses: answer("AgeingReport") } },
    "/api/v1/reports/cash-flow": { get: { summary: "Cash expected in the 13 weeks from asOf's Monday", description: needsAmounts, parameters: [q("asOf", day, "default: today")], responses: answer("CashFlowReport") } },
    "/api/v1/reports/ltv-by-source": { get: { summary: "Lifetime value, spend and CAC by lead source", description: needsAmounts, parameters: [q("from", day, "cohort start: first live invoice on or after"), q("to", day, "cohort end: first live invoice on or before")], responses: answer("LtvBySourceReport") } },
    "/api/v1/reports/leakage": { get: { summary: "Won deals whose billing does not match", description: needsAmounts, responses: answer("LeakageReport") } },
    "/api/v1/reports/leakage/dismiss": {
      post: {
        summary: "Dismiss one leakage row, with a reason (recorded)",
        description: `${needsAmounts} Needs a write key.`,
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { dealId: { type: "string", format: "uuid", description: "every kind but subscription_period" }, subscriptionId: { type: "string", format: "uuid", description: "subscription_period" }, period: { type: "string", format: "date", description: "subscription_period" }, kind: { type: "string", enum: ["currency_mismatch", "amount_mismatch", "not_approved", "voided", "no_invoice", "subscription_period"] }, reason: { type: "string", minLength: 3, maxLength: 500 } }, required: ["kind", "reason"] } } } },
        responses: { "200": { description: "Dismissed" }, ...errors, "404": { description: "The report shows no such row." } },
      },
    },
  };
}
