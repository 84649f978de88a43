import { searchText, type SearchParams } from "@/lib/http/search-params";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth/session-user";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const callbackUrl = searchText(await searchParams, "callbackUrl", 2000);
  if (await getSessionUser()) redirect(safeCallbackUrl(callbackUrl));
  return <SignInForm callbackUrl={safeCallbackUrl(callbackUrl)} />;
}
