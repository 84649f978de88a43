import type { SandboxResponse } from "../http";
import { envelope } from "./batch";
import type { ApiContext } from "./context";
import { notFound } from "./errors";
import { listQuery } from "./list-query";
import { bankSummary, profitAndLoss } from "./reports";
import { bankTransactionJson, quoteJson, repeatingInvoiceJson } from "./serialise";

/** Quotes, repeating invoices, bank transactions and reports: read access for the reports and sync. */
export function extraRoute(ctx: ApiContext, method: string, resource: string, rest: string[]): SandboxResponse | null {
  if (method !== "GET") return null;
  const [id] = rest;
  const { org } = ctx;
  switch (resource) {
    case "quotes": {
      if (id) {
        const q = org.quotes.get(id);
        return q ? envelope(ctx, "Quotes", [quoteJson(org, q)]) : notFound();
      }
      const page = listQuery(ctx.req, org.quotes.all(), (q) => quoteJson(org, q), { paged: true });
      // Quotes take `page` but answer without a pagination object.
      return envelope(ctx, "Quotes", page.items);
    }
    case "repeatinginvoices": {
      const rows = org.repeatingInvoices.all().filter((r) => !id || r.RepeatingInvoiceID.toLowerCase() === id.toLowerCase());
      if (id && !rows.length) return notFound();
      return envelope(ctx, "RepeatingInvoices", listQuery(ctx.req, rows, (r) => repeatingInvoiceJson(org, r), { paged: false }).items);
    }
    case "banktransactions": {
      if (id) {
        const b = org.bankTransactions.get(id);
        return b ? envelope(ctx, "BankTransactions", [bankTransactionJson(org, b)]) : notFound();
      }
      const page = listQuery(ctx.req, org.bankTransactions.all(), (b) => bankTransactionJson(org, b), { paged: true });
      return envelope(ctx, "BankTransactions", page.items, page.pagination);
    }
    case "reports": {
      const name = (id ?? "").toLowerCase();
      if (name === "profitandloss") return profitAndLoss(ctx);
      if (name === "banksummary") return bankSummary(ctx);
      return notFound();
    }
  }
  return null;
}
