"use client";

import { useActionState } from "react";
import { createApiKeyAction } from "@/app/(portal)/o/[org]/settings/crm-actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { SelectField } from "@/components/common/select-field";
import { Button } from "@/components/ui/button";

export function ApiKeyForm({ orgSlug }: { orgSlug: string }) {
  const [state, action, pending] = useActionState(createApiKeyAction.bind(null, orgSlug), null);
  const fields = state && !state.ok ? state.fields : undefined;
  const key = state?.ok ? (state.data as { key?: string } | undefined)?.key : undefined;
  return (
    <form action={action} className="grid gap-4 rounded-xl border p-4">
      <h2 className="font-semibold">Create an API key</h2>
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem] sm:items-end">
        <FormField name="name" label="Name" required error={fields?.name} placeholder="HubSpot sync" />
        <SelectField name="scope" label="Scope" defaultValue="read" options={[{ value: "read", label: "Read" }, { value: "write", label: "Read and write" }]} error={fields?.scope} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="canSeeAmounts" className="size-4" /> Include amounts (prices, deal values) in answers
      </label>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </div>
      <FormMessage state={state} />
      {key ? (
        <p className="bg-muted rounded-md p-3 font-mono text-sm break-all" data-testid="new-api-key">
          {key}
        </p>
      ) : null}
    </form>
  );
}
