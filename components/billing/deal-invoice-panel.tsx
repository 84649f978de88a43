import Link from "next/link";
import { createInvoiceAction } from "@/app/(portal)/o/[org]/deals/actions";
import { SubmitForm } from "@/components/common/submit-form";
import { InvoiceStatusBadge } from "./invoice-status-badge";
import { RecordPaymentForm } from "./record-payment-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { dealInvoiceState } from "@/lib/billing/deal-invoice-state";
import type { InvoiceGate } from "@/lib/billing/invoice-gate";
import { formatMoney } from "@/lib/crm/money";

type State = Awaited<ReturnType<typeof dealInvoiceState>>;

/** The deal's invoice: Xero's number and status live, or why it is not there yet, or the button to make it. */
export function DealInvoicePanel({
  orgSlug,
  dealId,
  state,
  canSeeAmounts,
  canRequest,
  gate,
  today,
  payments,
}: {
  orgSlug: string;
  dealId: string;
  state: State;
  canSeeAmounts: boolean;
  canRequest: boolean;
  gate: InvoiceGate;
  today: string;
  /** Given when the person may record payments: Xero's bank accounts and the mapped default. */
  payments?: { bankAccounts: { value: string; label: string }[]; defaultBankAccountCode: string | null };
}) {
  const { invoice, sync, approved } = state;
  const money = (v: string) => (canSeeAmounts && invoice ? formatMoney(v, invoice.currency) : "—");
  return (
    <Card className="mb-6" data-testid="deal-invoice">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2 text-base">
          Xero invoice
          {invoice ? (
            <>
              <span data-testid="invoice-number">{invoice.number}</span>
              <InvoiceStatusBadge invoice={invoice} today={today} testId="invoice-status" />
            </>
          ) : null}
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2 text-sm">
        {invoice ? (
          <>
            <p>
              Total {money(invoice.total)} · due {money(invoice.amountDue)}
              {invoice.dueDate ? ` by ${invoice.dueDate}` : ""}
              {invoice.fullyPaidOn ? ` · paid on ${invoice.fullyPaidOn}` : ""}
              {invoice.sentToContact ? " · sent to the customer" : ""}
            </p>
            {approved ? <p className="text-muted-foreground">Approved in Xero: changes to this deal no longer change the invoice. Make them with a credit note in Xero.</p> : <p className="text-muted-foreground">A draft: it follows changes to this deal.</p>}
            {payments && canSeeAmounts && invoice.status === "AUTHORISED" && Number(invoice.amountDue) > 0 ? (
              <RecordPaymentForm orgSlug={orgSlug} invoiceId={invoice.id} amountDue={invoice.amountDue} currency={invoice.currency} today={today} bankAccounts={payments.bankAccounts} defaultBankAccountCode={payments.defaultBankAccountCode} />
            ) : null}
          </>
        ) : sync?.status === "failed" ? (
          <p role="alert" className="text-destructive">
            Not invoiced: {sync.message}{" "}
            <Link className="underline" href={`/o/${orgSlug}/sync/errors`}>
              See the error log
            </Link>
          </p>
        ) : sync?.status === "pending" || sync?.status === "in_flight" ? (
          <p className="text-muted-foreground">Being sent to Xero…</p>
        ) : (
          <p className="text-muted-foreground">{sync?.status === "skipped" && sync.message ? sync.message : "No invoice yet."}</p>
        )}
        {!invoice && canRequest && sync?.status !== "pending" && sync?.status !== "in_flight" ? (
          gate.kind === "refused" ? (
            <p className="text-muted-foreground" data-testid="invoice-gate">
              {gate.message}
            </p>
          ) : (
            <SubmitForm action={createInvoiceAction} orgSlug={orgSlug} hidden={{ id: dealId }} label="Create invoice" pendingLabel="Queuing…" variant="outline" size="sm" confirm={gate.kind === "confirm" ? gate.confirmLabel : undefined} />
          )
        ) : null}
      </CardContent>
    </Card>
  );
}
