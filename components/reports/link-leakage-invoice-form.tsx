"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import type { ActionResult } from "@/lib/tenancy/action-result";

type OrgActionFn = (orgSlug: string, prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/** Links a won deal to an invoice the accountant already made in Xero for its customer. */
export function LinkLeakageInvoiceForm({ action, orgSlug, dealId, candidates }: { action: OrgActionFn; orgSlug: string; dealId: string; candidates: { xeroInvoiceId: string; label: string }[] }) {
  const [state, formAction, pending] = useActionState(action.bind(null, orgSlug), null);
  if (!candidates.length) return <span className="text-muted-foreground text-xs">No unlinked Xero invoice of this customer to link.</span>;
  return (
    <form action={formAction} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="dealId" value={dealId} />
      <NativeSelect name="xeroInvoiceId" aria-label="Xero invoice to link" className="h-8 w-56" required defaultValue="">
        <option value="" disabled>
          Link an existing Xero invoice…
        </option>
        {candidates.map((c) => (
          <option key={c.xeroInvoiceId} value={c.xeroInvoiceId}>
            {c.label}
          </option>
        ))}
      </NativeSelect>
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        {pending ? "Linking…" : "Link"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
