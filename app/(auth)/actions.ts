"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { unstable_rethrow } from "next/navigation";
import { getDb } from "@/db";
import { signIn, signOut } from "@/lib/auth/auth";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { signUp } from "@/lib/auth/sign-up";
import type { ActionResult } from "@/lib/tenancy/action-result";
import { toActionError } from "@/lib/tenancy/org-action";
import { formDataToObject } from "@/lib/validation";

function signInMessage(error: CredentialsSignin): string {
  if (error.code.startsWith("locked")) {
    const minutes = error.code.split(":")[1] ?? "15";
    return `Too many failed attempts. Try again in ${minutes} minute${minutes === "1" ? "" : "s"}, or reset your password.`;
  }
  return "That email and password do not match an account. Check both and try again.";
}

export async function signInAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const fields: Record<string, string> = {};
  if (!email) fields.email = "Enter your email address.";
  if (!password) fields.password = "Enter your password.";
  if (Object.keys(fields).length) return { ok: false, error: "Fill in both fields.", fields };
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
    return { ok: true };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof CredentialsSignin) return { ok: false, error: signInMessage(error) };
    if (error instanceof AuthError) return { ok: false, error: "Sign-in failed. Please try again." };
    throw error;
  }
}

export async function signUpAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const input = formDataToObject(form);
  try {
    const { org } = await signUp(getDb(), input);
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: `/o/${org.slug}` });
    return { ok: true };
  } catch (error) {
    return toActionError(error);
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
