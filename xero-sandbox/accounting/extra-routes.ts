import type { SandboxResponse } from "../http";
import { envelope } from "./batch";
import type { ApiContext } from "./context";
import { notFound } from "./errors";
import { listQuery } from "./list-query";
import { cashCreditRoute } from "./cash-credits";
import { balanceSheet } from "./balance-sheet";
import { bankSummary, profitAndLoss } from "./reports";
import { bankTransactionJson } from "./serialise";

/** Bank transactions, overpayments, prepayments and reports: what the reports read. */
export function extraRoute(ctx: ApiContext, method: string, resource: string, rest: string[]): SandboxResponse | null {
  const cashCredit = cashCreditRoute(ctx, method, resource, rest);
  if (cashCredit) return cashCredit;
  if (method !== "GET") return null;
  const [id] = rest;
  const { org } = ctx;
  switch (resource) {
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
      if (name === "balancesheet") return balanceSheet(ctx);
      return notFound();
    }
  }
  return null;
}
