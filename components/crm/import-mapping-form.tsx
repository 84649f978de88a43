"use client";

import { useActionState } from "react";
import { saveMappingAction } from "@/app/(portal)/o/[org]/import/actions";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";

export function ImportMappingForm({ orgSlug, jobId, fields, headers, mapping }: { orgSlug: string; jobId: string; fields: { key: string; label: string; required?: boolean }[]; headers: string[]; mapping: Record<string, string> }) {
  const [state, action, pending] = useActionState(saveMappingAction.bind(null, orgSlug), null);
  const errors = state && !state.ok ? state.fields : undefined;
  return (
    <form action={action} className="grid gap-3">
      <input type="hidden" name="id" value={jobId} />
      <div className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
        {fields.map((f) => (
          <label key={f.key} className="grid grid-cols-[11rem_1fr] items-center gap-2 text-sm">
            <span>
              {f.label}
              {f.required ? <span className="text-destructive"> *</span> : null}
            </span>
            <NativeSelect name={`map.${f.key}`} defaultValue={mapping[f.key] ?? ""} aria-label={`Column for ${f.label}`} aria-invalid={errors?.[`map.${f.key}`] ? true : undefined}>
              <option value="">(not in the file)</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </NativeSelect>
          </label>
        ))}
      </div>
      <div>
        <Button type="submit" variant="outline" disabled={pending}>
          {pending ? "Checking…" : "Apply mapping and check again"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
