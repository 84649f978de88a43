"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/tenancy/action-result";

type OrgActionFn = (orgSlug: string, prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/** A one-button form for an org action, with hidden fields, pending state and the outcome. */
export function SubmitForm({
  action,
  orgSlug,
  hidden = {},
  label,
  pendingLabel,
  variant = "default",
  size = "default",
  confirm,
}: {
  action: OrgActionFn;
  orgSlug: string;
  hidden?: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: "default" | "outline" | "destructive" | "ghost" | "secondary";
  size?: "default" | "sm";
  /** A checkbox (named `confirm`) that must be ticked first, saying what the press will do. */
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action.bind(null, orgSlug), null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {confirm ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="confirm" required className="mt-0.5" /> {confirm}
        </label>
      ) : null}
      <Button type="submit" variant={variant} size={size} disabled={pending}>
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
