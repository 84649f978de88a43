"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage } from "@/components/common/form-message";
import { SelectField } from "@/components/common/select-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/tenancy/action-result";

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Posts the file to the upload route (not a server action: those stop at 1 MB, and the import
 * promises 10 MB), then opens the mapping step. Every refusal comes back naming the field.
 */
export function ImportUploadForm({ orgSlug, type, types }: { orgSlug: string; type: string; types: { value: string; label: string }[] }) {
  const router = useRouter();
  const [state, setState] = useState<ActionResult | null>(null);
  const [pending, setPending] = useState(false);
  const fields = state && !state.ok ? state.fields : undefined;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setState({ ok: false, error: "Choose a CSV file.", fields: { file: "Choose a CSV file." } });
    if (file.size > MAX_BYTES) return setState({ ok: false, error: "The file is larger than 10 MB.", fields: { file: "At most 10 MB per file: split it." } });
    setPending(true);
    try {
      const res = await fetch(`/api/o/${orgSlug}/imports`, { method: "POST", body: form });
      const body = (await res.json().catch(() => null)) as { url?: string; error?: { message: string; fields: { field: string; message: string }[] } } | null;
      if (res.ok && body?.url) return router.push(body.url);
      const problems = Object.fromEntries((body?.error?.fields ?? []).map((f) => [f.field, f.message]));
      setState({ ok: false, error: body?.error?.message ?? `The upload failed (${res.status}). Try again.`, fields: problems });
    } catch {
      setState({ ok: false, error: "The upload did not reach the server. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid max-w-xl gap-4 rounded-xl border p-4" noValidate>
      <SelectField name="type" label="The file holds" defaultValue={type} options={types} error={fields?.type} />
      <div className="grid gap-2">
        <Label htmlFor="field-file">CSV file (UTF-8, first line names the columns, at most 10 MB)</Label>
        <Input id="field-file" name="file" type="file" accept=".csv,text/csv" aria-invalid={fields?.file ? true : undefined} />
        {fields?.file ? <p className="text-destructive text-sm">{fields.file}</p> : null}
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Reading the file…" : "Upload and map columns"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
