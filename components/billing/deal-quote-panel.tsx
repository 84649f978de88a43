import { checkQuotesAction, createQuoteAction } from "@/app/(portal)/o/[org]/deals/quote-actions";
import { SubmitForm } from "@/components/common/submit-form";
import { Badge } from "@/components/ui/badge";
import type { Quote } from "@/db/schema";
import { formatMoney } from "@/lib/crm/money";

const STATUS_WORDS: Record<string, string> = { PENDING: "On its way to Xero", DRAFT: "Draft", SENT: "Sent", DECLINED: "Declined", ACCEPTED: "Accepted", INVOICED: "Invoiced", DELETED: "Deleted" };

/**
 * The deal's newest Xero quote (number, status, total, valid until), "Check for an answer now" while
 * it is open, and "Create quote" when the deal has none in play.
 */
export function DealQuotePanel({ orgSlug, dealId, quote, canQuote, canSeeAmounts, defaultStatus }: { orgSlug: string; dealId: string; quote: Quote | null; canQuote: boolean; canSeeAmounts: boolean; defaultStatus: "DRAFT" | "SENT" }) {
  const inPlay = quote && ["PENDING", "DRAFT", "SENT", "ACCEPTED"].includes(quote.status);
  return (
    <div className="mb-6 grid gap-2 rounded-md border p-4 text-sm" data-testid="deal-quote">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Xero quote</span>
        {quote ? (
          <>
            <span data-testid="quote-number">{quote.number ?? "—"}</span>
            <Badge variant={quote.status === "ACCEPTED" || quote.status === "INVOICED" ? "default" : "outline"} data-testid="quote-status">
              {STATUS_WORDS[quote.status] ?? quote.status}
            </Badge>
          </>
        ) : null}
      </div>
      {quote ? (
        <p className="text-muted-foreground">
          {quote.total && canSeeAmounts ? `${formatMoney(quote.total, quote.currency)} · ` : ""}
          {quote.expiryDate ? `valid until ${quote.expiryDate} · ` : ""}
          {quote.status === "ACCEPTED" ? "accepted: the deal is won and invoiced with exactly the quote's lines." : quote.status === "SENT" ? "waiting for the customer's answer (checked every minute)." : quote.status === "DECLINED" ? "declined by the customer: you can quote again." : ""}
        </p>
      ) : (
        <p className="text-muted-foreground">No quote yet. A quote sends the deal&apos;s lines to Xero, priced and taxed as its invoice would be; when the customer accepts it, the deal is won and invoiced with exactly those lines.</p>
      )}
      <div className="flex flex-wrap gap-2">
        {canQuote && !inPlay ? <SubmitForm action={createQuoteAction} orgSlug={orgSlug} hidden={{ id: dealId, status: defaultStatus }} label={defaultStatus === "SENT" ? "Create quote" : "Create draft quote"} pendingLabel="Sending to Xero…" variant="outline" size="sm" /> : null}
        {quote && ["DRAFT", "SENT", "ACCEPTED"].includes(quote.status) ? <SubmitForm action={checkQuotesAction} orgSlug={orgSlug} hidden={{ id: dealId }} label="Check for an answer now" pendingLabel="Asking Xero…" variant="ghost" size="sm" /> : null}
      </div>
    </div>
  );
}
