"use client";

import { useActionState } from "react";
import { updateProfileAction } from "@/app/(portal)/o/[org]/settings/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

export interface ProfileValues {
  name: string;
  slug: string;
  baseCurrency: string;
  country: string;
  timezone: string;
  monthlyRevenueGoal: string | null;
  defaultPaymentTermDays: number;
}

export function ProfileForm({ values, canEdit, timezones }: { values: ProfileValues; canEdit: boolean; timezones: string[] }) {
  const [state, action, pending] = useActionState(updateProfileAction.bind(null, values.slug), null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={action} className="grid max-w-xl gap-5">
      <fieldset disabled={!canEdit} className="grid gap-5">
        <FormField name="name" label="Organisation name" defaultValue={values.name} required error={fields?.name} />
        <div className="grid gap-5 sm:grid-cols-2">
          <FormField name="baseCurrency" label="Base currency" defaultValue={values.baseCurrency} maxLength={3} required error={fields?.baseCurrency} hint="ISO code, e.g. USD" />
          <FormField name="country" label="Country" defaultValue={values.country} maxLength={2} required error={fields?.country} hint="ISO code, e.g. US" />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="field-timezone">Time zone</Label>
          <NativeSelect id="field-timezone" name="timezone" defaultValue={values.timezone} aria-invalid={fields?.timezone ? true : undefined}>
            {timezones.map((tz) => (
              <option key={tz} value={tz}>
                {tz}
              </option>
            ))}
          </NativeSelect>
          {fields?.timezone ? <p className="text-destructive text-sm">{fields.timezone}</p> : null}
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <FormField
            name="monthlyRevenueGoal"
            label={`Monthly revenue goal (${values.baseCurrency})`}
            defaultValue={values.monthlyRevenueGoal ?? ""}
            inputMode="decimal"
            error={fields?.monthlyRevenueGoal}
            hint="Reports compare revenue with this goal."
          />
          <FormField
            name="defaultPaymentTermDays"
            label="Default payment terms (days)"
            defaultValue={String(values.defaultPaymentTermDays)}
            inputMode="numeric"
            required
            error={fields?.defaultPaymentTermDays}
            hint="Used when a customer has no terms of its own."
          />
        </div>
      </fieldset>
      <FormMessage state={state} />
      {canEdit ? (
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save profile"}
          </Button>
        </div>
      ) : (
        <p className="text-muted-foreground text-sm">Only owners and admins can change the organisation profile.</p>
      )}
    </form>
  );
}
