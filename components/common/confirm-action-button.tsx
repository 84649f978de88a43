"use client";

import { useActionState, useRef } from "react";
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
import type { ActionResult } from "@/lib/tenancy/action-result";

type OrgActionFn = (orgSlug: string, prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/** A destructive org action behind a confirmation dialog, with its outcome shown under the button. */
export function ConfirmActionButton({
  action,
  orgSlug,
  hidden,
  repeated = {},
  label,
  title,
  description,
  confirmLabel,
  variant = "outline",
}: {
  action: OrgActionFn;
  orgSlug: string;
  hidden: Record<string, string>;
  /** Fields sent once per value (a list of ids). */
  repeated?: Record<string, string[]>;
  label: string;
  title: string;
  description: string;
  confirmLabel: string;
  variant?: "outline" | "ghost" | "destructive";
}) {
  const [state, formAction, pending] = useActionState(action.bind(null, orgSlug), null);
  // The form lives outside the dialog: the dialog unmounts its content on close, which would
  // cancel a submit started from inside it.
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <form ref={formRef} action={formAction}>
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {Object.entries(repeated).flatMap(([k, vs]) => vs.map((v) => <input key={`${k}-${v}`} type="hidden" name={k} value={v} />))}
      </form>
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant={variant} size="sm" disabled={pending}>
            {pending ? `${label}…` : label}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{title}</AlertDialogTitle>
            <AlertDialogDescription>{description}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => formRef.current?.requestSubmit()}>{confirmLabel}</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <FormMessage state={state} />
    </div>
  );
}
