"use client";

import Link from "next/link";
import { saveSubscriptionAction } from "@/app/(portal)/o/[org]/customers/[id]/subscriptions/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { SelectField } from "@/components/common/select-field";
import { useKeptFormAction } from "@/components/common/use-kept-form-action";
import { Button } from "@/components/ui/button";
import { LinesEditor, type EditableLine, type ProductChoice } from "./lines-editor";

export interface SubscriptionFormValues {
  id?: string;
  customerId: string;
  interval: string;
  startDate: string;
  endDate: string;
  nextBillingDate: string;
  status: string;
  currency: string;
  lines: EditableLine[];
}

const INTERVALS = ["weekly", "monthly", "quarterly", "yearly"].map((v) => ({ value: v, label: v[0].toUpperCase() + v.slice(1) }));
const STATUSES = ["active", "paused", "cancelled", "ended"].map((v) => ({ value: v, label: v[0].toUpperCase() + v.slice(1) }));

export function SubscriptionForm({ orgSlug, values, products }: { orgSlug: string; values: SubscriptionFormValues; products: ProductChoice[] }) {
  const { state, onSubmit, pending, fields: f } = useKeptFormAction(saveSubscriptionAction, orgSlug);
  return (
    <form onSubmit={onSubmit} className="grid max-w-5xl gap-6" noValidate>
      {values.id ? <input type="hidden" name="id" value={values.id} /> : null}
      <input type="hidden" name="customerId" value={values.customerId} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField name="interval" label="Interval" defaultValue={values.interval} options={INTERVALS} error={f?.interval} />
        <SelectField name="status" label="Status" defaultValue={values.status} options={STATUSES} error={f?.status} />
        <FormField name="currency" label="Currency" defaultValue={values.currency} maxLength={3} placeholder="Customer's" error={f?.currency} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField name="startDate" label="Start" type="date" defaultValue={values.startDate} error={f?.startDate} />
        <FormField name="endDate" label="End (optional)" type="date" defaultValue={values.endDate} error={f?.endDate} />
        <FormField name="nextBillingDate" label="Next billing date" type="date" defaultValue={values.nextBillingDate} error={f?.nextBillingDate} hint="Default: the first billing date from today" />
      </div>
      <LinesEditor products={products} initial={values.lines} currency={values.currency || "USD"} canSeeAmounts errors={f} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : values.id ? "Save subscription" : "Create subscription"}
        </Button>
        <Button asChild variant="ghost">
          <Link href={`/o/${orgSlug}/customers/${values.customerId}`}>Cancel</Link>
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
