import type { Metadata } from "next";
import { desc } from "drizzle-orm";
import { Mail } from "lucide-react";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { ensureDatabaseReady, getDb } from "@/db";
import { devMailbox } from "@/db/schema";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Dev mailbox" };

/** Every email the app sent while no SMTP server is configured. Absent in production. */
export default async function DevMailboxPage() {
  // Read at request time: never prerendered, so the build never opens the database.
  await connection();
  const env = getEnv();
  if (env.mode === "production" || env.mail.smtpUrl) notFound();
  await ensureDatabaseReady();
  const mails = await getDb().select().from(devMailbox).orderBy(desc(devMailbox.createdAt)).limit(50);
  return (
    <main className="mx-auto max-w-3xl p-4 md:p-8">
      <PageHeader title="Dev mailbox" description="No SMTP server is configured, so emails land here instead of being sent. Newest first." />
      {mails.length === 0 ? (
        <EmptyState icon={Mail} title="No emails yet">
          Invite a member under Settings → Members and the invitation email appears here.
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
