"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/tenancy/action-result";

type OrgActionFn = (orgSlug: string, prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/** Dismiss one leakage row: a reason is required, and it is kept with who dismissed it. */
export function DismissLeakageForm({ action, orgSlug, target, kind }: { action: OrgActionFn; orgSlug: string; target: { dealId: string } | { subscriptionId: string; period: string }; kind: string }) {
  const [state, formAction, pending] = useActionState(action.bind(null, orgSlug), null);
  return (
    <form action={formAction} className="flex flex-wrap items-start gap-2">
      {Object.entries(target).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="kind" value={kind} />
      <Input name="reason" required minLength={3} maxLength={500} placeholder="Why this is fine (e.g. free pilot)" aria-label="Reason for dismissing" className="h-8 w-56" aria-invalid={state && !state.ok && state.fields?.reason ? true : undefined} />
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        {pending ? "Dismissing…" : "Dismiss"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
