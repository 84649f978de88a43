import { SubmitForm } from "@/components/common/submit-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/lib/crm/money";
import type { ReceivablesTieOut } from "@/lib/reports/receivables-tie-out";
import type { ActionResult } from "@/lib/tenancy/action-result";

type OrgActionFn = (orgSlug: string, prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/** Our receivables beside Xero's Balance Sheet, the difference and what it is made of; the pull button when connected. */
export function ReceivablesTieOutCard({ tieOut, orgSlug, connected, pull }: { tieOut: ReceivablesTieOut | null; orgSlug: string; connected: boolean; pull: OrgActionFn }) {
  return (
    <Card data-testid="tie-out">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle className="text-base">Ties out with Xero&apos;s Balance Sheet</CardTitle>
        {connected ? <SubmitForm action={pull} orgSlug={orgSlug} label="Pull from Xero" pendingLabel="Pulling…" size="sm" /> : null}
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {tieOut ? (
          <>
            <dl className="grid max-w-xl grid-cols-2 gap-2">
              <dt className="text-muted-foreground">Receivables here</dt>
              <dd className="text-right tabular-nums">{formatMoney(tieOut.receivables, tieOut.currency)}</dd>
              <dt className="text-muted-foreground">Accounts Receivable in Xero (as at {tieOut.reportDate})</dt>
              <dd className="text-right tabular-nums" data-testid="xero-receivables">
                {formatMoney(tieOut.xeroReceivables, tieOut.currency)}
              </dd>
              <dt className="font-medium">Difference</dt>
              <dd className="text-right font-medium tabular-nums" data-testid="tie-out-difference">
                {formatMoney(tieOut.difference, tieOut.currency)}
              </dd>
              {tieOut.explained.map((p) => (
                <div key={p.reason} className="contents">
                  <dt className="text-muted-foreground pl-3">{p.reason}</dt>
                  <dd className="text-right tabular-nums">{formatMoney(p.amount, tieOut.currency)}</dd>
                </div>
              ))}
              <dt className="text-muted-foreground pl-3">Not explained</dt>
              <dd className="text-right tabular-nums" data-testid="tie-out-unexplained">
                {formatMoney(tieOut.unexplained, tieOut.currency)}
              </dd>
            </dl>
            <p className="text-muted-foreground text-xs">
              {tieOut.unexplained === "0.00"
                ? "Every cent of the difference is explained."
                : "What is not explained is usually a change made in Xero since the last sync (it arrives within minutes), or a document the portal does not mirror yet."}{" "}
              Pulled {tieOut.fetchedAt.toISOString().slice(0, 16).replace("T", " ")} UTC; pulled again every morning.
            </p>
          </>
        ) : (
          <p className="text-muted-foreground">{connected ? "Not pulled yet: press Pull from Xero to compare these receivables with Xero's own Balance Sheet (it is also pulled every morning)." : "Connect Xero to compare these receivables with Xero's own Balance Sheet."}</p>
        )}
      </CardContent>
    </Card>
  );
}
