import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { InvoiceStatusBadge } from "./invoice-status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { customerFinance } from "@/lib/billing/customer-balances";
import type { CustomerLifetime } from "@/lib/reports/customer-lifetime";
import { formatMoney } from "@/lib/crm/money";

type Finance = Awaited<ReturnType<typeof customerFinance>>;


/**
 * The customer's Xero side: outstanding and overdue balances and the invoice history. Without
 * financial visibility only the "Past due" badge shows, so a sales member knows before calling.
 */
export function CustomerFinanceCard({ orgSlug, finance, lifetime, canSeeAmounts, linked, today }: { orgSlug: string; finance: Finance; lifetime: CustomerLifetime | null; canSeeAmounts: boolean; linked: boolean; today: string }) {
  return (
    <Card data-testid="customer-finance">
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle>Finance</CardTitle>
        {finance.pastDue ? (
          <Badge variant="destructive" data-testid="past-due">
            Past due
          </Badge>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        {!linked && !finance.invoices.length ? (
          <p className="text-muted-foreground">Not in Xero yet: balances and invoices appear here once the customer syncs.</p>
        ) : canSeeAmounts ? (
          <>
            {finance.balances.length ? (
              <dl className="grid grid-cols-2 gap-2">
                {finance.balances.map((b) => (
                  <div key={b.currency} className="contents">
                    <dt className="text-muted-foreground">Outstanding ({b.currency})</dt>
                    <dd className="tabular-nums" data-testid={`outstanding-${b.currency}`}>
                      {formatMoney(b.outstanding, b.currency)}
                    </dd>
                    <dt className="text-muted-foreground">Overdue</dt>
                    <dd className={Number(b.overdue) > 0 ? "text-destructive tabular-nums" : "tabular-nums"}>{formatMoney(b.overdue, b.currency)}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="text-muted-foreground">Nothing outstanding.</p>
            )}
            {lifetime ? (
              <dl className="grid grid-cols-2 gap-2" data-testid="customer-lifetime">
                <dt className="text-muted-foreground">Lifetime value</dt>
                <dd className="tabular-nums" data-testid="lifetime-value">
                  <Link className="underline-offset-4 hover:underline" href={`/o/${orgSlug}/reports/ltv`}>
                    {formatMoney(lifetime.lifetimeValue, lifetime.currency)}
                  </Link>
                </dd>
                <dt className="text-muted-foreground">Average days to pay</dt>
                <dd className="tabular-nums" data-testid="days-to-pay">
                  {lifetime.averageDaysToPay === null ? "No paid invoices yet" : `${lifetime.averageDaysToPay} days (${lifetime.paidInvoices} paid invoice${lifetime.paidInvoices === 1 ? "" : "s"})`}
                </dd>
              </dl>
            ) : null}
            {finance.invoices.length ? (
              <ul className="grid gap-2" aria-label="Invoices">
                {finance.invoices.slice(0, 20).map((i) => (
                  <li key={i.xeroInvoiceId} className="flex flex-wrap items-center justify-between gap-2 border-t pt-2">
                    <span>
                      {i.dealId ? (
                        <Link className="underline-offset-4 hover:underline" href={`/o/${orgSlug}/deals/${i.dealId}`}>
                          {i.number}
                        </Link>
                      ) : (
                        i.number
                      )}{" "}
                      <span className="text-muted-foreground">
                        · {i.date}
                        {i.subscriptionId ? " · subscription" : ""}
                      </span>
                    </span>
                    <span className="flex items-center gap-2">
                      <InvoiceStatusBadge invoice={i} today={today} />
                      <span className="tabular-nums">{formatMoney(i.total, i.currency)}</span>
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
            {lifetime?.payments.length ? (
              <details>
                <summary className="cursor-pointer font-medium">
                  Payments ({lifetime.paymentCount}
                  {lifetime.paymentCount > lifetime.payments.length ? `, newest ${lifetime.payments.length} shown` : ""})
                </summary>
                <ul className="mt-2 grid gap-2" aria-label="Payments">
                  {lifetime.payments.map((p) => (
                    <li key={p.xeroPaymentId} className="flex flex-wrap items-center justify-between gap-2 border-t pt-2">
                      <span>
                        {p.date} <span className="text-muted-foreground">· {p.invoiceNumber ?? "-"}</span>
                      </span>
                      <span className="tabular-nums">{formatMoney(p.amount, p.currency)}</span>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        ) : (
          <p className="text-muted-foreground">{finance.pastDue ? "This customer has invoices past their due date." : "Nothing past due."} Amounts are visible to finance.</p>
        )}
      </CardContent>
    </Card>
  );
}
