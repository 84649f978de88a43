"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { saveInvoicingAction } from "@/app/(portal)/o/[org]/settings/invoicing-actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { SelectField } from "@/components/common/select-field";
import { useKeptFormAction } from "@/components/common/use-kept-form-action";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";

export interface InvoicingValues {
  invoiceOnWin: boolean;
  triggerStageId: string;
  status: "DRAFT" | "AUTHORISED";
  sendToCustomer: boolean;
  sendByLedgerbridge: boolean;
  reminderDaysBefore: string;
  reminderOnDueDate: boolean;
  reminderEveryDaysOverdue: string;
  defaultSalesAccountCode: string;
  defaultTaxType: string;
  defaultBankAccountCode: string;
  quoteStatus: "DRAFT" | "SENT";
  paymentTermDays: string;
  taxRules: { country: string; region: string; taxType: string }[];
}

type Choice = { value: string; label: string };

/** Settings -> Invoicing: when a deal becomes an invoice, as what, and which account and tax rate its lines get. */
export function InvoicingForm({ orgSlug, values, stages, accounts, bankAccounts, taxRates, canEdit }: { orgSlug: string; values: InvoicingValues; stages: Choice[]; accounts: Choice[]; bankAccounts: Choice[]; taxRates: Choice[]; canEdit: boolean }) {
  const { state, onSubmit, pending, fields: f } = useKeptFormAction(saveInvoicingAction, orgSlug);
  const [rules, setRules] = useState(values.taxRules);
  const taxInput = (name: string, value: string, onChange: (v: string) => void, label: string) =>
    taxRates.length ? (
      <NativeSelect aria-label={label} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {taxRates.map((t) => (
          <option key={t.value} value={t.value}>
            {t.label}
          </option>
        ))}
      </NativeSelect>
    ) : (
      <Input aria-label={label} name={name} value={value} onChange={(e) => onChange(e.target.value)} placeholder="Xero tax type, e.g. OUTPUT2" />
    );
  return (
    <form onSubmit={onSubmit} className="grid max-w-3xl gap-6" noValidate>
      <fieldset disabled={!canEdit} className="grid gap-6">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="invoiceOnWin" defaultChecked={values.invoiceOnWin} /> Create the Xero invoice as soon as a deal is won
        </label>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField name="triggerStageId" label="The stage that makes a deal an invoice" defaultValue={values.triggerStageId} options={stages} placeholder="Won (the pipeline's Won stage)" error={f?.triggerStageId} />
          <SelectField name="status" label="Create invoices as" defaultValue={values.status} options={[{ value: "DRAFT", label: "Draft (finance approves in Xero)" }, { value: "AUTHORISED", label: "Approved" }]} error={f?.status} />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="sendToCustomer" defaultChecked={values.sendToCustomer} /> Email approved invoices to the customer (Xero sends them)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="sendByLedgerbridge" defaultChecked={values.sendByLedgerbridge} /> Send invoices by Ledgerbridge (tracked link): our email names the invoice and links to Xero&apos;s online invoice, and the portal shows when the customer opened it (instead of Xero&apos;s email)
        </label>
        <div className="grid gap-4 sm:grid-cols-3">
          {accounts.length ? (
            <SelectField name="defaultSalesAccountCode" label="Sales account for unmapped lines" defaultValue={values.defaultSalesAccountCode} options={accounts} placeholder="None (lines need a mapped product)" error={f?.defaultSalesAccountCode} />
          ) : (
            <FormField name="defaultSalesAccountCode" label="Sales account code for unmapped lines" defaultValue={values.defaultSalesAccountCode} error={f?.defaultSalesAccountCode} hint="Connect Xero to choose from its accounts." />
          )}
          {taxRates.length ? (
            <SelectField name="defaultTaxType" label="Tax rate when no rule matches" defaultValue={values.defaultTaxType} options={taxRates} placeholder="None (Xero's default)" error={f?.defaultTaxType} />
          ) : (
            <FormField name="defaultTaxType" label="Tax type when no rule matches" defaultValue={values.defaultTaxType} error={f?.defaultTaxType} hint="Connect Xero to choose from its tax rates." />
          )}
          <FormField name="paymentTermDays" label="Payment terms (days)" defaultValue={values.paymentTermDays} placeholder="Organisation's" error={f?.paymentTermDays} hint="A customer's own terms come first." />
        </div>
        <fieldset className="grid gap-3">
          <legend className="text-sm font-medium">Payment reminders (emailed with the tracked link; never once paid or voided, never to a customer marked no reminders)</legend>
          <div className="grid gap-4 sm:grid-cols-3">
            <FormField name="reminderDaysBefore" label="Remind N days before the due date" inputMode="numeric" defaultValue={values.reminderDaysBefore} placeholder="Off" error={f?.reminderDaysBefore} />
            <label className="flex items-center gap-2 self-end pb-2 text-sm">
              <input type="checkbox" name="reminderOnDueDate" defaultChecked={values.reminderOnDueDate} /> Remind on the due date
            </label>
            <FormField name="reminderEveryDaysOverdue" label="Remind every N days overdue" inputMode="numeric" defaultValue={values.reminderEveryDaysOverdue} placeholder="Off" error={f?.reminderEveryDaysOverdue} />
          </div>
        </fieldset>
        <SelectField name="quoteStatus" label="Create quotes as" defaultValue={values.quoteStatus} options={[{ value: "SENT", label: "Sent (the customer can answer it)" }, { value: "DRAFT", label: "Draft (sent from Xero later)" }]} error={f?.quoteStatus} />
        {bankAccounts.length ? (
          <SelectField name="defaultBankAccountCode" label="Bank account for payments recorded here" defaultValue={values.defaultBankAccountCode} options={bankAccounts} placeholder="None (choose one on each payment)" error={f?.defaultBankAccountCode} />
        ) : (
          <p className="text-muted-foreground text-sm">Payments recorded in the portal go into one of Xero&apos;s bank accounts: connect Xero (or add a bank account there) to map a default.</p>
        )}
        <fieldset className="grid gap-3">
          <legend className="mb-1 text-sm font-medium">Tax by customer location</legend>
          <p className="text-muted-foreground text-sm">The first rule matching the customer&apos;s country and region sets each line&apos;s tax rate (a product&apos;s own tax type comes first).</p>
          <input type="hidden" name="taxRules" value={JSON.stringify(rules.map((r) => ({ country: r.country, region: r.region || null, taxType: r.taxType })))} />
          {rules.map((r, i) => (
            <div key={i} className="grid grid-cols-[5rem_1fr_1fr_auto] items-center gap-2">
              <Input aria-label={`Rule ${i + 1} country`} value={r.country} maxLength={2} placeholder="US" onChange={(e) => setRules(rules.map((x, j) => (j === i ? { ...x, country: e.target.value.toUpperCase() } : x)))} />
              <Input aria-label={`Rule ${i + 1} region`} value={r.region} placeholder="Region (optional)" onChange={(e) => setRules(rules.map((x, j) => (j === i ? { ...x, region: e.target.value } : x)))} />
              {taxInput(`rule-${i}-tax`, r.taxType, (v) => setRules(rules.map((x, j) => (j === i ? { ...x, taxType: v } : x))), `Rule ${i + 1} tax rate`)}
              <Button type="button" variant="ghost" size="icon" aria-label={`Remove rule ${i + 1}`} onClick={() => setRules(rules.filter((_, j) => j !== i))}>
                <Trash2 />
              </Button>
            </div>
          ))}
          {Object.entries(f ?? {})
            .filter(([k]) => k.startsWith("taxRules"))
            .map(([k, m]) => (
              <p key={k} className="text-destructive text-sm">
                Rule {Number(k.split(".")[1] ?? 0) + 1}: {m}
              </p>
            ))}
          <div>
            <Button type="button" variant="outline" size="sm" onClick={() => setRules([...rules, { country: "", region: "", taxType: "" }])}>
              <Plus /> Add rule
            </Button>
          </div>
        </fieldset>
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save invoicing settings"}
          </Button>
        </div>
      </fieldset>
      <FormMessage state={state} />
    </form>
  );
}
