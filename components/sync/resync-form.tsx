"use client";

import { useActionState } from "react";
import { resyncAction } from "@/app/(portal)/o/[org]/sync/actions";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const TYPES = [
  { value: "contacts", label: "Contacts and customers" },
  { value: "invoices", label: "Invoices (and won deals)" },
  { value: "payments", label: "Payments" },
  { value: "items", label: "Items" },
  { value: "settings", label: "Tax rates, accounts, currencies" },
];

/** Resync chosen kinds of records changed since a date, both ways. */
export function ResyncForm({ orgSlug, resync = resyncAction }: { orgSlug: string; resync?: typeof resyncAction }) {
  const [state, action, pending] = useActionState(resync.bind(null, orgSlug), null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={action} className="grid gap-4" aria-label="Resync">
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Kinds of records</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {TYPES.map((t) => (
            <label key={t.value} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="types" value={t.value} defaultChecked={t.value === "contacts" || t.value === "invoices"} /> {t.label}
            </label>
          ))}
        </div>
        {fields?.types ? <p className="text-destructive text-sm">{fields.types}</p> : null}
      </fieldset>
      <div className="grid max-w-xs gap-2">
        <Label htmlFor="resync-since">Changed since (empty: everything)</Label>
        <Input id="resync-since" name="since" type="date" aria-invalid={fields?.since ? true : undefined} />
        {fields?.since ? <p className="text-destructive text-sm">{fields.since}</p> : null}
      </div>
      <div>
        <Button type="submit" variant="outline" disabled={pending}>
          {pending ? "Starting…" : "Resync"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
