import { Bell } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { SubmitForm } from "@/components/common/submit-form";
import { getDb } from "@/db";
import { listNotifications } from "@/lib/notifications/notify";
import { requireOrg } from "@/lib/tenancy/require-org";
import { cn } from "@/lib/utils";
import { markAllReadAction } from "./actions";

export default async function NotificationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const items = await listNotifications(getDb(), ctx.user.id, ctx.org.id, 100);
  const unread = items.some((n) => !n.readAt);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Connection problems, sync failures and overdue invoices are posted here."
        actions={unread ? <SubmitForm action={markAllReadAction} orgSlug={slug} label="Mark all as read" variant="outline" size="sm" /> : null}
      />
      {items.length === 0 ? (
        <EmptyState icon={Bell} title="No notifications">
          You are all caught up. When something needs your attention, such as a Xero connection that must be re-authorised, it shows up here.
        </EmptyState>
      ) : (
        <ul className="divide-y rounded-xl border">
          {items.map((n) => (
            <li key={n.id} className={cn("flex flex-col gap-1 p-4", !n.readAt && "bg-muted/40")}>
              <div className="flex items-center gap-2">
                {!n.readAt ? <span className="bg-primary size-2 rounded-full" aria-label="unread" /> : null}
                <span className="font-medium">{n.link ? <Link href={n.link}>{n.title}</Link> : n.title}</span>
                <time className="text-muted-foreground ml-auto text-xs" dateTime={n.createdAt.toISOString()}>
                  {n.createdAt.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}
                </time>
              </div>
              {n.body ? <p className="text-muted-foreground text-sm">{n.body}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
