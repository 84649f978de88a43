import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutOthersForm } from "@/components/account/sign-out-others-form";
import { PageHeader } from "@/components/common/page-header";
import { PlainHeader } from "@/components/shell/plain-header";
import { requireSessionUser } from "@/lib/auth/session-user";

export const metadata: Metadata = { title: "Your account" };

/** The signed-in person's own settings: password and sessions (organisation settings live under Settings). */
export default async function AccountPage() {
  const user = await requireSessionUser("/account");
  return (
    <div className="min-h-screen">
      <PlainHeader email={user.email} />
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
