import type { Metadata } from "next";
import { Landmark } from "lucide-react";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutOthersForm } from "@/components/account/sign-out-others-form";
import { PageHeader } from "@/components/common/page-header";
import { requireSessionUser } from "@/lib/auth/session-user";

export const metadata: Metadata = { title: "Your account" };

/** The signed-in person's own settings: password and sessions (organisation settings live under Settings). */
export default async function AccountPage() {
  const user = await requireSessionUser("/account");
  return (
    <div className="min-h-screen">
      <header className="flex h-14 items-center gap-3 border-b px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <Landmark className="text-primary size-5" aria-hidden /> Ledgerbridge
        </Link>
        <span className="text-muted-foreground ml-auto text-sm">{user.email}</span>
      </header>
      <main className="mx-auto grid max-w-3xl gap-10 p-4 md:p-8">
        <PageHeader title="Your account" description={`Signed in as ${user.name} (${user.email}).`} />
        <section className="grid gap-3">
          <h2 className="font-semibold">Password</h2>
          <p className="text-muted-foreground text-sm">Changing it signs out every other browser where you are signed in.</p>
          <ChangePasswordForm />
        </section>
        <section className="grid gap-3">
          <h2 className="font-semibold">Sessions</h2>
          <p className="text-muted-foreground text-sm">Lost a laptop or used a shared computer? End every session but this one.</p>
          <SignOutOthersForm />
        </section>
      </main>
    </div>
  );
}
