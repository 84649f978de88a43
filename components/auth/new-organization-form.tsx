"use client";

import { useActionState } from "react";
import { createOrganizationAction } from "@/app/(auth)/new-organization/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export function NewOrganizationForm() {
  const [state, action, pending] = useActionState(createOrganizationAction, null);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Create an organisation</CardTitle>
        <CardDescription>Each organisation has its own customers, deals and Xero connection. You will be its owner.</CardDescription>
      </CardHeader>
      <form action={action}>
        <CardContent className="grid gap-4">
          <FormField name="name" label="Organisation name" required error={state && !state.ok ? state.fields?.name : undefined} />
          <FormMessage state={state} />
        </CardContent>
        <CardFooter className="mt-6">
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Creating…" : "Create organisation"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
