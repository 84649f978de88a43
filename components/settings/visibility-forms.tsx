"use client";

import { useActionState } from "react";
import { memberVisibilityAction, orgVisibilityAction } from "@/app/(portal)/o/[org]/settings/actions";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";

export function OrgVisibilityForm({ orgSlug, salesCanSeeAmounts, canEdit }: { orgSlug: string; salesCanSeeAmounts: boolean; canEdit: boolean }) {
  const [state, action, pending] = useActionState(orgVisibilityAction.bind(null, orgSlug), null);
  return (
    <form action={action} className="grid gap-3 rounded-xl border p-4">
      <label className="flex items-start gap-3">
        <input type="checkbox" name="salesCanSeeAmounts" defaultChecked={salesCanSeeAmounts} disabled={!canEdit} className="mt-1 size-4" />
        <span>
          <span className="font-medium">Sales members may see amounts</span>
          <span className="text-muted-foreground block text-sm">
            Deal values, invoice totals and customer balances. Off: sales see whether a customer is past due, but not how much.
          </span>
        </span>
      </label>
      {canEdit ? (
        <div>
          <Button type="submit" size="sm" disabled={pending}>
            Save rule
          </Button>
        </div>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}

export function MemberVisibilitySelect({ orgSlug, userId, name, value }: { orgSlug: string; userId: string; name: string; value: boolean | null }) {
  const [state, action, pending] = useActionState(memberVisibilityAction.bind(null, orgSlug), null);
  return (
    <form action={action} className="flex flex-col gap-1">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex gap-2">
        <NativeSelect name="canSeeAmounts" defaultValue={value === null ? "inherit" : value ? "allow" : "deny"} aria-label={`Amounts for ${name}`} className="w-56">
          <option value="inherit">Follow the rule above</option>
          <option value="allow">Always show amounts</option>
          <option value="deny">Never show amounts</option>
        </NativeSelect>
        <Button type="submit" variant="outline" size="sm" disabled={pending}>
          Save
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
