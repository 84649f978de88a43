"use client";

import Link from "next/link";
import { saveDealAction } from "@/app/(portal)/o/[org]/deals/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { useKeptFormAction } from "@/components/common/use-kept-form-action";
import { SelectField } from "@/components/common/select-field";
import { Button } from "@/components/ui/button";
import { LinesEditor, type EditableLine, type ProductChoice } from "./lines-editor";

export interface DealFormValues {
  id?: string;
  title: string;
  customerId: string;
  stageId: string;
  ownerId: string;
  currency: string;
  expectedCloseDate: string;
  lostReason: string;
  lines: EditableLine[];
}

export function DealForm({
  orgSlug,
  values,
  customers,
  stages,
  owners,
  products,
  canChooseOwner,
  canSeeAmounts,
}: {
  orgSlug: string;
  values: DealFormValues;
  customers: { id: string; name: string }[];
  stages: { id: string; name: string }[];
  owners: { id: string; name: string }[];
  products: ProductChoice[];
  canChooseOwner: boolean;
  canSeeAmounts: boolean;
}) {
  const { state, onSubmit, pending, fields: f } = useKeptFormAction(saveDealAction, orgSlug);
  return (
    <form onSubmit={onSubmit} className="grid max-w-5xl gap-6" noValidate>
      {values.id ? <input type="hidden" name="id" value={values.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField name="title" label="Title" defaultValue={values.title} required error={f?.title} />
        <SelectField name="customerId" label="Customer" defaultValue={values.customerId} placeholder="Choose a customer" options={customers.map((c) => ({ value: c.id, label: c.name }))} error={f?.customerId} />
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        <SelectField name="stageId" label="Stage" defaultValue={values.stageId} options={stages.map((s) => ({ value: s.id, label: s.name }))} error={f?.stageId} />
        <FormField name="expectedCloseDate" label="Expected close" type="date" defaultValue={values.expectedCloseDate} error={f?.expectedCloseDate} />
        <FormField
          name="currency"
          label="Currency"
          defaultValue={values.currency}
          maxLength={3}
          placeholder="Customer's"
          error={f?.currency}
          hint={values.id && values.lines.length ? "Changing it keeps the numbers below: re-enter the prices in the new currency." : undefined}
        />
        {canChooseOwner ? <SelectField name="ownerId" label="Owner" defaultValue={values.ownerId} placeholder="No owner" options={owners.map((o) => ({ value: o.id, label: o.name }))} error={f?.ownerId} /> : null}
      </div>
      {canSeeAmounts || !values.id ? (
        <LinesEditor products={products} initial={values.lines} currency={values.currency || "USD"} canSeeAmounts={canSeeAmounts} errors={f} />
      ) : (
        <p className="text-muted-foreground text-sm">
          {values.lines.length} line(s). Lines of a priced deal are changed by finance or an admin.
        </p>
      )}
      <FormField name="lostReason" label="Lost reason (if lost)" defaultValue={values.lostReason} error={f?.lostReason} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : values.id ? "Save deal" : "Create deal"}
        </Button>
        <Button asChild variant="ghost">
          <Link href={values.id ? `/o/${orgSlug}/deals/${values.id}` : `/o/${orgSlug}/deals`}>Cancel</Link>
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
