"use client";

import { useActionState } from "react";
import { createAdminTokenAction } from "@/app/admin/tokens/actions";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Makes an admin token and shows it once. */
export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createAdminTokenAction.bind(null, ""), null);
  const token = state?.ok ? (state.data as { token?: string } | undefined)?.token : undefined;
  return (
    <form action={action} className="grid max-w-xl gap-3">
      <div className="grid gap-2">
        <Label htmlFor="token-name">What the token is for</Label>
        <Input id="token-name" name="name" required maxLength={80} placeholder="Support dashboard" />
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Making…" : "Make token"}
        </Button>
      </div>
      <FormMessage state={state} />
      {token ? (
        <code className="bg-muted rounded p-2 text-xs break-all" data-testid="new-admin-token">
          {token}
        </code>
      ) : null}
    </form>
  );
}
