"use client";

import Link from "next/link";
import { useActionState } from "react";
import { retrySyncAction } from "@/app/(portal)/o/[org]/sync/actions";
import { FormMessage } from "@/components/common/form-message";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

export interface ErrorRow {
  id: string;
  recordName: string;
  recordKind: string;
  href: string | null;
  causeLabel: string;
  fix: string;
  xeroMessage: string | null;
  attempts: number;
  at: string;
}

type RetryAction = typeof retrySyncAction;

function RetryOne({ orgSlug, id, retry }: { orgSlug: string; id: string; retry: RetryAction }) {
  const [state, action, pending] = useActionState(retry.bind(null, orgSlug), null);
  return (
    <form action={action} className="grid justify-items-end gap-1">
      <input type="hidden" name="scope" value="selected" />
      <input type="hidden" name="ids" value={id} />
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        {pending ? "Retrying…" : "Retry"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

/**
 * The error log: each failed record with Xero's words and ours, a link to the record, and Retry for
 * one, the ticked ones, or all. The check boxes belong to the "selected" form by their `form`
 * attribute, so each row's own Retry can be a form of its own. `orgSlug` is what the action is bound
 * to (the platform admin's pages pass the organisation's id and their own retry action).
 */
export function ErrorLog({ orgSlug, rows, cause, retry = retrySyncAction, formId = "retry-selected" }: { orgSlug: string; rows: ErrorRow[]; cause?: string; retry?: RetryAction; formId?: string }) {
  const [state, action, pending] = useActionState(retry.bind(null, orgSlug), null);
  return (
    <div className="grid gap-4">
      <form id={formId} action={action} className="flex flex-wrap items-center gap-2">
        {cause ? <input type="hidden" name="cause" value={cause} /> : null}
        <Button type="submit" name="scope" value="selected" variant="outline" disabled={pending}>
          Retry selected
        </Button>
        <Button type="submit" name="scope" value="all" disabled={pending}>
          {pending ? "Queuing…" : `Retry all ${rows.length}`}
        </Button>
        <FormMessage state={state} />
      </form>
      <ul className="grid gap-3" aria-label="Failed records">
        {rows.map((r) => (
          <li key={r.id} className="grid gap-3 rounded-xl border p-4 sm:grid-cols-[auto_1fr_auto]" data-testid="sync-error">
            <input type="checkbox" name="ids" value={r.id} form={formId} aria-label={`Select ${r.recordName}`} className="mt-1" />
            <div className="grid min-w-0 gap-1">
              <div className="flex flex-wrap items-center gap-2">
                {r.href ? (
                  <Link href={r.href} className="font-medium underline-offset-4 hover:underline">
                    {r.recordName}
                  </Link>
                ) : (
                  <span className="font-medium">{r.recordName}</span>
                )}
                <span className="text-muted-foreground text-xs">{r.recordKind}</span>
                <Badge variant="destructive">{r.causeLabel}</Badge>
              </div>
              <p className="text-sm">{r.fix}</p>
              {r.xeroMessage ? <p className="text-muted-foreground text-xs break-words">Xero said: “{r.xeroMessage}”</p> : null}
              <p className="text-muted-foreground text-xs">
                {r.attempts} attempt{r.attempts === 1 ? "" : "s"} · {new Date(r.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}
              </p>
            </div>
            <RetryOne orgSlug={orgSlug} id={r.id} retry={retry} />
          </li>
        ))}
      </ul>
    </div>
  );
}
