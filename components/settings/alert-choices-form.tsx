"use client";

import { useActionState } from "react";
import { saveAlertChoicesAction } from "@/app/(portal)/o/[org]/settings/alerts/actions";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ALERT_KIND_INFO, type AlertKind } from "@/lib/alerts/alert-kinds";

/** A member's own alerts: for each kind their role receives, in the portal and/or by email. */
export function AlertChoicesForm({ orgSlug, choices }: { orgSlug: string; choices: { kind: AlertKind; inApp: boolean; email: boolean }[] }) {
  const [state, action, pending] = useActionState(saveAlertChoicesAction.bind(null, orgSlug), null);
  return (
    <form action={action} className="grid gap-3" aria-label="Your alerts">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Alert</TableHead>
            <TableHead className="w-28 text-center">In the portal</TableHead>
            <TableHead className="w-28 text-center">By email</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {choices.map((c) => (
            <TableRow key={c.kind}>
              <TableCell>
                <input type="hidden" name="kind" value={c.kind} />
                <div className="font-medium">{ALERT_KIND_INFO[c.kind].label}</div>
                <div className="text-muted-foreground text-xs">{ALERT_KIND_INFO[c.kind].description}</div>
              </TableCell>
              <TableCell className="text-center">
                <input type="checkbox" name={`inApp:${c.kind}`} defaultChecked={c.inApp} aria-label={`${ALERT_KIND_INFO[c.kind].label} in the portal`} />
              </TableCell>
              <TableCell className="text-center">
                <input type="checkbox" name={`email:${c.kind}`} defaultChecked={c.email} aria-label={`${ALERT_KIND_INFO[c.kind].label} by email`} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save my alerts"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
