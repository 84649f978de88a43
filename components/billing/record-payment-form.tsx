"use client";

import { useState } from "react";
import { recordPaymentAction } from "@/app/(portal)/o/[org]/deals/payment-actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { SelectField } from "@/components/common/select-field";
import { useKeptFormAction } from "@/components/common/use-kept-form-action";
import { Button } from "@/components/ui/button";

type Choice = { value: string; label: string };

/**
 * Finance records a payment on an approved invoice: amount (what is due, unless part paid), date,
 * the Xero bank account it went into. Each opening of the form carries its own request key, so a
 * double click or a resubmitted form records one payment.
 */
export function RecordPaymentForm({ orgSlug, invoiceId, amountDue, currency, today, bankAccounts, defaultBankAccountCode }: { orgSlug: string; invoiceId: string; amountDue: string; currency: string; today: string; bankAccounts: Choice[]; defaultBankAccountCode: string | null }) {
  const { state, onSubmit, pending, fields: f } = useKeptFormAction(recordPaymentAction, orgSlug);
  // The outcome shown when the form was opened: a newer successful one closes it (its message
  // stays), and opening it again gives the next payment a key of its own.
  const [openedWith, setOpenedWith] = useState<typeof state | "closed">("closed");
  const open = openedWith !== "closed" && !(state?.ok && state !== openedWith);
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());
  if (!open) {
    return (
      <div className="grid gap-2">
        <FormMessage state={state} />
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={() => {
              setRequestKey(crypto.randomUUID());
              setOpenedWith(state);
            }}
          >
            Record a payment
          </Button>
        </div>
      </div>
    );
  }
  if (!bankAccounts.length) return <p className="text-muted-foreground">Xero has no bank account to take the payment into yet: add one in Xero, then sync.</p>;
  return (
    <form
      onSubmit={onSubmit}
      className="grid gap-3 rounded-md border p-3"
      aria-label="Record a payment"
      noValidate
    >
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField name="amount" label={`Amount (${currency})`} defaultValue={amountDue} inputMode="decimal" error={f?.amount} hint={`${amountDue} is due; a part payment is fine.`} />
        <FormField name="date" label="Paid on" type="date" defaultValue={today} error={f?.date} />
        <SelectField name="bankAccountCode" label="Into bank account" defaultValue={defaultBankAccountCode ?? ""} options={bankAccounts} placeholder="Choose…" error={f?.bankAccountCode} />
      </div>
      <FormField name="reference" label="Reference (optional)" placeholder="Cheque number, bank reference…" error={f?.reference} />
      <FormMessage state={state} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Recording in Xero…" : "Record payment in Xero"}
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => setOpenedWith("closed")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
