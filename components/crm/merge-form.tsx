"use client";

import { useState } from "react";
import { mergeCustomersAction } from "@/app/(portal)/o/[org]/customers/health/actions";
import { ConfirmActionButton } from "@/components/common/confirm-action-button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export interface MergeCandidate {
  id: string;
  name: string;
  values: Record<string, string>;
  counts: string;
}

/**
 * One column per customer, one row per field: pick which record stays and which value survives
 * for each field. Fields where all records agree need no choice.
 */
export function MergeForm({ orgSlug, candidates, fields }: { orgSlug: string; candidates: MergeCandidate[]; fields: { key: string; label: string }[] }) {
  const [survivor, setSurvivor] = useState(candidates[0].id);
  const [pick, setPick] = useState<Record<string, string>>({});
  const differing = fields.filter((f) => new Set(candidates.map((c) => c.values[f.key] ?? "")).size > 1);
  const chosen = (field: string) => pick[field] ?? (candidates.find((c) => c.id === survivor)?.values[field] ? survivor : (candidates.find((c) => c.values[field])?.id ?? survivor));
  return (
    <div className="grid gap-4">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Field</TableHead>
            {candidates.map((c) => (
              <TableHead key={c.id}>
                <label className="flex items-center gap-2">
                  <input type="radio" name="survivor" checked={survivor === c.id} onChange={() => setSurvivor(c.id)} aria-label={`Keep ${c.name}`} />
                  Keep {c.name}
                </label>
                <span className="text-muted-foreground text-xs font-normal">{c.counts}</span>
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {differing.map((f) => (
            <TableRow key={f.key}>
              <TableCell className="font-medium">{f.label}</TableCell>
              {candidates.map((c) => (
                <TableCell key={c.id}>
                  <label className="flex items-center gap-2">
                    <input type="radio" name={`pick-${f.key}`} checked={chosen(f.key) === c.id} onChange={() => setPick((p) => ({ ...p, [f.key]: c.id }))} aria-label={`${f.label} from ${c.name}`} />
                    {c.values[f.key] || <span className="text-muted-foreground">empty</span>}
                  </label>
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <MergeSubmit orgSlug={orgSlug} survivorId={survivor} pick={Object.fromEntries(differing.map((f) => [`pick.${f.key}`, chosen(f.key)]))} count={candidates.length} ids={candidates.map((c) => c.id)} />
    </div>
  );
}

function MergeSubmit({ orgSlug, survivorId, pick, count, ids }: { orgSlug: string; survivorId: string; pick: Record<string, string>; count: number; ids: string[] }) {
  // ids travel as repeated "ids" fields; the confirm button posts hidden inputs by name.
  const fields: Record<string, string> = { survivorId, ...pick };
  return (
    <div className="flex justify-end">
      <ConfirmActionButton
        action={mergeCustomersAction}
        orgSlug={orgSlug}
        hidden={fields}
        repeated={{ ids }}
        label={`Merge ${count} customers`}
        variant="destructive"
        title={`Merge ${count} customers into one?`}
        description="Deals, subscriptions and activity move to the customer you keep, with the values you picked. The others are deleted (and archived in Xero if they were there). This cannot be undone."
        confirmLabel="Merge"
      />
    </div>
  );
}
