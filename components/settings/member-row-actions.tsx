"use client";

import { useActionState, useRef } from "react";
import { changeRoleAction, removeMemberAction } from "@/app/(portal)/o/[org]/settings/actions";
import { FormMessage } from "@/components/common/form-message";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
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
  const [state, action, pending] = useActionState(removeMemberAction.bind(null, orgSlug), null);
  // The form lives outside the dialog: the dialog unmounts its content when it closes, which
  // would cancel a submit started from inside it.
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <form ref={formRef} action={action}>
        <input type="hidden" name="userId" value={userId} />
      </form>
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="ghost" size="sm" disabled={pending}>
            {pending ? "Removing…" : "Remove"}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Remove {name}?</AlertDialogTitle>
            <AlertDialogDescription>They lose access to this organisation at once. Their past work stays. You can invite them again later.</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => formRef.current?.requestSubmit()}>Remove member</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <FormMessage state={state} />
    </div>
  );
}
