"use client";

import { useActionState } from "react";
import { chooseXeroTenantAction } from "@/app/(portal)/o/[org]/settings/integrations/actions";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";

export function XeroTenantChooser({
  orgSlug,
  state: authState,
  tenants,
  currentTenant,
}: {
  orgSlug: string;
  state: string;
  tenants: { tenantId: string; tenantName: string }[];
  currentTenant: { tenantId: string; tenantName: string } | null;
}) {
  const [state, action, pending] = useActionState(chooseXeroTenantAction.bind(null, orgSlug), null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={action} className="grid gap-4 rounded-xl border p-6">
      <div>
        <h2 className="font-semibold">Choose the Xero organisation</h2>
        <p className="text-muted-foreground text-sm">You gave access to more than one, or to a different one than before. Ledgerbridge syncs with one.</p>
      </div>
      <input type="hidden" name="state" value={authState} />
      <fieldset className="grid gap-2">
        <legend className="sr-only">Xero organisation</legend>
        {tenants.map((t, i) => (
          <label key={t.tenantId} className="hover:bg-muted/50 flex items-center gap-3 rounded-md border p-3">
            <input type="radio" name="tenantId" value={t.tenantId} defaultChecked={i === 0} />
            <span className="font-medium">{t.tenantName}</span>
            {currentTenant?.tenantId === t.tenantId ? <span className="text-muted-foreground text-xs">(connected now)</span> : null}
          </label>
        ))}
      </fieldset>
      {currentTenant ? (
        <label className="flex items-start gap-3 text-sm">
          <input type="checkbox" name="confirmChange" className="mt-1" />
          <span>
            I understand that choosing another organisation than <strong>{currentTenant.tenantName}</strong> points future syncs at different books.
            {fields?.confirmChange ? <span className="text-destructive block">{fields.confirmChange}</span> : null}
          </span>
        </label>
      ) : null}
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Connecting…" : "Use this organisation"}
        </Button>
      </div>
    </form>
  );
}
