import { listBankAccounts } from "@/lib/billing/bank-accounts";
import { todayIn } from "@/lib/calendar";
import { can } from "@/lib/tenancy/roles";
import Link from "next/link";
import { ConfirmActionButton } from "@/components/common/confirm-action-button";
import { PageHeader } from "@/components/common/page-header";
import { DealForm } from "@/components/crm/deal-form";
import { DealInvoicePanel } from "@/components/billing/deal-invoice-panel";
import { DealQuotePanel } from "@/components/billing/deal-quote-panel";
import { latestQuoteOf } from "@/lib/billing/quote-queries";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { getCustomer } from "@/lib/crm/customers";
import { loadLineFormChoices } from "@/lib/crm/deal-form-data";
import { getDeal } from "@/lib/crm/deals";
import { dealInvoiceState } from "@/lib/billing/deal-invoice-state";
import { invoiceGate } from "@/lib/billing/invoice-gate";
import { getInvoiceSettings } from "@/lib/billing/invoice-settings";
import { formatMoney } from "@/lib/crm/money";
import { canEditOwned } from "@/lib/crm/record-access";
import { findOr404 } from "@/lib/tenancy/find-or-404";
import { requireOrg } from "@/lib/tenancy/require-org";
import { toEditableLines } from "@/lib/crm/editable-lines";
import { deleteDealAction } from "../actions";

export default async function DealPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await requireOrg(slug);
  const db = getDb();
  const deal = await findOr404(() => getDeal(db, ctx.org.id, id), id);
  const mayRecordPayments = can(ctx.role, "payments:record") && ctx.canSeeAmounts;
  const [customer, choices, invoiceState, invoicing, bankAccounts] = await Promise.all([
    getCustomer(db, ctx.org.id, deal.customerId),
    loadLineFormChoices(db, ctx.org.id, ctx.canSeeAmounts),
    dealInvoiceState(db, ctx.org.id, deal),
    getInvoiceSettings(db, ctx.org.id),
    mayRecordPayments ? listBankAccounts(db, ctx.org.id) : Promise.resolve([]),
  ]);
  const quote = await latestQuoteOf(db, ctx.org.id, deal.id);
  const stage = choices.stages.find((s) => s.id === deal.stageId);
  const editable = canEditOwned(actorFromContext(ctx), deal.ownerId);
  const gate = stage ? invoiceGate(invoicing, stage, choices.stages, actorFromContext(ctx)) : ({ kind: "refused", message: "This deal has no stage." } as const);
  const money = (v: string) => (ctx.canSeeAmounts ? formatMoney(v, deal.currency) : "—");
  return (
    <>
      <PageHeader
        title={deal.title}
        description={`${customer.name} · ${money(deal.amount)}`}
        actions={
          <div className="flex items-center gap-2">
            <Badge variant={stage?.kind === "won" ? "default" : "outline"}>{stage?.name}</Badge>
            {editable ? (
              <ConfirmActionButton action={deleteDealAction} orgSlug={slug} hidden={{ id }} label="Delete" title={`Delete ${deal.title}?`} description="The deal and its lines are deleted. This cannot be undone." confirmLabel="Delete deal" />
            ) : null}
          </div>
        }
      />
      {invoiceState.invoice && !quote ? null : (
        <DealQuotePanel orgSlug={slug} dealId={deal.id} quote={quote} canQuote={editable && stage?.kind !== "lost" && !invoiceState.invoice} canSeeAmounts={ctx.canSeeAmounts} defaultStatus={invoicing.quoteStatus} />
      )}
      <DealInvoicePanel orgSlug={slug} dealId={deal.id} state={invoiceState} canSeeAmounts={ctx.canSeeAmounts} canRequest={editable} gate={gate}
        today={todayIn(ctx.org.timezone)}
        payments={mayRecordPayments ? { bankAccounts: bankAccounts.map((a) => ({ value: a.code, label: `${a.code} · ${a.name}` })), defaultBankAccountCode: invoicing.defaultBankAccountCode } : undefined}
      />
      <p className="mb-4 text-sm">
        Customer:{" "}
        <Link className="underline" href={`/o/${slug}/customers/${customer.id}`}>
          {customer.name}
        </Link>
      </p>
      {editable ? (
        <DealForm
          orgSlug={slug}
          {...choices}
          canChooseOwner={ctx.role !== "sales"}
          canSeeAmounts={ctx.canSeeAmounts}
          values={{
            id: deal.id,
            title: deal.title,
            customerId: deal.customerId,
            stageId: deal.stageId,
            ownerId: deal.ownerId ?? "",
            currency: deal.currency,
            expectedCloseDate: deal.expectedCloseDate ?? "",
            lostReason: deal.lostReason ?? "",
            lines: toEditableLines(deal.lines, ctx.canSeeAmounts),
          }}
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Line</TableHead>
              <TableHead>Qty</TableHead>
              <TableHead>Unit price</TableHead>
              <TableHead>Amount</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {deal.lines.map((l) => (
              <TableRow key={l.id}>
                <TableCell>{l.description}</TableCell>
                <TableCell>{Number(l.quantity)}</TableCell>
                <TableCell>{money(l.unitPrice)}</TableCell>
                <TableCell>{money(l.lineAmount)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
