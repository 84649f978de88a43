import type { Metadata } from "next";
import { Mail } from "lucide-react";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { ensureDatabaseReady, getDb } from "@/db";
import { requireSessionUser } from "@/lib/auth/session-user";
import { getEnv } from "@/lib/env";
import { listDevMail } from "@/lib/mail/dev-mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };

/**
 * The emails the app wrote instead of sending (no SMTP server configured), for the signed-in
 * person: their own mail only, all of it for platform admins. Absent in production.
 */
export default async function DevMailboxPage() {
  // Read at request time: never prerendered, so the build never opens the database.
  await connection();
  const env = getEnv();
  if (env.mode === "production" || env.mail.smtpUrl) notFound();
  const viewer = await requireSessionUser("/dev/mailbox");
  await ensureDatabaseReady();
  const mails = await listDevMail(getDb(), viewer);
  return (
    <main className="mx-auto max-w-3xl p-4 md:p-8">
      <PageHeader title="Dev mailbox" description={`No SMTP server is configured, so emails land here instead of being sent. ${viewer.isPlatformAdmin ? "As a platform admin you see every email." : `Only emails to ${viewer.email} are shown.`} Newest first.`} />
      {mails.length === 0 ? (
        <EmptyState icon={Mail} title="No emails yet">
          Emails addressed to you appear here. An invitation you send shows its link on Settings → Members too.
        </EmptyState>
      ) : (
        <ul className="grid gap-4">
          {mails.map((m) => (
            <li key={m.id} className="rounded-xl border p-4" data-testid="dev-mail">
              <div className="text-muted-foreground text-xs">
                To {m.to} · {m.createdAt.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}
              </div>
              <h2 className="mt-1 font-semibold">{m.subject}</h2>
              <pre className="mt-2 font-sans text-sm whitespace-pre-wrap">{m.text}</pre>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
