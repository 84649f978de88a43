"use client";

import { useActionState } from "react";
import { changeRoleAction, removeMemberAction } from "@/app/(portal)/o/[org]/settings/actions";
import { FormMessage } from "@/components/common/form-message";
import { ConfirmActionButton } from "@/components/common/confirm-action-button";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";

export function RoleSelect({ orgSlug, userId, role, roles, name }: { orgSlug: string; userId: string; role: string; roles: { value: string; label: string }[]; name: string }) {
  const [state, action, pending] = useActionState(changeRoleAction.bind(null, orgSlug), null);
  return (
    <form action={action} className="flex flex-col gap-1">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex gap-2">
        <NativeSelect name="role" defaultValue={role} aria-label={`Role of ${name}`} className="w-32">
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </NativeSelect>
        <Button type="submit" variant="outline" size="sm" disabled={pending}>
          Save
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function RemoveMemberButton({ orgSlug, userId, name }: { orgSlug: string; userId: string; name: string }) {
  return (
    <ConfirmActionButton
      action={removeMemberAction}
      orgSlug={orgSlug}
      hidden={{ userId }}
      label="Remove"
      variant="ghost"
      title={`Remove ${name}?`}
      description="They lose access to this organisation at once. Their past work stays. You can invite them again later."
      confirmLabel="Remove member"
    />
  );
}
