"use client";

import { useActionState } from "react";
import { uploadImportAction } from "@/app/(portal)/o/[org]/import/actions";
import { FormMessage } from "@/components/common/form-message";
import { SelectField } from "@/components/common/select-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function ImportUploadForm({ orgSlug, type, types }: { orgSlug: string; type: string; types: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState(uploadImportAction.bind(null, orgSlug), null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={action} className="grid max-w-xl gap-4 rounded-xl border p-4">
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
