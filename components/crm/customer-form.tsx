"use client";

import Link from "next/link";
import { saveCustomerAction } from "@/app/(portal)/o/[org]/customers/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { useKeptFormAction } from "@/components/common/use-kept-form-action";
import { SelectField } from "@/components/common/select-field";
import { TextareaField } from "@/components/common/textarea-field";
import { Button } from "@/components/ui/button";
import type { Customer } from "@/db/schema";

export function CustomerForm({
  orgSlug,
  customer,
  owners,
  canChooseOwner,
  defaultTermDays,
  baseCurrency,
}: {
  orgSlug: string;
  customer?: Customer;
  owners: { id: string; name: string }[];
  canChooseOwner: boolean;
  defaultTermDays: number;
  baseCurrency: string;
}) {
  const { state, onSubmit, pending, fields: f } = useKeptFormAction(saveCustomerAction, orgSlug);
  const c = customer;
  return (
    <form onSubmit={onSubmit} className="grid max-w-3xl gap-6" noValidate>
      {c ? <input type="hidden" name="id" value={c.id} /> : null}
      <section className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <FormField name="name" label="Name" defaultValue={c?.name} required error={f?.name} autoFocus={!c} />
        <SelectField name="kind" label="Kind" defaultValue={c?.kind ?? "company"} options={[{ value: "company", label: "Company" }, { value: "person", label: "Person" }]} error={f?.kind} />
      </section>
      <section className="grid gap-4 sm:grid-cols-2">
        <FormField name="email" label="Email" type="email" defaultValue={c?.email ?? ""} error={f?.email} hint="Invoices are sent here; re-imports match on it." />
        <FormField name="phone" label="Phone" defaultValue={c?.phone ?? ""} error={f?.phone} />
      </section>
      <fieldset className="grid gap-4 rounded-xl border p-4">
        <legend className="px-1 text-sm font-medium">Billing address (sets the tax Xero applies)</legend>
        <FormField name="addressLine1" label="Address line 1" defaultValue={c?.addressLine1 ?? ""} error={f?.addressLine1} />
        <FormField name="addressLine2" label="Address line 2" defaultValue={c?.addressLine2 ?? ""} error={f?.addressLine2} />
        <div className="grid gap-4 sm:grid-cols-4">
          <FormField name="city" label="City" defaultValue={c?.city ?? ""} error={f?.city} />
          <FormField name="region" label="Region / state" defaultValue={c?.region ?? ""} error={f?.region} />
          <FormField name="postalCode" label="Postal code" defaultValue={c?.postalCode ?? ""} error={f?.postalCode} />
          <FormField name="country" label="Country" defaultValue={c?.country ?? ""} maxLength={2} error={f?.country} hint="Two letters: US, GB" />
        </div>
      </fieldset>
      <section className="grid gap-4 sm:grid-cols-3">
        <FormField name="leadSource" label="Lead source" defaultValue={c?.leadSource ?? ""} error={f?.leadSource} list="lead-sources" hint="Where they came from" />
        <datalist id="lead-sources">
          {["Referral", "Website", "Google Ads", "LinkedIn", "Event", "Outbound"].map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <FormField
          name="paymentTermDays"
          label="Payment terms (days)"
          inputMode="numeric"
          defaultValue={c?.paymentTermDays ?? ""}
          placeholder={`Default: Net ${defaultTermDays}`}
          list="term-days"
          error={f?.paymentTermDays}
          hint="Net 7, 15, 30, 60 or any number of days"
        />
        <datalist id="term-days">
          {[7, 15, 30, 60].map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
        <FormField name="currency" label="Currency" defaultValue={c?.currency ?? ""} placeholder={`Default: ${baseCurrency}`} maxLength={3} error={f?.currency} />
      </section>
      <section className="grid gap-4 sm:grid-cols-3">
        <FormField name="taxNumber" label="Tax number" defaultValue={c?.taxNumber ?? ""} error={f?.taxNumber} />
        <FormField name="tags" label="Tags" defaultValue={c?.tags.join(", ") ?? ""} error={f?.tags} hint="Separate with commas" />
        {canChooseOwner ? (
          <SelectField name="ownerId" label="Owner" defaultValue={c?.ownerId ?? ""} placeholder="No owner" options={owners.map((o) => ({ value: o.id, label: o.name }))} error={f?.ownerId} />
        ) : null}
      </section>
      <TextareaField name="notes" label="Notes" defaultValue={c?.notes ?? ""} error={f?.notes} />
      <label className="flex items-center gap-2 text-sm">
        {/* Unticked sends "false" (a box left unticked sends nothing); ticked, the box's "true" comes last and wins. */}
        <input type="hidden" name="noReminders" value="false" />
        <input type="checkbox" name="noReminders" value="true" defaultChecked={c?.noReminders ?? false} /> No payment reminders to this customer
      </label>
      <FormField name="externalId" label="External id (from your CRM)" defaultValue={c?.externalId ?? ""} error={f?.externalId} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : c ? "Save changes" : "Create customer"}
        </Button>
        <Button asChild variant="ghost">
          <Link href={c ? `/o/${orgSlug}/customers/${c.id}` : `/o/${orgSlug}/customers`}>Cancel</Link>
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
