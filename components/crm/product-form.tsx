"use client";

import Link from "next/link";
import { saveProductAction } from "@/app/(portal)/o/[org]/products/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { TextareaField } from "@/components/common/textarea-field";
import { useKeptFormAction } from "@/components/common/use-kept-form-action";
import { Button } from "@/components/ui/button";
import type { Product } from "@/db/schema";

export function ProductForm({ orgSlug, product: p, baseCurrency }: { orgSlug: string; product?: Product; baseCurrency: string }) {
  const { state, onSubmit, pending, fields: f } = useKeptFormAction(saveProductAction, orgSlug);
  return (
    <form onSubmit={onSubmit} className="grid max-w-3xl gap-6" noValidate>
      {p ? <input type="hidden" name="id" value={p.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
        <FormField name="code" label="Code" defaultValue={p?.code} required error={f?.code} hint="Unique; Xero matches items by code" />
        <FormField name="name" label="Name" defaultValue={p?.name} required maxLength={50} error={f?.name} />
      </div>
      <TextareaField name="description" label="Description" defaultValue={p?.description ?? ""} error={f?.description} />
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField name="unitPrice" label="Unit price" inputMode="decimal" defaultValue={p?.unitPrice} required error={f?.unitPrice} />
        <FormField name="currency" label="Currency" defaultValue={p?.currency ?? baseCurrency} maxLength={3} error={f?.currency} />
        <FormField name="lowStockThreshold" label="Low-stock threshold" inputMode="numeric" defaultValue={p?.lowStockThreshold ?? ""} error={f?.lowStockThreshold} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="tracksInventory" defaultChecked={p?.tracksInventory} className="size-4" /> Track inventory (Xero tracked item)
      </label>
      <fieldset className="grid gap-4 rounded-xl border p-4 sm:grid-cols-3">
        <legend className="px-1 text-sm font-medium">Xero mapping (used by the sync)</legend>
        <FormField name="xeroItemCode" label="Xero item code" defaultValue={p?.xeroItemCode ?? ""} error={f?.xeroItemCode} />
        <FormField name="salesAccountCode" label="Sales account code" defaultValue={p?.salesAccountCode ?? ""} error={f?.salesAccountCode} hint="e.g. 200 (Sales)" />
        <FormField name="taxType" label="Tax type" defaultValue={p?.taxType ?? ""} error={f?.taxType} hint="e.g. OUTPUT2, TAX001" />
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : p ? "Save product" : "Create product"}
        </Button>
        <Button asChild variant="ghost">
          <Link href={`/o/${orgSlug}/products`}>Cancel</Link>
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
