"use client";

import { useActionState } from "react";
import { saveMarketingSpendAction } from "@/app/(portal)/o/[org]/settings/crm-actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";

export function MarketingSpendForm({ orgSlug, sources, baseCurrency }: { orgSlug: string; sources: string[]; baseCurrency: string }) {
  const [state, action, pending] = useActionState(saveMarketingSpendAction.bind(null, orgSlug), null);
  const f = state && !state.ok ? state.fields : undefined;
  return (
    <form action={action} className="grid gap-4 rounded-xl border p-4">
      <div className="grid gap-4 sm:grid-cols-4 sm:items-end">
        <FormField name="leadSource" label="Lead source" list="spend-sources" error={f?.leadSource} />
        <datalist id="spend-sources">
          {sources.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <FormField name="month" label="Month" type="month" error={f?.month} />
        <FormField name="amount" label="Amount spent" inputMode="decimal" error={f?.amount} />
        <FormField name="currency" label="Currency" defaultValue={baseCurrency} maxLength={3} error={f?.currency} />
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save spend"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
