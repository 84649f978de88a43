"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signInAction } from "@/app/(auth)/actions";
import { FormField } from "@/components/common/form-field";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Sign in</CardTitle>
        <CardDescription>Welcome back. Use the email you were invited with.</CardDescription>
      </CardHeader>
      <form action={action}>
        <CardContent className="grid gap-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
          <FormField name="email" label="Email" type="email" autoComplete="email" required error={fields?.email} />
          <FormField name="password" label="Password" type="password" autoComplete="current-password" required error={fields?.password} />
          <FormMessage state={state} />
        </CardContent>
        <CardFooter className="mt-6 flex flex-col gap-3">
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
          <p className="text-muted-foreground text-sm">
            New here?{" "}
            <Link className="text-primary underline-offset-4 hover:underline" href="/sign-up">
              Create an account
            </Link>
          </p>
        </CardFooter>
      </form>
    </Card>
  );
}
