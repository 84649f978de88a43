"use client";

import { useActionState } from "react";
import { inviteMemberAction } from "@/app/(portal)/o/[org]/settings/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

export function InviteForm({ orgSlug, roles }: { orgSlug: string; roles: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState(inviteMemberAction.bind(null, orgSlug), null);
  const fields = state && !state.ok ? state.fields : undefined;
  const link = state?.ok ? (state.data as { link?: string } | undefined)?.link : undefined;
  return (
    <form action={action} className="grid gap-4 rounded-xl border p-4">
      <h2 className="font-semibold">Invite a member</h2>
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
        <FormField name="email" label="Email" type="email" required error={fields?.email} placeholder="name@company.com" />
        <div className="grid gap-2">
          <Label htmlFor="invite-role">Role</Label>
          <NativeSelect id="invite-role" name="role" defaultValue="sales">
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send invitation"}
        </Button>
      </div>
      <FormMessage state={state} />
      {link ? (
        <p className="text-muted-foreground text-sm break-all">
          You can also share the link directly: <code data-testid="invitation-link">{link}</code>
        </p>
      ) : null}
    </form>
  );
}
