"use client";

import { useActionState } from "react";
import { acceptInvitationAction, acceptWithNewAccountAction } from "@/app/invite/[token]/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";

export function AcceptInvitationButton({ token }: { token: string }) {
  const [state, action, pending] = useActionState(() => acceptInvitationAction(token), null);
  return (
    <form action={action} className="grid gap-3">
      <Button type="submit" disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

export function NewAccountFromInvitation({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(acceptWithNewAccountAction.bind(null, token), null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={action} className="grid gap-4">
      <FormField name="email" label="Email" value={email} readOnly disabled />
      <FormField name="name" label="Your name" autoComplete="name" required error={fields?.name} />
      <FormField
        name="password"
        label="Choose a password"
        type="password"
        autoComplete="new-password"
        required
        error={fields?.password}
        hint="At least 10 characters, with a letter and a digit."
      />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating account…" : "Create account and join"}
      </Button>
    </form>
  );
}
