"use client";

import { useActionState } from "react";
import { signOutOtherSessionsAction } from "@/app/account/actions";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";

export function SignOutOthersForm() {
  const [state, action, pending] = useActionState(signOutOtherSessionsAction, null);
  return (
    <form action={action} className="grid max-w-md gap-3">
      <div>
        <Button type="submit" variant="outline" disabled={pending}>
          {pending ? "Signing out…" : "Sign out all other sessions"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
