"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Create your account</CardTitle>
        <CardDescription>You will own a new organisation and can invite your team next.</CardDescription>
      </CardHeader>
      <form action={action}>
        <CardContent className="grid gap-4">
          <FormField name="name" label="Your name" autoComplete="name" required error={fields?.name} />
          <FormField name="email" label="Work email" type="email" autoComplete="email" required error={fields?.email} />
          <FormField
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            error={fields?.password}
            hint="At least 10 characters, with a letter and a digit."
          />
          <FormField name="organizationName" label="Organisation name" required error={fields?.organizationName} placeholder="Acme Agency" />
          <FormMessage state={state} />
        </CardContent>
        <CardFooter className="mt-6 flex flex-col gap-3">
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Creating…" : "Create account"}
          </Button>
          <p className="text-muted-foreground text-sm">
            Already have an account?{" "}
            <Link className="text-primary underline-offset-4 hover:underline" href="/sign-in">
              Sign in
            </Link>
          </p>
        </CardFooter>
      </form>
    </Card>
  );
}
