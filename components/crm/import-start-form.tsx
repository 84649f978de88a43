"use client";

import { useActionState } from "react";
import { startImportAction } from "@/app/(portal)/o/[org]/import/actions";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";

export function ImportStartForm({ orgSlug, jobId, hasProblems, validRows }: { orgSlug: string; jobId: string; hasProblems: boolean; validRows?: number }) {
  const [state, action, pending] = useActionState(startImportAction.bind(null, orgSlug), null);
  return (
    <form action={action} className="grid gap-3 rounded-xl border p-4">
      <input type="hidden" name="id" value={jobId} />
      <fieldset className="grid gap-2 text-sm">
        <legend className="mb-1 font-medium">How to import</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="mode" value="all_or_nothing" defaultChecked={!hasProblems} className="mt-1" />
          <span>
            <strong>All or nothing.</strong> Import every row, or nothing at all if any row has a problem.
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="mode" value="valid_only" defaultChecked={hasProblems} className="mt-1" />
          <span>
            <strong>Only the valid rows{validRows === undefined ? "" : ` (${validRows})`}.</strong> Rows with problems are held back; download them, fix them and import them later.
          </span>
        </label>
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Starting…" : "Import"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
