"use client";

import { useActionState } from "react";
import { connectXeroAction, disconnectXeroAction, testXeroConnectionAction } from "@/app/(portal)/o/[org]/settings/integrations/actions";
import { ConfirmActionButton } from "@/components/common/confirm-action-button";
import { FormMessage } from "@/components/common/form-message";
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
  return (
    <ConfirmActionButton
      action={disconnectXeroAction}
      orgSlug={orgSlug}
      hidden={{}}
      label="Disconnect"
      variant="ghost"
      title={`Disconnect ${tenantName}?`}
      description="Syncing stops. Everything already synced stays here, and changes waiting to sync are kept: connect again and they continue where they stopped."
      confirmLabel="Disconnect Xero"
    />
  );
}
