import { and, asc, eq } from "drizzle-orm";
import { SubmitForm } from "@/components/common/submit-form";
import { InvoicingForm } from "@/components/settings/invoicing-form";
import { getDb } from "@/db";
import { xeroAccounts, xeroTaxRates } from "@/db/schema";
import { listBankAccounts } from "@/lib/billing/bank-accounts";
import { getInvoiceSettings } from "@/lib/billing/invoice-settings";
import { listStages } from "@/lib/crm/pipeline-stages";
import { requireOrg } from "@/lib/tenancy/require-org";
import { can } from "@/lib/tenancy/roles";
import { sendRemindersNowAction } from "../invoicing-actions";

export default async function InvoicingSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const db = getDb();
  const [settings, stages, accounts, taxRates, bankAccounts] = await Promise.all([
    getInvoiceSettings(db, ctx.org.id),
    listStages(db, ctx.org.id),
    db.select().from(xeroAccounts).where(and(eq(xeroAccounts.orgId, ctx.org.id), eq(xeroAccounts.status, "ACTIVE"), eq(xeroAccounts.class, "REVENUE"))).orderBy(asc(xeroAccounts.code)),
    db.select().from(xeroTaxRates).where(and(eq(xeroTaxRates.orgId, ctx.org.id), eq(xeroTaxRates.status, "ACTIVE"), eq(xeroTaxRates.canApplyToRevenue, true))).orderBy(asc(xeroTaxRates.name)),
    listBankAccounts(db, ctx.org.id),
  ]);
  return (
    <div className="grid gap-4">
      <p className="text-muted-foreground max-w-3xl text-sm">
        When a deal reaches the invoicing stage its Xero invoice is made at once: each line through its product to Xero&apos;s item, sales account and tax rate, due after the customer&apos;s payment terms, in the deal&apos;s currency (which Xero must have enabled).
      </p>
      <InvoicingForm
        orgSlug={slug}
        canEdit={can(ctx.role, "xero:manage")}
        stages={stages.map((s) => ({ value: s.id, label: s.name }))}
        accounts={accounts.map((a) => ({ value: a.code ?? "", label: `${a.code} · ${a.name}` })).filter((a) => a.value)}
        bankAccounts={bankAccounts.map((a) => ({ value: a.code, label: `${a.code} · ${a.name}${a.currency ? ` (${a.currency})` : ""}` }))}
        taxRates={taxRates.map((t) => ({ value: t.taxType, label: `${t.name} (${Number(t.effectiveRate)}%)` }))}
        values={{
          invoiceOnWin: settings.invoiceOnWin,
          triggerStageId: settings.triggerStageId ?? "",
          status: settings.status,
          sendToCustomer: settings.sendToCustomer,
          sendByLedgerbridge: settings.sendByLedgerbridge,
          reminderDaysBefore: settings.reminderDaysBefore === null ? "" : String(settings.reminderDaysBefore),
          reminderOnDueDate: settings.reminderOnDueDate,
          reminderEveryDaysOverdue: settings.reminderEveryDaysOverdue === null ? "" : String(settings.reminderEveryDaysOverdue),
          defaultSalesAccountCode: settings.defaultSalesAccountCode ?? "",
          defaultTaxType: settings.defaultTaxType ?? "",
          defaultBankAccountCode: settings.defaultBankAccountCode ?? "",
          quoteStatus: settings.quoteStatus,
          paymentTermDays: settings.paymentTermDays === null ? "" : String(settings.paymentTermDays),
          taxRules: settings.taxRules.map((r) => ({ country: r.country, region: r.region ?? "", taxType: r.taxType })),
        }}
      />
      {can(ctx.role, "xero:manage") ? (
        <div className="grid max-w-3xl gap-2">
          <p className="text-muted-foreground text-sm">Reminders go out each morning; send today&apos;s now if you just changed them. Nothing is sent twice.</p>
          <SubmitForm action={sendRemindersNowAction} orgSlug={slug} label="Send reminders now" pendingLabel="Checking invoices in Xero…" variant="outline" size="sm" />
        </div>
      ) : null}
    </div>
  );
}
