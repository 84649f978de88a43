"use client";

import { useActionState } from "react";
import { saveStageAction } from "@/app/(portal)/o/[org]/settings/crm-actions";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** One stage's name and win probability, or a new stage when no id is given. */
export function StageRowForm({ orgSlug, stage }: { orgSlug: string; stage?: { id: string; name: string; probability: number; kind: string } }) {
  const [state, action, pending] = useActionState(saveStageAction.bind(null, orgSlug), null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={action} className="grid gap-1">
      {stage ? <input type="hidden" name="id" value={stage.id} /> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Input name="name" defaultValue={stage?.name} placeholder="New stage name" aria-label="Stage name" className="w-48" aria-invalid={fields?.name ? true : undefined} />
        <Input name="probability" defaultValue={stage?.probability ?? 50} inputMode="numeric" aria-label="Win probability (%)" className="w-20" aria-invalid={fields?.probability ? true : undefined} />
        <span className="text-muted-foreground text-sm">%</span>
        {stage && stage.kind !== "open" ? <span className="text-muted-foreground text-xs">({stage.kind})</span> : null}
        <Button type="submit" variant="outline" size="sm" disabled={pending}>
          {stage ? "Save" : "Add stage"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
