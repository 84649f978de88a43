"use client";

import { useActionState, useRef } from "react";
import { connectXeroAction, disconnectXeroAction, testXeroConnectionAction } from "@/app/(portal)/o/[org]/settings/integrations/actions";
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

export function ConnectXeroButton({ orgSlug, label }: { orgSlug: string; label: string }) {
  const [state, action, pending] = useActionState(connectXeroAction.bind(null, orgSlug), null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <Button type="submit" disabled={pending}>
        {pending ? "Opening Xero…" : label}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

export function TestXeroButton({ orgSlug }: { orgSlug: string }) {
  const [state, action, pending] = useActionState(testXeroConnectionAction.bind(null, orgSlug), null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <Button type="submit" variant="outline" disabled={pending}>
        {pending ? "Testing…" : "Test connection"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

export function DisconnectXeroButton({ orgSlug, tenantName }: { orgSlug: string; tenantName: string }) {
  const [state, action, pending] = useActionState(disconnectXeroAction.bind(null, orgSlug), null);
  // The form sits outside the dialog: the dialog unmounts its content as it closes.
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <div className="flex flex-col gap-2">
      <form ref={formRef} action={action} />
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="ghost" disabled={pending}>
            {pending ? "Disconnecting…" : "Disconnect"}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Disconnect {tenantName}?</AlertDialogTitle>
            <AlertDialogDescription>
              Syncing stops. Everything already synced stays here, and changes waiting to sync are kept: connect again and they continue where they stopped.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => formRef.current?.requestSubmit()}>Disconnect Xero</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <FormMessage state={state} />
    </div>
  );
}
