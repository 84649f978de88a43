import { and, eq, inArray } from "drizzle-orm";
import type { Quote as XeroQuote } from "xero-node";
import type { Db } from "@/db";
import { customers, deals, type Quote } from "@/db/schema";
import { callXero } from "@/lib/xero/call-xero";
import { XeroOrganisationSwitchedError } from "@/lib/xero/tenant-fence";
import { quoteMarker } from "./quote-reference";

/**
 * Xero's quotes carrying these quotes' markers, read per customer (GET /Quotes?ContactID= has no
 * `where`): what a write whose answer was lost may have made. The books that answered come with them.
 */
export async function findQuotesByMarker(db: Db, orgId: string, ours: Quote[]): Promise<{ quotes: XeroQuote[]; xeroTenantId: string | null }> {
  if (!ours.length) return { quotes: [], xeroTenantId: null };
  const contacts = await db
    .selectDistinct({ contactId: customers.xeroContactId })
    .from(deals)
    .innerJoin(customers, and(eq(customers.orgId, deals.orgId), eq(customers.id, deals.customerId)))
    .where(and(eq(deals.orgId, orgId), inArray(deals.id, ours.map((q) => q.dealId))));
  const markers = ours.map((q) => quoteMarker(q.id));
  const found: XeroQuote[] = [];
  let books: string | null = null;
  for (const { contactId } of contacts) {
    if (!contactId) continue;
    for (let page = 1; ; page++) {
      const answer = await callXero(db, orgId, { method: "GET", path: "/Quotes?ContactID" }, (x, t) => x.accountingApi.getQuotes(t, undefined, undefined, undefined, undefined, undefined, contactId, undefined, page));
      if (books !== null && books !== answer.xeroTenantId) throw new XeroOrganisationSwitchedError();
      books = answer.xeroTenantId;
      const list = answer.body.quotes ?? [];
      found.push(...list.filter((q) => markers.some((m) => q.reference?.includes(m)) && String(q.status) !== "DELETED"));
      if (list.length < 100) break;
    }
  }
  return { quotes: found, xeroTenantId: books };
}
