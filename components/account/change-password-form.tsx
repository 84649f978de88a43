"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/app/account/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={action} className="grid max-w-md gap-4">
      <FormField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={fields?.currentPassword} />
      <FormField name="newPassword" label="New password" type="password" autoComplete="new-password" required error={fields?.newPassword} hint="At least 10 characters, with a letter and a digit." />
      <FormField name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required error={fields?.confirmPassword} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
